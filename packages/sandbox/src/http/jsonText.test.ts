import { describe, expect, it } from 'vitest';

import { JsonDecimal, jsonDecimal, toJsonText } from './jsonText.js';

describe('toJsonText', () => {
  it('writes decimals as bare JSON numbers with exactly their digits', () => {
    const text = toJsonText({ amount: jsonDecimal('18.0098'), tiny: jsonDecimal('0.00000001'), big: jsonDecimal('123456789012345678.5') });
    expect(text).toBe('{"amount":18.0098,"tiny":0.00000001,"big":123456789012345678.5}');
    expect(JSON.parse(text).amount).toBe(18.0098);
  });

  it('leaves strings alone, even ones that look like the marker', () => {
    const sneaky = '\u0000num-000000000000:1\u0000';
    expect(JSON.parse(toJsonText({ s: sneaky, n: 1 }))).toEqual({ s: sneaky, n: 1 });
  });

  it('canonicalises the decimal and refuses non-decimals', () => {
    expect(new JsonDecimal('18.50').text).toBe('18.5');
    expect(() => jsonDecimal('1e5')).toThrow();
  });
});
