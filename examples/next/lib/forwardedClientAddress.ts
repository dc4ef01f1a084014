import { isIP } from 'node:net';

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * The buyer's address as the proxies in front of the shop recorded it: the entry `trustedProxies`
 * places from the right of `X-Forwarded-For`, which the nearest proxy appended and no client can
 * write. With no proxy (0), `next start` passes on an `X-Forwarded-For` a client sent itself, so
 * only a loopback address is taken (a browser on this machine; a client claiming one only joins
 * this machine's limit): anyone else has no address, and all of them share one limit.
 *
 * @example forwardedClientAddress(request, 1) // '203.0.113.7' from 'X-Forwarded-For: 10.9.9.9, 203.0.113.7'
 */
export function forwardedClientAddress(request: Request, trustedProxies: number): string | undefined {
  const entries = (request.headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim());
  const entry = entries.at(-Math.max(trustedProxies, 1));
  if (entry === undefined || isIP(entry) === 0) return undefined;
  return trustedProxies > 0 || LOOPBACK.test(entry) ? entry : undefined;
}
