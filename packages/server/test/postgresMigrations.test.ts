import { describe, expect, it } from 'vitest';
import { storedOrder } from '../src/checkout/test-utils/storedOrder.js';
import type { PostgresCheckoutStore } from '../src/postgres/index.js';
import { migratePostgres } from '../src/postgres/migratePostgres.js';
import { POSTGRES_MIGRATIONS } from '../src/postgres/postgresMigrations.js';
import { postgresTables } from '../src/postgres/postgresTables.js';
import { postgresFixture } from './postgresFixture.js';

const { pool, raw, open: openStore } = postgresFixture();

function open(schema: string, tablePrefix?: string): Promise<PostgresCheckoutStore> {
  return openStore({ schema, ...(tablePrefix === undefined ? {} : { tablePrefix }) });
}

const ALL_VERSIONS = POSTGRES_MIGRATIONS.map((migration) => migration.version);

const tablesIn = async (schema: string) =>
  (
    await raw<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [
      schema,
    ])
  ).map((row) => row.name);

describe('PostgreSQL migrations', () => {
  it('creates the schema and applies each migration once, recording it', async () => {
    const postgres = await open('fresh');
    expect(await postgres.migrate()).toEqual(ALL_VERSIONS);
    expect(await postgres.migrate()).toEqual([]);
    await postgres.ready();
    expect(await tablesIn('fresh')).toEqual([
      'aurpay_fulfilments',
      'aurpay_idempotency_keys',
      'aurpay_leases',
      'aurpay_orders',
      'aurpay_schema_migrations',
    ]);
    const recorded = await raw<{ version: number; name: string; applied_at: string }>(
      'SELECT * FROM fresh.aurpay_schema_migrations ORDER BY version',
    );
    expect(recorded).toEqual(
      POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name, applied_at: expect.stringMatching(/^\d{13}$/) })),
    );
    const again = await open('fresh');
    expect(await again.migrate()).toEqual([]);
  });

  it('lets several processes starting together on one new schema all succeed, each version applied once', async () => {
    const stores = await Promise.all(Array.from({ length: 5 }, () => open('together')));
    const applied = await Promise.all(stores.map((postgres) => postgres.migrate()));
    expect(applied.flat().sort()).toEqual(ALL_VERSIONS);
    expect(await raw('SELECT version FROM together.aurpay_schema_migrations ORDER BY version')).toEqual(
      ALL_VERSIONS.map((version) => ({ version })),
    );
    // And through ready() and first use, which migrate by themselves.
    const more = await Promise.all(Array.from({ length: 3 }, () => open('together_too')));
    await Promise.all([more[0]!.ready(), more[1]!.store.put(storedOrder()), more[2]!.store.get('1')]);
    expect(await raw('SELECT version FROM together_too.aurpay_schema_migrations ORDER BY version')).toEqual(
      ALL_VERSIONS.map((version) => ({ version })),
    );
  });

  it('keeps what an existing schema already holds, and lets two prefixes share it', async () => {
    await raw('CREATE SCHEMA shop');
    await raw('CREATE TABLE shop.products (sku text PRIMARY KEY)');
    await raw("INSERT INTO shop.products VALUES ('sku-1')");
    await (await open('shop')).ready();
    await (await open('shop', 'second_')).ready();
    expect(await tablesIn('shop')).toEqual([
      'aurpay_fulfilments',
      'aurpay_idempotency_keys',
      'aurpay_leases',
      'aurpay_orders',
      'aurpay_schema_migrations',
      'products',
      'second_fulfilments',
      'second_idempotency_keys',
      'second_leases',
      'second_orders',
      'second_schema_migrations',
    ]);
    expect(await raw('SELECT sku FROM shop.products')).toEqual([{ sku: 'sku-1' }]);
  });

  it('uses the public schema by default, which it never tries to create', async () => {
    const postgres = await openStore({ tablePrefix: 'default_' });
    await postgres.ready();
    expect((await tablesIn('public')).filter((name) => name.startsWith('default_'))).toHaveLength(5);
  });

  it('leaves the schema as it was when a step fails, and tries again on the next call', async () => {
    const tables = postgresTables('broken', 'aurpay_');
    const broken = [...POSTGRES_MIGRATIONS, { version: 98, name: 'a typo', sql: () => 'CREATE TABLE oops (' }];
    const client = await (await pool()).connect();
    try {
      await expect(migratePostgres(client, tables, broken)).rejects.toThrow(/syntax error/);
      expect(await tablesIn('broken')).toEqual([]);
      expect(await migratePostgres(client, tables, POSTGRES_MIGRATIONS)).toEqual(ALL_VERSIONS);
      expect(
        await migratePostgres(client, tables, [
          ...POSTGRES_MIGRATIONS,
          { version: 99, name: 'a column', sql: (t) => `ALTER TABLE ${t.orders} ADD COLUMN note text` },
        ]),
      ).toEqual([99]);
    } finally {
      client.release();
    }
    expect(await raw('SELECT version, name FROM broken.aurpay_schema_migrations ORDER BY version')).toEqual([
      ...POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })),
      { version: 99, name: 'a column' },
    ]);
  });
});
