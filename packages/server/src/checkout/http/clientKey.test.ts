import { describe, expect, it } from 'vitest';
import { clientKey } from './clientKey.js';

describe('clientKey', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientKey('203.0.113.7')).toBe('ip4:203.0.113.7');
    expect(clientKey('127.0.0.1')).toBe('ip4:127.0.0.1');
  });

  it('groups IPv6 addresses by /64, in every spelling', () => {
    const same = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:aaaa:bbbb:cccc:dddd',
      '2001:0DB8:0001:0002:0:0:0:ffff',
      '2001:db8:1:2:ffff::',
      'fe80::1%eth0'.replace('fe80::', '2001:db8:1:2::'),
    ];
    expect(new Set(same.map(clientKey))).toEqual(new Set(['ip6:2001:db8:1:2::/64']));
    expect(clientKey('2001:db8:1:3::1')).toBe('ip6:2001:db8:1:3::/64');
    expect(clientKey('::1')).toBe('ip6:0:0:0:0::/64');
    expect(clientKey('2001:db8::')).toBe('ip6:2001:db8:0:0::/64');
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(clientKey('::ffff:203.0.113.7')).toBe('ip4:203.0.113.7');
    expect(clientKey('::FFFF:cb00:7107')).toBe('ip4:203.0.113.7');
  });

  it('keeps another id as given, capped, and names a missing one', () => {
    expect(clientKey('session-42')).toBe('id:session-42');
    expect(clientKey('x'.repeat(500))).toHaveLength(3 + 128);
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('')).toBe('unknown');
  });

  it('gives 100 addresses of one /64 one key, and 100 /64s 100 keys', () => {
    const oneNetwork = Array.from({ length: 100 }, (_, i) => `2001:db8:aa:bb:${i.toString(16)}::${(i * 7).toString(16)}`);
    expect(new Set(oneNetwork.map(clientKey)).size).toBe(1);
    const networks = Array.from({ length: 100 }, (_, i) => `2001:db8:aa:${i.toString(16)}::1`);
    expect(new Set(networks.map(clientKey)).size).toBe(100);
  });
});
