import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FulfilmentContext } from './fulfilment.js';
import { FulfilmentRunner, type FulfilmentHook, type FulfilmentPolicy } from './fulfilmentRunner.js';
import { MemoryOrderStore } from '../stores/memoryOrderStore.js';
import type { OrderStore, SqlTransaction, StoredOrder } from '../stores/orderStore.js';
import { storedOrder } from '../test-utils/storedOrder.js';

const ORDER = storedOrder({ status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098' });
const POLICY: FulfilmentPolicy = { maxAttempts: 4, leaseMs: 30_000, firstRetryMs: 1000, maxRetryMs: 10_000 };

function runnerFor(store: OrderStore, paid: FulfilmentHook, options: { owner?: string; policy?: Partial<FulfilmentPolicy> } = {}) {
  const errors: { error: unknown; where: string }[] = [];
  const runner = new FulfilmentRunner({
    store,
    hooks: { paid, expired: () => undefined },
    policy: { ...POLICY, ...options.policy },
    owner: options.owner ?? 'instance-a',
    now: Date.now,
    onError: (error, { where }) => void errors.push({ error, where }),
  });
  return { runner, errors };
}

async function owed(store: OrderStore, order: StoredOrder = ORDER): Promise<void> {
  await store.put(order);
  await store.oweFulfilment(order.orderId, 'paid', Date.now());
}

describe('FulfilmentRunner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs an owed fulfilment once, with the order id as idempotency key, and marks it done after the hook resolved', async () => {
    const store = new MemoryOrderStore();
    await owed(store);
    const contexts: FulfilmentContext[] = [];
    const { runner } = runnerFor(store, async (_order, context) => {
      contexts.push(context);
      expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({ state: 'owed', leaseOwner: 'instance-a' });
    });
    const outcomes = await Promise.all([runner.run(ORDER, 'paid'), runner.run(ORDER, 'paid')]);
    expect(outcomes).toEqual(['done', 'done']);
    expect(await runner.run(ORDER, 'paid')).toBe('skipped');
    expect(contexts).toEqual([{ idempotencyKey: ORDER.orderId, attempt: 1, outcome: 'paid' }]);
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({ state: 'done', attempts: 1, leaseOwner: null });
  });

  it('retries a throwing hook with backoff (1 s, 4 s…) until it succeeds, reporting each failure', async () => {
    const store = new MemoryOrderStore();
    await owed(store);
    const attempts: number[] = [];
    const { runner, errors } = runnerFor(store, (_order, { attempt }) => {
      attempts.push(attempt);
      if (attempt < 3) throw new Error(`database hiccup ${attempt}`);
    });
    expect(await runner.run(ORDER, 'paid')).toBe('retrying');
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({
      state: 'owed',
      dueAt: 1_001_000,
      lastError: 'Error: database hiccup 1',
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(attempts).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    await runner.idle();
    expect(attempts).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(3999);
    expect(attempts).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(1);
    await runner.idle();
    expect(attempts).toEqual([1, 2, 3]);
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({ state: 'done', attempts: 3 });
    expect(errors.map((e) => e.where)).toEqual(['onPaid (attempt 1 of 4)', 'onPaid (attempt 2 of 4)']);
    runner.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sets a hook that always throws failed after maxAttempts, reports it, and runs it again on retry', async () => {
    const store = new MemoryOrderStore();
    await owed(store);
    let broken = true;
    let calls = 0;
    const { runner, errors } = runnerFor(store, () => {
      calls += 1;
      if (broken) throw new Error('warehouse API down');
    });
    await runner.run(ORDER, 'paid');
    await vi.advanceTimersByTimeAsync(1000 + 4000 + 10_000);
    await runner.idle();
    expect(calls).toBe(4);
    const record = await store.getFulfilment(ORDER.orderId, 'paid');
    expect(record).toMatchObject({ state: 'failed', attempts: 4, lastError: 'Error: warehouse API down' });
    const final = errors[errors.length - 1];
    expect(final?.where).toBe('onPaid');
    expect(final?.error).toMatchObject({ code: 'fulfilment_failed', message: expect.stringContaining('failed 4 times') });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(calls).toBe(4);
    expect(await store.listFulfilments({ state: 'failed', limit: 10 })).toHaveLength(1);

    broken = false;
    await store.retryFulfilment(ORDER.orderId, 'paid', Date.now());
    expect(await runner.run(ORDER, 'paid')).toBe('done');
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({ state: 'done', attempts: 5 });
  });

  it('lets another instance take over an attempt whose holder died, after its lease lapsed', async () => {
    const store = new MemoryOrderStore();
    await owed(store);
    // Instance A claimed it and died mid-hook: its lease is never renewed.
    await store.claimFulfilment(ORDER.orderId, 'paid', { owner: 'instance-a', now: Date.now(), leaseMs: POLICY.leaseMs });
    const ran: string[] = [];
    const { runner } = runnerFor(store, (_order, { attempt }) => void ran.push(`b#${attempt}`), { owner: 'instance-b' });
    expect(await runner.runDue()).toBe(0);
    await vi.advanceTimersByTimeAsync(POLICY.leaseMs);
    expect(await runner.runDue()).toBe(1);
    expect(ran).toEqual(['b#2']);
  });

  it('renews its lease while a long hook runs, so nobody else starts it meanwhile', async () => {
    const store = new MemoryOrderStore();
    await owed(store);
    let finish: () => void = () => undefined;
    const { runner } = runnerFor(store, () => new Promise<void>((resolve) => (finish = resolve)));
    const running = runner.run(ORDER, 'paid');
    const other = runnerFor(store, () => undefined, { owner: 'instance-b' }).runner;
    await vi.advanceTimersByTimeAsync(POLICY.leaseMs * 3);
    expect(await other.runDue()).toBe(0);
    finish();
    expect(await running).toBe('done');
  });

  it('runs every due fulfilment in a pass, a few at a time, skipping those not due', async () => {
    const store = new MemoryOrderStore();
    const orders = Array.from({ length: 10 }, (_, i) =>
      storedOrder({ orderId: String(20240613093614690000n + BigInt(i)), callbackRef: `ref${String(i).padStart(19, '0')}` }),
    );
    for (const order of orders) await owed(store, order);
    await store.oweFulfilment('20240613093614699999', 'paid', Date.now() + 60_000);
    let concurrent = 0;
    let most = 0;
    const { runner } = runnerFor(store, async () => {
      concurrent += 1;
      most = Math.max(most, concurrent);
      await Promise.resolve();
      concurrent -= 1;
    });
    expect(await runner.runDue()).toBe(10);
    expect(most).toBeLessThanOrEqual(4);
    expect(await store.listFulfilments({ state: 'owed', limit: 100 })).toHaveLength(1);
  });

  it('hands a SQL store’s transaction to the hook, and an attempt completed inside it is not completed twice', async () => {
    const store = new MemoryOrderStore();
    await owed(store);
    const completed: string[] = [];
    const sql: SqlTransaction = { dialect: 'test', query: async () => [] };
    Object.assign(store, {
      completeFulfilmentWith: async <T>(
        orderId: string,
        outcome: 'paid',
        lease: { owner: string; now: number },
        work: (tx: SqlTransaction) => T | Promise<T>,
      ) => {
        const result = await work(sql);
        completed.push(`${orderId}:${outcome}:${lease.owner}`);
        await store.completeFulfilment(orderId, outcome, lease);
        return result;
      },
    });
    const { runner } = runnerFor(store, async (order, { transaction }) => {
      expect(transaction).toBeTypeOf('function');
      const rows = await transaction!((tx) => tx.query('INSERT INTO shipments (order_id) VALUES ($1)', [order.orderId]));
      expect(rows).toEqual([]);
    });
    expect(await runner.run(ORDER, 'paid')).toBe('done');
    expect(completed).toEqual([`${ORDER.orderId}:paid:instance-a`]);
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({ state: 'done' });
  });

  it('sets an owed fulfilment whose order is gone failed, reported once, without crashing the pass', async () => {
    const store = new MemoryOrderStore();
    await store.oweFulfilment('20240613093614690001', 'paid', Date.now());
    const { runner, errors } = runnerFor(store, () => undefined);
    expect(await runner.runDue()).toBe(0);
    expect(await runner.runDue()).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.error).toMatchObject({ code: 'fulfilment_order_missing' });
    expect(await store.getFulfilment('20240613093614690001', 'paid')).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('not in the store'),
    });
  });
});
