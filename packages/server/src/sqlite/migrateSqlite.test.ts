import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from './createSqliteStore.js';
import { migrateSqlite } from './migrateSqlite.js';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.js';
import { sqliteTables } from './sqliteTables.js';
import { spawnStoreProcess } from './test-utils/spawnStoreProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'aurpay-sqlite-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ALL_VERSIONS = SQLITE_MIGRATIONS.map((migration) => migration.version);

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
    (name) => !name.startsWith('sqlite_'),
  );
}

function recordedVersions(filename: string, table = 'aurpay_schema_migrations'): number[] {
  const db = new Database(filename, { readonly: true });
  try {
    return db.prepare(`SELECT version FROM ${table} ORDER BY version`).pluck().all() as number[];
  } finally {
    db.close();
  }
}

describe('SQLite migrations', () => {
  it('applies every migration once to a new file, records it, and nothing on reopening', async () => {
    const filename = join(dir, 'fresh.db');
    const first = createSqliteStore({ filename });
    expect(first.appliedMigrations).toEqual(ALL_VERSIONS);
    expect(await first.migrate()).toEqual([]);
    await first.close();
    const second = createSqliteStore({ filename });
    expect(second.appliedMigrations).toEqual([]);
    await second.close();
    const db = new Database(filename, { readonly: true });
    expect(db.prepare('SELECT version, name, applied_at FROM aurpay_schema_migrations').all()).toEqual(
      SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name, applied_at: expect.any(Number) })),
    );
    expect(tableNames(db)).toEqual([
      'aurpay_fulfilments',
      'aurpay_idempotency_keys',
      'aurpay_leases',
      'aurpay_orders',
      'aurpay_schema_migrations',
    ]);
    db.close();
  });

  it('lets two processes open one new file at the same moment: both succeed, each migration is applied once', async () => {
    const filename = join(dir, 'race.db');
    const body = `process.stdin.once('data', () => {
        const sqlite = createSqliteStore({ filename: process.env.DB });
        console.log('applied ' + JSON.stringify(sqlite.appliedMigrations));
        void sqlite.close().then(() => process.exit(0));
      });
      console.log('ready');`;
    const children = [spawnStoreProcess(body, { DB: filename }), spawnStoreProcess(body, { DB: filename })];
    const applied = children.map((child) => child.line((line) => line.startsWith('applied ')));
    await Promise.all(children.map((child) => child.line((line) => line === 'ready')));
    for (const child of children) child.child.stdin.write('go\n');
    const results = (await Promise.all(applied)).map((line) => JSON.parse(line.slice('applied '.length)) as number[]);
    for (const child of children) expect(await child.exited).toMatchObject({ code: 0 });
    expect(results.flat().sort()).toEqual(ALL_VERSIONS);
    expect(recordedVersions(filename)).toEqual(ALL_VERSIONS);
  });

  it('keeps the tables a database already has', async () => {
    const filename = join(dir, 'shop.db');
    const shop = new Database(filename);
    shop.exec("CREATE TABLE shipments (order_id TEXT PRIMARY KEY, cart_id TEXT); INSERT INTO shipments VALUES ('1', 'cart-7')");
    shop.close();
    const sqlite = createSqliteStore({ filename });
    await sqlite.close();
    const db = new Database(filename, { readonly: true });
    expect(db.prepare('SELECT * FROM shipments').all()).toEqual([{ order_id: '1', cart_id: 'cart-7' }]);
    expect(tableNames(db)).toContain('aurpay_orders');
    db.close();
  });

  it('creates only tables under a custom prefix', async () => {
    const filename = join(dir, 'prefixed.db');
    const sqlite = createSqliteStore({ filename, tablePrefix: 'shop_pay_' });
    await sqlite.close();
    const db = new Database(filename, { readonly: true });
    expect(tableNames(db)).toEqual([
      'shop_pay_fulfilments',
      'shop_pay_idempotency_keys',
      'shop_pay_leases',
      'shop_pay_orders',
      'shop_pay_schema_migrations',
    ]);
    expect(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).every(
        (name) => name.startsWith('shop_pay_'),
      ),
    ).toBe(true);
    db.close();
    expect(recordedVersions(filename, 'shop_pay_schema_migrations')).toEqual(ALL_VERSIONS);
  });

  it('leaves the schema as it was when a migration fails', () => {
    const db = new Database(':memory:');
    const tables = sqliteTables('t_');
    const broken = [...SQLITE_MIGRATIONS, { version: 99, name: 'broken', sql: () => 'CREATE TABLE t_extra (id TEXT); CREATE TABLEX nope' }];
    expect(() => migrateSqlite(db, tables, broken)).toThrow(/syntax error/);
    expect(tableNames(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);
    expect(migrateSqlite(db, tables, SQLITE_MIGRATIONS)).toEqual(ALL_VERSIONS);
    db.close();
  });
});
