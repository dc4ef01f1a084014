import type { Pool, PoolClient } from 'pg';
import { migratePostgres } from './migratePostgres.js';
import { POSTGRES_MIGRATIONS } from './postgresMigrations.js';
import type { PostgresTables } from './postgresTables.js';
import { toPostgresStoreError } from './toPostgresStoreError.js';

/** A client taken from the pool for several statements; `release` it exactly once. */
export interface HeldClient {
  client: PoolClient;
  /** Gives the client back, or, after `discard`, closes it (its connection may be broken or mid-transaction). */
  release(): void;
  discard(error: unknown): void;
}

/**
 * The pool and table names the store's parts share, and the one way they run SQL: every failure
 * goes through `toPostgresStoreError`, and the first statement waits for the schema to be brought
 * up to date, so a store used before `ready()` still finds its tables.
 *
 * @example const rows = await db.query('read an order', `SELECT record FROM ${db.tables.orders} WHERE order_id = $1`, [id]);
 */
export class PostgresDatabase {
  readonly pool: Pool;
  readonly tables: PostgresTables;
  #migrated: Promise<unknown> | null = null;

  constructor(pool: Pool, tables: PostgresTables) {
    this.pool = pool;
    this.tables = tables;
  }

  /** Applies the migrations not applied yet; returns the versions this call applied. */
  async migrate(): Promise<number[]> {
    const held = await this.#take('bring its tables up to date');
    try {
      const applied = await migratePostgres(held.client, this.tables, POSTGRES_MIGRATIONS);
      held.release();
      this.#migrated = Promise.resolve();
      return applied;
    } catch (error) {
      held.discard(error);
      throw toPostgresStoreError(error, 'bring its tables up to date');
    }
  }

  /** Resolves once this process has seen the schema up to date; a failed attempt is tried again by the next caller. */
  migrated(): Promise<unknown> {
    this.#migrated ??= this.migrate().catch((error: unknown) => {
      this.#migrated = null;
      throw error;
    });
    return this.#migrated;
  }

  async query<Row = Record<string, unknown>>(what: string, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    await this.migrated();
    try {
      return (await this.pool.query(sql, params as unknown[])).rows as Row[];
    } catch (error) {
      throw toPostgresStoreError(error, what);
    }
  }

  /** A dedicated client, for a transaction. */
  async connect(what: string): Promise<HeldClient> {
    await this.migrated();
    return this.#take(what);
  }

  async #take(what: string): Promise<HeldClient> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toPostgresStoreError(error, what);
    }
    let broken: Error | null = null;
    // A checked-out client with no listener would crash the process when its connection drops.
    const onError = (error: Error) => void (broken ??= error);
    client.on('error', onError);
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      client.removeListener('error', onError);
      client.release(error ?? undefined);
    };
    return {
      client,
      release: () => finish(broken),
      discard: (error) => finish(error instanceof Error ? error : new Error(String(error))),
    };
  }
}
