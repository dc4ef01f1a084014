import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closedAfterEach, fakeCheckout } from '../test-utils/fakeCheckout.js';

const track = closedAfterEach();
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 10, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('handlers.fulfilments', () => {
  it('retries a hook that fails at first, until it succeeds', async () => {
    let calls = 0;
    const fake = fakeCheckout({
      fulfilment: { firstRetryMs: 1000, maxAttempts: 5 },
      onPaid: (_order, { attempt }) => {
        calls += 1;
        if (attempt < 3) throw new Error('database hiccup');
      },
    });
    track(fake);
    const order = await fake.create();
    fake.client.setUpstream(order.orderId, 'SUCCESS', order.amount);
    await fake.handlers.refreshOrder(order.orderId);
    await vi.advanceTimersByTimeAsync(1000 + 4000);
    await fake.handlers.idle();
    expect(calls).toBe(3);
    expect(await fake.handlers.fulfilments.list('done')).toMatchObject([{ orderId: order.orderId, attempts: 3, state: 'done' }]);
    expect(fake.errors).toHaveLength(2);
  });

  it('lists a hook that always fails as failed, reports it, and runs it again on retry once fixed', async () => {
    let broken = true;
    const fake = fakeCheckout({
      fulfilment: { firstRetryMs: 100, maxAttempts: 3 },
      onPaid: () => {
        if (broken) throw new Error('warehouse API down');
      },
    });
    track(fake);
    const order = await fake.create();
    fake.client.setUpstream(order.orderId, 'SUCCESS', order.amount);
    await fake.handlers.refreshOrder(order.orderId);
    await vi.advanceTimersByTimeAsync(100 + 400 + 1600);
    await fake.handlers.idle();
    const failed = await fake.handlers.fulfilments.list('failed');
    expect(failed).toMatchObject([{ orderId: order.orderId, outcome: 'paid', attempts: 3, lastError: 'Error: warehouse API down' }]);
    expect(fake.errors.at(-1)).toMatchObject({ code: 'fulfilment_failed' });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(await fake.handlers.fulfilments.list('failed')).toHaveLength(1);

    broken = false;
    expect(await fake.handlers.fulfilments.retry(order.orderId, 'paid')).toMatchObject({ state: 'done', attempts: 4 });
    expect(await fake.handlers.fulfilments.list('failed')).toEqual([]);
    expect(await fake.handlers.fulfilments.retry(order.orderId, 'paid')).toBeNull();
    expect(await fake.handlers.fulfilments.retry('20240613093614690000', 'paid')).toBeNull();
  });
});
