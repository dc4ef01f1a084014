import { describe, expect, it } from 'vitest';
import { headerValue } from './headerValue.js';

describe('headerValue', () => {
  it('finds a header in any case, in a record or in Headers', () => {
    expect(headerValue({ 'idempotency-key': 'k1' }, 'Idempotency-Key')).toBe('k1');
    expect(headerValue({ 'IDEMPOTENCY-KEY': 'k1' }, 'Idempotency-Key')).toBe('k1');
    expect(headerValue({ 'idempotency-key': ['k1'] }, 'Idempotency-Key')).toBe('k1');
    expect(headerValue(new Headers({ 'Idempotency-Key': 'k1' }), 'idempotency-key')).toBe('k1');
  });

  it('is null when absent, and undefined when sent more than once', () => {
    expect(headerValue({ other: 'x', 'idempotency-key': undefined }, 'Idempotency-Key')).toBeNull();
    expect(headerValue(new Headers(), 'Idempotency-Key')).toBeNull();
    expect(headerValue({ 'idempotency-key': ['k1', 'k2'] }, 'Idempotency-Key')).toBeUndefined();
    expect(headerValue({ 'idempotency-key': 'k1', 'Idempotency-Key': 'k2' }, 'Idempotency-Key')).toBeUndefined();
    expect(headerValue({ 'idempotency-key': [] }, 'Idempotency-Key')).toBeUndefined();
  });
});
