import { describe, expect, it } from 'vitest';
import { forwardedClientAddress } from './forwardedClientAddress';

const from = (forwardedFor?: string) =>
  new Request('http://127.0.0.1/api/pay/orders', { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } });

describe('forwardedClientAddress', () => {
  it('behind proxies, takes the entry the nearest of them appended, not what the client wrote', () => {
    expect(forwardedClientAddress(from('10.9.9.9, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(forwardedClientAddress(from('10.9.9.9, 203.0.113.7, 198.51.100.1'), 2)).toBe('203.0.113.7');
    expect(forwardedClientAddress(from('203.0.113.7'), 2)).toBeUndefined();
    expect(forwardedClientAddress(from('not-an-address'), 1)).toBeUndefined();
    expect(forwardedClientAddress(from(), 1)).toBeUndefined();
  });

  it('with no proxy, takes only a loopback address, which next start sets for a browser on this machine', () => {
    expect(forwardedClientAddress(from('127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(forwardedClientAddress(from('::1'), 0)).toBe('::1');
    // Anything else may be the client's own claim: no address, so no rotating past the limits.
    expect(forwardedClientAddress(from('203.0.113.7'), 0)).toBeUndefined();
    expect(forwardedClientAddress(from('203.0.113.7, 198.51.100.1'), 0)).toBeUndefined();
  });
});
