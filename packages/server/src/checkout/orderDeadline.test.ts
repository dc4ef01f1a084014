import { describe, expect, it } from 'vitest';
import { orderDeadline } from './orderDeadline.js';

const T = Date.parse('2026-12-02T12:00:00Z');

describe('orderDeadline for on-chain orders', () => {
  it('runs the window from create_time when it ends in the future', () => {
    expect(orderDeadline({ createdAt: T, ttlMs: 1000, now: T + 400 })).toEqual({ expiresAt: T + 1000, correction: null });
  });

  it('runs it from now, and says so, when create_time put it in the past', () => {
    const deadline = orderDeadline({ createdAt: T, ttlMs: 1000, now: T + 1500 });
    expect(deadline.expiresAt).toBe(T + 2500);
    expect(deadline.correction).toMatch(/create_time 2026-12-02T12:00:00.000Z put the deadline in the past/);
  });

  it('counts a deadline exactly at now as past', () => {
    expect(orderDeadline({ createdAt: T, ttlMs: 1000, now: T + 1000 }).expiresAt).toBe(T + 2000);
  });
});

describe('orderDeadline for Lightning orders', () => {
  const invoice = (timestamp: number, expiresAt: number) => ({ timestamp: timestamp / 1000, expiresAt: expiresAt / 1000 }) as never;

  it('ends at the invoice expiry when it comes before the window', () => {
    expect(orderDeadline({ createdAt: T, ttlMs: 30 * 60_000, now: T, invoice: invoice(T, T + 10 * 60_000) }).expiresAt).toBe(
      T + 10 * 60_000,
    );
  });

  it("starts the window at the invoice's timestamp when create_time lags it (Aurpay's own BLN example)", () => {
    const signed = Date.parse('2026-12-02T12:51:36Z');
    const deadline = orderDeadline({
      createdAt: T,
      ttlMs: 30 * 60_000,
      now: signed + 1000,
      invoice: invoice(signed, signed + 60 * 60_000),
    });
    expect(deadline).toEqual({ expiresAt: signed + 30 * 60_000, correction: null });
  });

  it("uses the invoice's expiry, and says so, when every reading is past", () => {
    const deadline = orderDeadline({ createdAt: T, ttlMs: 60_000, now: T + 120_000, invoice: invoice(T, T + 90_000) });
    expect(deadline.expiresAt).toBe(T + 120_000);
    expect(deadline.correction).toMatch(/invoice's expiry/);
  });
});
