import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeadersOptions {
  /** The shop's public origin is https: send HSTS and upgrade stray http requests. */
  https: boolean;
  /** Vite's dev middleware serves the page (hot reload): it needs inline scripts and a WebSocket, so no CSP. */
  devFrontEnd: boolean;
}

/**
 * The shop's security headers, with `helmet`. A CSP under which the built page runs: its own
 * scripts only, nothing inline, no plugins, and no framing by any site (X-Frame-Options DENY for
 * older browsers); styles may be inline because Radix's dialog adds a `<style>` element to lock the
 * page's scroll. `Referrer-Policy: same-origin`: a receipt's address holds the cart id, so it never
 * leaves the site, while the page's own requests still carry their `Origin`. HSTS only when the
 * public origin is https (see the README: a browser would otherwise pin `localhost` to https).
 *
 * @example app.use(securityHeaders({ https: publicUrl.startsWith('https:'), devFrontEnd: false }));
 */
export function securityHeaders({ https, devFrontEnd }: SecurityHeadersOptions): RequestHandler {
  const directives = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    // Nostr Wallet Connect speaks to the buyer's wallet through its relay, over a secure WebSocket.
    'connect-src': ["'self'", 'wss:'],
    'font-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
  return helmet({
    contentSecurityPolicy: devFrontEnd ? false : { useDefaults: false, directives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
