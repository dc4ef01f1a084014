import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OrderStatusUpdate } from '../checkout/stores/orderStore.js';
import { storedOrder } from '../checkout/test-utils/storedOrder.js';
import { createSqliteStore } from './createSqliteStore.js';
import { spawnStoreProcess } from './test-utils/spawnStoreProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'aurpay-sqlite-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PAID: OrderStatusUpdate = {
  status: 'paid',
  aurpayStatus: 'SUCCESS',
  paidAmount: '18.0098',
  updatedAt: 1_100_000,
  gatewayUpdatedAt: '2024-06-13T09:36:40',
};

describe('SqliteOrderStore durability', () => {
  it('keeps a paid status and its owed fulfilment written by a process killed right after the write', async () => {
    const filename = join(dir, 'killed.db');
    const order = storedOrder({ metadata: { cartId: 'cart-7' } });
    const child = spawnStoreProcess(
      `const { store } = createSqliteStore({ filename: process.env.DB });
       const order = ${JSON.stringify(order)};
       await store.put(order);
       await store.compareAndSetStatus(order.orderId, 1, ${JSON.stringify(PAID)}, 'paid');
       console.log('written');
       setInterval(() => {}, 60_000);`,
      { DB: filename },
    );
    await child.line((line) => line === 'written');
    child.child.kill('SIGKILL');
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });

    const reopened = createSqliteStore({ filename });
    try {
      expect(reopened.appliedMigrations).toEqual([]);
      expect(await reopened.store.get(order.orderId)).toEqual({ ...order, ...PAID, version: 2 });
      expect(await reopened.store.getFulfilment(order.orderId, 'paid')).toMatchObject({
        state: 'owed',
        dueAt: PAID.updatedAt,
        attempts: 0,
      });
    } finally {
      await reopened.close();
    }
  });
});
