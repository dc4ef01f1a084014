import { describe, expect, it } from 'vitest';
import { StatusTokens } from './statusTokens.js';

describe('StatusTokens', () => {
  const tokens = new StatusTokens('a-status-secret-of-at-least-32-chars!');

  it('opens its own order and no other', () => {
    const token = tokens.sign('20240613093614690315');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify('20240613093614690315', token)).toBe(true);
    expect(tokens.verify('20240613093614690316', token)).toBe(false);
  });

  it('refuses a token from another secret, a tampered one and malformed ones', () => {
    const token = tokens.sign('1');
    expect(new StatusTokens('another-secret-of-at-least-32-chars!!').verify('1', token)).toBe(false);
    const tampered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    for (const bad of [tampered, '', token.slice(1), `${token}=`, 'é'.repeat(43), token.toUpperCase()]) {
      if (bad !== token) expect(tokens.verify('1', bad)).toBe(false);
    }
  });
});
