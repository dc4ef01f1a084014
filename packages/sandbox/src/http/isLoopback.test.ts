import { describe, expect, it } from 'vitest';

import { isLoopback } from './isLoopback.js';

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('accepts %s', (address) => {
    expect(isLoopback(address)).toBe(true);
  });

  it.each(['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '127.0.0.1.evil', undefined])('refuses %s', (address) => {
    expect(isLoopback(address)).toBe(false);
  });
});
