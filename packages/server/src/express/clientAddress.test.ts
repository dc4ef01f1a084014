import { describe, expect, it } from 'vitest';
import { clientAddress } from './clientAddress.js';

describe('clientAddress', () => {
  it('takes the address Express worked out, or the connection’s when that is not an address', () => {
    expect(clientAddress({ ip: '203.0.113.7', socket: { remoteAddress: '127.0.0.1' } })).toBe('203.0.113.7');
    expect(clientAddress({ ip: '2001:db8::1', socket: {} })).toBe('2001:db8::1');
    expect(clientAddress({ ip: 'not-an-address', socket: { remoteAddress: '::ffff:127.0.0.1' } })).toBe('::ffff:127.0.0.1');
    expect(clientAddress({ ip: 'fe80::1%eth0', socket: {} })).toBe('fe80::1%eth0');
    expect(clientAddress({ ip: undefined, socket: {} })).toBeUndefined();
  });
});
