import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../src/checkout/stores/storeUnavailableError.js';
import { storedOrder } from '../src/checkout/test-utils/storedOrder.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { lazyFixture } from './lazyFixture.js';
import { startPostgresServer } from '@aurpay-kit/testing';

const server = lazyFixture(
  () => startPostgresServer(),
  (started) => started.close(),
);

const PAID = { status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098', updatedAt: 2_000_000, gatewayUpdatedAt: null } as const;

describe('PostgreSQL stopped and started again', () => {
  it('answers every call with StoreUnavailableError at once meanwhile, and works again after, with nothing lost', async () => {
    const postgresServer = await server();
    const errors: { error: unknown; where: string }[] = [];
    // Timeouts far beyond this test's own: a call waiting for one would fail the test.
    const postgres = createPostgresStore({
      connectionString: postgresServer.url,
      schema: 'outage',
      statementTimeoutMs: 600_000,
      connectionTimeoutMs: 600_000,
      onError: (error, { where }) => void errors.push({ error, where }),
    });
    try {
      await postgres.ready();
      const order = storedOrder();
      await postgres.store.put(order);
      await postgres.store.reserveIdempotencyKey('orders:before', 'fp', 600_000);

      await postgresServer.stop();
      const calls: [string, () => Promise<unknown>][] = [
        ['get', () => postgres.store.get(order.orderId)],
        ['put', () => postgres.store.put(storedOrder({ orderId: '20240613093614690316', callbackRef: 'BBBBBBBBBBBBBBBBBBBBBB' }))],
        ['compareAndSetStatus', () => postgres.store.compareAndSetStatus(order.orderId, 1, PAID, 'paid')],
        ['claimFulfilment', () => postgres.store.claimFulfilment(order.orderId, 'paid', { owner: 'a', now: 2_000_000, leaseMs: 30_000 })],
        [
          'completeFulfilmentWith',
          () => postgres.store.completeFulfilmentWith(order.orderId, 'paid', { owner: 'a', now: 2_000_000 }, () => 1),
        ],
        ['reserveIdempotencyKey', () => postgres.store.reserveIdempotencyKey('orders:during', 'fp', 600_000)],
        ['acquireLease', () => postgres.store.acquireLease('reconciler', { owner: 'a', now: 1, ttlMs: 1000 })],
        ['refreshLock', () => postgres.refreshLock.acquire(order.orderId, 1000)],
        ['publish', () => postgres.events.publish(order)],
      ];
      for (const [name, call] of calls) {
        const error = await call().then(
          () => null,
          (failure: unknown) => failure,
        );
        expect(error, name).toBeInstanceOf(StoreUnavailableError);
        expect((error as Error).message, name).toMatch(/^PostgreSQL could not [a-z ]+: /);
      }
      await expect(postgres.ready(200)).rejects.toThrow('PostgreSQL was not reachable within 200 ms.');

      await postgresServer.start();
      await postgres.ready();
      expect(await postgres.store.get(order.orderId)).toEqual(order);
      expect(await postgres.store.compareAndSetStatus(order.orderId, 1, PAID, 'paid')).toMatchObject({ status: 'paid', version: 2 });
      expect(await postgres.store.claimFulfilment(order.orderId, 'paid', { owner: 'a', now: 2_000_000, leaseMs: 30_000 })).toMatchObject({
        attempts: 1,
      });
      expect(await postgres.store.reserveIdempotencyKey('orders:before', 'other', 600_000)).toEqual({
        state: 'pending',
        fingerprint: 'fp',
      });
      expect(await postgres.store.reserveIdempotencyKey('orders:during', 'fp', 600_000)).toEqual({ state: 'reserved' });
      // The lost LISTEN connection was reported, once.
      expect(errors.filter((e) => e.where === 'postgres events connection')).toHaveLength(1);
    } finally {
      await postgres.close();
    }
  });

  it('waits in ready() for a database that is still starting, up to its timeout', async () => {
    const postgresServer = await server();
    await postgresServer.stop();
    const postgres = createPostgresStore({ connectionString: postgresServer.url, schema: 'late', onError: () => undefined });
    try {
      const ready = postgres.ready(60_000);
      await postgresServer.start();
      await ready;
      expect(await postgres.store.get('1')).toBeNull();
    } finally {
      await postgres.close();
    }
  });
});
