import { isIP } from 'node:net';

/**
 * The client's address as Express worked it out (`req.ip`, through `trust proxy`), or the
 * connection's own address when that is not an address at all: a made-up `X-Forwarded-For` entry
 * must not become a fresh rate-limit key. Pass it through `clientKey` to group IPv6 by /64.
 *
 * @example clientKey(clientAddress(req)) // 'ip4:203.0.113.7'
 */
export function clientAddress(req: { ip?: string | undefined; socket: { remoteAddress?: string | undefined } }): string | undefined {
  for (const candidate of [req.ip, req.socket.remoteAddress]) {
    if (candidate !== undefined && isIP(candidate.replace(/%.*$/, '')) !== 0) return candidate;
  }
  return undefined;
}
