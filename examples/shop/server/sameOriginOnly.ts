import type { RequestHandler } from 'express';

/**
 * Refuses, 403 `cross_origin_refused`, a request a browser sent from another site: `Sec-Fetch-Site`
 * other than `same-origin` (every current browser sends it, and a page cannot forge it), or an
 * `Origin` (sent on every cross-origin request and every POST, `null` when hidden) naming another
 * host than the one the request was sent to, unless it is one of `trustedOrigins`. A request with
 * neither header is not from a browser, so no page can have sent it on a buyer's behalf.
 *
 * @example router.post('/orders/:orderId/:action', sameOriginOnly(['http://localhost:6006']), act);
 */
export function sameOriginOnly(trustedOrigins: readonly string[] = []): RequestHandler {
  return (req, res, next) => {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const trusted = origin !== undefined && trustedOrigins.includes(origin);
    const sameHost = origin !== undefined && hostOf(origin) === req.headers.host?.toLowerCase();
    const refused = (site !== undefined && site !== 'same-origin' && !trusted) || (origin !== undefined && !sameHost && !trusted);
    if (!refused) return next();
    res.status(403).json({ error: { code: 'cross_origin_refused', message: 'This route answers the shop’s own page only.' } });
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
