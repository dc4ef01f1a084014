import type { ServerOptions } from 'node:http';

/** How long a client may take, in ms. */
export interface ServerTimeouts {
  /** To send its headers: bounds a connection that never finishes them. */
  headersMs: number;
  /**
   * To send its whole request, body included. It applies to receiving a request only: the
   * checkout's event streams, long-lived answers to a short GET, are not cut by it.
   */
  requestMs: number;
  /**
   * How long an idle connection waits for its next request. Behind a proxy that reuses
   * connections, make it longer than the proxy's own idle timeout, or the proxy may send a
   * request down a connection just as the shop closes it.
   */
  keepAliveMs: number;
  /** How often the first two are checked; Node's default of 30 s would let a slow client stay twice as long. */
  checkEveryMs: number;
}

/**
 * The shop's HTTP server options: Node's defaults (60 s for headers, 300 s for a request) let
 * slow clients hold hundreds of sockets for minutes; these hold each for seconds. A request body
 * here is at most 16 kB, so 30 s is generous on any real connection.
 *
 * @example createServer(serverTimeouts({ requestMs: 10_000 }), app)
 */
export function serverTimeouts(overrides: Partial<ServerTimeouts> = {}): ServerOptions {
  const { headersMs, requestMs, keepAliveMs, checkEveryMs } = {
    headersMs: 10_000,
    requestMs: 30_000,
    keepAliveMs: 5_000,
    checkEveryMs: 1_000,
    ...overrides,
  };
  return { headersTimeout: headersMs, requestTimeout: requestMs, keepAliveTimeout: keepAliveMs, connectionsCheckingInterval: checkEveryMs };
}
