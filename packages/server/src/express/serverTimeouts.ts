import type { Server } from 'node:http';

/** What the checkout sets on a server still at Node's defaults. */
export interface ServerTimeouts {
  /** Time to receive a request's headers (Node's default 60 s). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (Node's default 300 s); never limits a response, so event streams are not cut. */
  requestTimeoutMs: number;
}

export const CHECKOUT_SERVER_TIMEOUTS: Readonly<ServerTimeouts> = Object.freeze({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });

const NODE_DEFAULTS = { headersTimeout: 60_000, requestTimeout: 300_000 };
const tightened = new WeakSet<Server>();

/**
 * Shortens the time a client may take to send its request's headers and body, so that hundreds of
 * connections that never finish a request cannot hold the process's file descriptors for minutes.
 * Only values still at Node's defaults are changed: a server configured on purpose is left as it
 * is. Each server is looked at once.
 *
 * @example tightenServerTimeouts(req.socket.server, CHECKOUT_SERVER_TIMEOUTS)
 */
export function tightenServerTimeouts(server: Server | undefined, timeouts: ServerTimeouts): void {
  if (server === undefined || tightened.has(server)) return;
  tightened.add(server);
  if (server.headersTimeout === NODE_DEFAULTS.headersTimeout) server.headersTimeout = timeouts.headersTimeoutMs;
  if (server.requestTimeout === NODE_DEFAULTS.requestTimeout)
    server.requestTimeout = Math.max(timeouts.requestTimeoutMs, server.headersTimeout);
}
