import { isIP } from 'node:net';

/** Longest key kept from an id that is not an address (a custom adapter's own). */
const MAX_OTHER = 128;

/** The eight 16-bit groups of an IPv6 address, or null. */
function ipv6Groups(address: string): number[] | null {
  const [head = '', tail] = address.split('::');
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  let left = split(head);
  let right = tail === undefined ? [] : split(tail);
  // An embedded IPv4 address takes the last two groups.
  const last = (tail === undefined ? left : right).at(-1) ?? '';
  if (last.includes('.')) {
    const bytes = last.split('.').map(Number);
    const v4 = [((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0), ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)].map((n) => n.toString(16));
    if (tail === undefined) left = [...left.slice(0, -1), ...v4];
    else right = [...right.slice(0, -1), ...v4];
  }
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => parseInt(group, 16));
}

/**
 * The key one client's requests count against, for rate limits and stream caps: an IPv4 address
 * as it is; an IPv6 address as its /64 network, since one household, phone or server is handed a
 * whole /64 and can rotate addresses inside it at will; an IPv4-mapped IPv6 address as the IPv4
 * address. Anything that is not an address (a custom adapter's own client id) is kept as given,
 * capped; no id at all is `unknown`.
 *
 * @example clientKey('2001:db8:1:2:aaaa::1') // 'ip6:2001:db8:1:2::/64'
 * @example clientKey('::ffff:203.0.113.7') // 'ip4:203.0.113.7'
 */
export function clientKey(clientId: string | undefined | null): string {
  if (typeof clientId !== 'string' || clientId === '') return 'unknown';
  const address = clientId.replace(/%.*$/, '');
  const version = isIP(address);
  if (version === 4) return `ip4:${address}`;
  if (version === 6) {
    const groups = ipv6Groups(address.toLowerCase());
    if (groups !== null) {
      const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
      if (mapped) return `ip4:${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
      return `ip6:${groups
        .slice(0, 4)
        .map((group) => group.toString(16))
        .join(':')}::/64`;
    }
  }
  return `id:${clientId.slice(0, MAX_OTHER)}`;
}
