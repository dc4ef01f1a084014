import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
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

describeOrderStoreContract('SqliteOrderStore', (clock) => open({ filename: ':memory:', now: clock.now }), { transactional: true });

// WAL and synchronous=FULL only take effect on a real file.
const dir = mkdtempSync(join(tmpdir(), 'aurpay-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
describeOrderStoreContract('SqliteOrderStore on a WAL file', (clock) => open({ filename: join(dir, `store-${++files}.db`), now: clock.now }), { transactional: true });
