import { describe, expect, it } from 'vitest';

import { createOrderId } from './orderIds.js';

describe('createOrderId', () => {
  it('is the UTC time as YYYYMMDDHHMMSS and six digits', () => {
    const id = createOrderId(Date.UTC(2024, 5, 13, 9, 36, 14, 999), () => false);
    expect(id).toMatch(/^20240613093614\d{6}$/);
  });

  it('skips ids already taken', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) seen.add(createOrderId(0, (id) => seen.has(id)));
    expect(seen.size).toBe(200);
  });

  it('gives up rather than loop forever when every id is taken', () => {
    expect(() => createOrderId(0, () => true)).toThrow(/No free order id/);
  });
});
