import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './createSqliteStore.js';
import type { SqliteCheckoutStore } from './sqliteCheckoutStore.js';

const open: SqliteCheckoutStore[] = [];
afterEach(async () => {
  for (const sqlite of open.splice(0)) await sqlite.close();
});

function store(): SqliteCheckoutStore {
  const sqlite = createSqliteStore({ filename: ':memory:' });
  open.push(sqlite);
  return sqlite;
}

describe('SqliteCheckoutStore.query', () => {
  it('runs the shop’s own statements with $1 parameters on the same database', async () => {
    const sqlite = store();
    await sqlite.query('CREATE TABLE carts (id TEXT PRIMARY KEY, total TEXT NOT NULL, paid INTEGER NOT NULL)');
    expect(await sqlite.query('INSERT INTO carts (id, total, paid) VALUES ($1, $2, $3)', ['c1', '18.50', false])).toEqual([]);
    expect(await sqlite.query('SELECT id, total, paid FROM carts WHERE id = $1', ['c1'])).toEqual([{ id: 'c1', total: '18.50', paid: 0 }]);
    await expect(sqlite.query('SELECT nope FROM carts')).rejects.toThrow(/no such column/);
  });

  it('waits behind a fulfilment transaction, so a rollback never takes its write along', async () => {
    const sqlite = store();
    const { store: orders } = sqlite;
    await sqlite.query('CREATE TABLE carts (id TEXT PRIMARY KEY)');
    await orders.oweFulfilment('20240613093614690315', 'paid', 0);
    await orders.claimFulfilment('20240613093614690315', 'paid', { owner: 'a', now: 0, leaseMs: 1000 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const failing = orders.completeFulfilmentWith('20240613093614690315', 'paid', { owner: 'a', now: 1 }, async (sql) => {
      await sql.query('INSERT INTO carts (id) VALUES ($1)', ['inside']);
      await gate;
      throw new Error('hook failed after its insert');
    });
    const outside = sqlite.query('INSERT INTO carts (id) VALUES ($1)', ['outside']);
    release();
    await expect(failing).rejects.toThrow('hook failed after its insert');
    await outside;
    expect(await sqlite.query('SELECT id FROM carts ORDER BY id')).toEqual([{ id: 'outside' }]);
  });

  it('refuses statements once closed, as the store is unavailable', async () => {
    const sqlite = createSqliteStore({ filename: ':memory:' });
    await sqlite.close();
    await expect(sqlite.query('SELECT 1')).rejects.toMatchObject({ code: 'store_unavailable' });
  });
});
