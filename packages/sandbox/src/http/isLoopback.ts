/**
 * Whether a socket's remote address is the loopback interface (IPv4 127/8, IPv6 ::1, or IPv4
 * loopback mapped into IPv6).
 *
 * @example isLoopback('::ffff:127.0.0.1') // true
 */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (/^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '::1');
}
