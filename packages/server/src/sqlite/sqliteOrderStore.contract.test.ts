import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { OrderStore } from '../checkout/stores/orderStore.js';
import { describeOrderStoreContract } from '../checkout/test-utils/describeOrderStoreContract.js';
import { createSqliteStore } from './createSqliteStore.js';
import type { SqliteCheckoutStore } from './sqliteCheckoutStore.js';

const opened: SqliteCheckoutStore[] = [];
const open = (options: Parameters<typeof createSqliteStore>[0]) => {
  const sqlite = createSqliteStore(options);
  opened.push(sqlite);
  return sqlite.store;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sqlite) => sqlite.close()));
});
const countKept = async (store: OrderStore) => {
  const sqlite = opened.find((candidate) => candidate.store === store)!;
  const [row] = await sqlite.query<{ idempotencyKeys: number; leases: number }>(
    'SELECT (SELECT COUNT(*) FROM aurpay_idempotency_keys) AS idempotencyKeys, (SELECT COUNT(*) FROM aurpay_leases) AS leases',
  );
  return row!;
};

describeOrderStoreContract('SqliteOrderStore', (clock) => open({ filename: ':memory:', now: clock.now }), {
  transactional: true,
  countKept,
});

// WAL and synchronous=FULL only take effect on a real file.
const dir = mkdtempSync(join(tmpdir(), 'aurpay-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
describeOrderStoreContract(
  'SqliteOrderStore on a WAL file',
  (clock) => open({ filename: join(dir, `store-${++files}.db`), now: clock.now }),
  { transactional: true, countKept },
);
