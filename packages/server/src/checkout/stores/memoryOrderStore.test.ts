import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryOrderStore } from './memoryOrderStore.js';
import { storedOrder } from '../test-utils/storedOrder.js';

describe('MemoryOrderStore', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores copies and finds orders by id and callback reference', async () => {
    const store = new MemoryOrderStore();
    const order = storedOrder();
    await store.put(order);
    order.status = 'paid';
    const read = await store.get(order.orderId);
    expect(read?.status).toBe('awaiting_payment');
    if (read !== null) read.status = 'paid';
    expect((await store.findByCallbackRef('AAAAAAAAAAAAAAAAAAAAAA'))?.status).toBe('awaiting_payment');
    expect(await store.get('nope')).toBeNull();
    expect(await store.findByCallbackRef('nope')).toBeNull();
  });

  it('writes a status only over the expected version', async () => {
    const store = new MemoryOrderStore();
    await store.put(storedOrder());
    const update = {
      status: 'paid' as const,
      aurpayStatus: 'SUCCESS',
      paidAmount: '18.0098',
      updatedAt: 1_000_500,
      gatewayUpdatedAt: null,
    };
    const written = await store.compareAndSetStatus('20240613093614690315', 1, update);
    expect(written).toMatchObject({ ...update, version: 2 });
    expect(await store.compareAndSetStatus('20240613093614690315', 1, { ...update, status: 'expired' })).toBeNull();
    expect(await store.compareAndSetStatus('unknown', 1, update)).toBeNull();
    expect((await store.get('20240613093614690315'))?.status).toBe('paid');
  });

  it('reserves, completes, releases and expires idempotency keys', async () => {
    const store = new MemoryOrderStore();
    expect(await store.reserveIdempotencyKey('k', 'fp', 1000)).toEqual({ state: 'reserved' });
    expect(await store.reserveIdempotencyKey('k', 'other', 1000)).toEqual({ state: 'pending', fingerprint: 'fp' });
    await store.completeIdempotencyKey('k', 'fp', { status: 201, body: { orderId: '1' } }, 5000);
    expect(await store.reserveIdempotencyKey('k', 'fp', 1000)).toEqual({
      state: 'completed',
      fingerprint: 'fp',
      response: { status: 201, body: { orderId: '1' } },
    });
    vi.advanceTimersByTime(5000);
    expect(await store.reserveIdempotencyKey('k', 'fp2', 1000)).toEqual({ state: 'reserved' });
    await store.releaseIdempotencyKey('k');
    expect(await store.reserveIdempotencyKey('k', 'fp3', 1000)).toEqual({ state: 'reserved' });
    vi.advanceTimersByTime(1000);
    expect(await store.reserveIdempotencyKey('k', 'fp4', 1000)).toEqual({ state: 'reserved' });
  });

  it('forgets orders a retention period after they expire', async () => {
    const store = new MemoryOrderStore({ retainMs: 60_000 });
    await store.put(storedOrder({ expiresAt: 1_000_000 }));
    vi.advanceTimersByTime(59_999);
    await store.put(storedOrder({ orderId: '2', callbackRef: 'BBBBBBBBBBBBBBBBBBBBBB', expiresAt: 5_000_000 }));
    expect(await store.get('20240613093614690315')).not.toBeNull();
    vi.advanceTimersByTime(60_001);
    await store.put(storedOrder({ orderId: '3', callbackRef: 'CCCCCCCCCCCCCCCCCCCCCC', expiresAt: 5_000_000 }));
    expect(await store.get('20240613093614690315')).toBeNull();
    expect(await store.findByCallbackRef('AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
    expect(await store.get('2')).not.toBeNull();
  });

  it('keeps an order past retention while its fulfilment is still owed', async () => {
    const store = new MemoryOrderStore({ retainMs: 60_000 });
    await store.put(storedOrder({ expiresAt: 1_000_000 }));
    await store.compareAndSetStatus(
      '20240613093614690315',
      1,
      { status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098', updatedAt: 1_000_001, gatewayUpdatedAt: null },
      'paid',
    );
    vi.advanceTimersByTime(120_000);
    await store.put(storedOrder({ orderId: '2', callbackRef: 'BBBBBBBBBBBBBBBBBBBBBB', expiresAt: 5_000_000 }));
    expect(await store.get('20240613093614690315')).not.toBeNull();
    await store.claimFulfilment('20240613093614690315', 'paid', { owner: 'a', now: 1_120_000, leaseMs: 1000 });
    await store.completeFulfilment('20240613093614690315', 'paid', { owner: 'a', now: 1_120_000 });
    vi.advanceTimersByTime(60_000);
    await store.put(storedOrder({ orderId: '3', callbackRef: 'CCCCCCCCCCCCCCCCCCCCCC', expiresAt: 5_000_000 }));
    expect(await store.get('20240613093614690315')).toBeNull();
    expect(await store.getFulfilment('20240613093614690315', 'paid')).toBeNull();
  });

  it('keeps every map bounded: orders by retention, idempotency keys by expiry, leases once lapsed', async () => {
    const store = new MemoryOrderStore({ retainMs: 60_000 });
    for (let i = 0; i < 100; i += 1) {
      await store.put(storedOrder({ orderId: `order-${i}`, callbackRef: `ref-${i}`, expiresAt: Date.now() }));
      await store.reserveIdempotencyKey(`orders:${i}`, 'fp', 1000);
      await store.acquireLease(`lease-${i}`, { owner: 'a', now: Date.now(), ttlMs: 1000 });
    }
    expect(store.size).toEqual({ orders: 100, fulfilments: 0, idempotencyKeys: 100, leases: 100 });
    vi.advanceTimersByTime(60_000);
    await store.put(storedOrder({ orderId: 'order-new', callbackRef: 'ref-new', expiresAt: Date.now() + 60_000 }));
    await store.acquireLease('reconciler', { owner: 'a', now: Date.now(), ttlMs: 1000 });
    expect(store.size).toEqual({ orders: 1, fulfilments: 0, idempotencyKeys: 0, leases: 1 });
  });
});
