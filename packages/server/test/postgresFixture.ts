import { startPostgresServer, type PostgresServer } from '@aurpay-kit/testing';
import pg from 'pg';
import { afterEach } from 'vitest';
import { createPostgresStore, type PostgresCheckoutStore, type PostgresStoreOptions } from '../src/postgres/index.js';
import { lazyFixture } from './lazyFixture.js';

export interface PostgresFixture {
  /** The file's PostgreSQL server, started on first use and stopped after the file's tests. */
  server: () => Promise<PostgresServer>;
  /** A pool on the server's database of its own, outside any store. */
  pool: () => Promise<pg.Pool>;
  /** Runs SQL on the server outside any store and resolves to its rows. */
  raw<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A store on the server, closed after the test. */
  open(options?: Partial<PostgresStoreOptions>): Promise<PostgresCheckoutStore>;
}

/**
 * A throwaway PostgreSQL server for one test file, with a pool of its own for looking at the
 * tables, and stores that are closed after each test.
 *
 * @example const { raw, open } = postgresFixture(); const postgres = await open({ schema: 'fresh' });
 */
export function postgresFixture(): PostgresFixture {
  const server = lazyFixture(
    async () => {
      const started = await startPostgresServer();
      return { server: started, pool: new pg.Pool({ connectionString: started.url }) };
    },
    async ({ server: started, pool }) => {
      await pool.end();
      await started.close();
    },
  );
  let opened: PostgresCheckoutStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((postgres) => postgres.close()));
    opened = [];
  });
  return {
    server: async () => (await server()).server,
    pool: async () => (await server()).pool,
    async raw<Row = Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await (await server()).pool.query(sql, params)).rows as Row[];
    },
    async open(options = {}) {
      const { url } = (await server()).server;
      const postgres = createPostgresStore({ connectionString: url, onError: () => undefined, ...options });
      opened.push(postgres);
      return postgres;
    },
  };
}
