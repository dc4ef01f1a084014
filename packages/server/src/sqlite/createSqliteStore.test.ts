import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { storedOrder } from '../checkout/test-utils/storedOrder.js';
import { createSqliteStore } from './createSqliteStore.js';
import { SqliteOrderStore } from './sqliteOrderStore.js';
import type { SqliteStoreOptions } from './sqliteStoreOptions.js';

const dir = mkdtempSync(join(tmpdir(), 'aurpay-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createSqliteStore', () => {
  const closed = new Database(':memory:');
  closed.close();
  it.each([
    ['no options', undefined, /pass an options object/],
    ['no filename', {}, /filename must be a file path, or ':memory:'/],
    ['an empty filename', { filename: ' ' }, /filename must be/],
    ['filename and database', { filename: ':memory:', database: new Database(':memory:') }, /either filename or database, not both/],
    ['a database that is not one', { database: { prepare: 'no' } }, /database must be a better-sqlite3 Database/],
    ['a closed database', { database: closed }, /database is closed/],
    [
      'a tablePrefix with a space',
      { filename: ':memory:', tablePrefix: 'my shop_' },
      /tablePrefix must be letters, digits and _ \(not starting with a digit\), got "my shop_"/,
    ],
    ['a tablePrefix with a quote', { filename: ':memory:', tablePrefix: 'a";DROP TABLE x;--' }, /tablePrefix/],
    ['a tablePrefix starting with a digit', { filename: ':memory:', tablePrefix: '1_' }, /tablePrefix/],
    ['an empty tablePrefix', { filename: ':memory:', tablePrefix: '' }, /tablePrefix/],
    ['a tablePrefix SQLite keeps for itself', { filename: ':memory:', tablePrefix: 'SQLite_' }, /tablePrefix must not start with sqlite_/],
    ['a negative busyTimeoutMs', { filename: ':memory:', busyTimeoutMs: -1 }, /busyTimeoutMs must be an integer ≥ 0 ms, got -1/],
    ['a fractional busyTimeoutMs', { filename: ':memory:', busyTimeoutMs: 1.5 }, /busyTimeoutMs/],
    ['a now that is not a function', { filename: ':memory:', now: 5 }, /now must be a function/],
  ])('refuses %s with a message naming the option', (_name, options, message) => {
    expect(() => createSqliteStore(options as unknown as SqliteStoreOptions)).toThrow(message);
    expect(() => createSqliteStore(options as unknown as SqliteStoreOptions)).toThrow(
      expect.objectContaining({ code: 'sqlite_options_invalid' }),
    );
  });

  it('spreads into the checkout options as the store alone', async () => {
    const sqlite = createSqliteStore({ filename: ':memory:' });
    expect(Object.keys(sqlite)).toEqual(['store']);
    expect({ ...sqlite }.store).toBeInstanceOf(SqliteOrderStore);
    expect(typeof sqlite.store.completeFulfilmentWith).toBe('function');
    await sqlite.close();
  });

  it('keeps its tables in a database given to it, with durable settings, and leaves it open on close', async () => {
    const database = new Database(join(dir, 'given.db'));
    database.exec('CREATE TABLE carts (id TEXT PRIMARY KEY)');
    const sqlite = createSqliteStore({ database, busyTimeoutMs: 1234 });
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('synchronous', { simple: true })).toBe(2);
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.pragma('busy_timeout', { simple: true })).toBe(1234);
    await sqlite.store.put(storedOrder());
    expect(database.prepare('SELECT order_id, status, version FROM aurpay_orders').all()).toEqual([
      { order_id: '20240613093614690315', status: 'awaiting_payment', version: 1 },
    ]);
    await sqlite.close();
    expect(database.open).toBe(true);
    await expect(sqlite.store.get('20240613093614690315')).rejects.toBeInstanceOf(StoreUnavailableError);
    database.close();
  });

  it('answers StoreUnavailableError, not a crash, once closed, or when its database is closed under it', async () => {
    const sqlite = createSqliteStore({ filename: ':memory:' });
    await sqlite.close();
    await sqlite.close();
    await expect(sqlite.store.get('1')).rejects.toMatchObject({
      code: 'store_unavailable',
      message: 'SQLite could not read an order: the store is closed.',
    });
    await expect(sqlite.store.put(storedOrder())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(sqlite.store.completeFulfilmentWith('1', 'paid', { owner: 'a', now: 1 }, () => 1)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(sqlite.migrate()).rejects.toBeInstanceOf(StoreUnavailableError);

    const database = new Database(':memory:');
    const shared = createSqliteStore({ database });
    database.close();
    await expect(shared.store.claimFulfilment('1', 'paid', { owner: 'a', now: 1, leaseMs: 1 })).rejects.toMatchObject({
      code: 'store_unavailable',
      message: 'SQLite could not claim a fulfilment: The database connection is not open',
    });
  });

  it('answers StoreUnavailableError when the file cannot be opened', () => {
    expect(() => createSqliteStore({ filename: join(dir, 'missing', 'shop.db') })).toThrow(StoreUnavailableError);
  });

  it('answers StoreUnavailableError while another process holds the write lock past the busy timeout, and still reads', async () => {
    const filename = join(dir, 'locked.db');
    const sqlite = createSqliteStore({ filename, busyTimeoutMs: 0 });
    await sqlite.store.put(storedOrder());
    const other = new Database(filename);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(
        sqlite.store.compareAndSetStatus(
          '20240613093614690315',
          1,
          { status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098', updatedAt: 2, gatewayUpdatedAt: null },
          'paid',
        ),
      ).rejects.toMatchObject({
        code: 'store_unavailable',
        message: 'SQLite could not write an order status: database is locked',
      });
      expect(await sqlite.store.get('20240613093614690315')).toMatchObject({ version: 1 });
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await sqlite.close();
    }
  });
});
