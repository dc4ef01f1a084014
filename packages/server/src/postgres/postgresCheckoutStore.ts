import pg from 'pg';
import type { Pool } from 'pg';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { PostgresDatabase } from './postgresDatabase.js';
import { PostgresEventBus } from './postgresEventBus.js';
import { PostgresOrderStore } from './postgresOrderStore.js';
import type { RateLimitBackend } from '../checkout/stores/rateLimitBackend.js';
import { postgresRateLimitBackend } from './postgresRateLimitBackend.js';
import { PostgresRefreshLock } from './postgresRefreshLock.js';
import type { ResolvedPostgresStoreOptions } from './postgresStoreOptions.js';
import { postgresTables } from './postgresTables.js';
import { toPostgresStoreError } from './toPostgresStoreError.js';

/** How much longer than `statement_timeout` the client waits for an answer from a server that stopped answering at all. */
const QUERY_TIMEOUT_MARGIN_MS = 1000;

/**
 * A pool that fails fast: the server cancels a statement after `statementTimeoutMs`, the client
 * gives up on a silent server a second later, and getting a connection waits `connectionTimeoutMs`.
 * A dropped idle connection is reported once, and again only after a new one was made.
 */
function openPool(options: ResolvedPostgresStoreOptions & { connectionString: string }): Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    keepAlive: true,
  });
  let healthy = true;
  pool.on('connect', () => void (healthy = true));
  pool.on('error', (error) => {
    if (!healthy) return;
    healthy = false;
    options.onError(toPostgresStoreError(error, 'keep an idle connection'), { where: 'postgres pool' });
  });
  return pool;
}

/**
 * What several checkout processes share through one PostgreSQL database: the checkout options
 * `store`, `events`, `refreshLock` and `rateLimitBackend`, plus the lifecycle. Its only own
 * properties are those four, so it spreads straight into the checkout options. Made by
 * `createPostgresStore`.
 *
 * @example
 * const postgres = createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * await postgres.ready();
 * app.use('/api/pay', createCheckoutRouter({ ...options, ...postgres }));
 */
export class PostgresCheckoutStore {
  /** Orders, owed fulfilments, leases and idempotency keys (the `store` option). */
  readonly store: PostgresOrderStore;
  /** Status changes over LISTEN/NOTIFY (the `events` option). */
  readonly events: PostgresEventBus;
  /** One upstream refresh per order per `minRefreshMs` across processes (the `refreshLock` option). */
  readonly refreshLock: PostgresRefreshLock;
  /** Order-creation rate limits counted in the database (the `rateLimitBackend` option). */
  readonly rateLimitBackend: RateLimitBackend;
  readonly #db: PostgresDatabase;
  readonly #ownsPool: boolean;

  constructor(options: ResolvedPostgresStoreOptions) {
    const { connectionString } = options;
    const pool = connectionString === null ? options.pool! : openPool({ ...options, connectionString });
    this.#ownsPool = connectionString !== null;
    // The LISTEN connection is a client of its own, with the pool's settings, so it never takes a pool slot.
    const listenConfig =
      connectionString === null
        ? { ...pool.options }
        : {
            connectionString,
            connectionTimeoutMillis: options.connectionTimeoutMs,
            query_timeout: options.connectionTimeoutMs,
            keepAlive: true,
          };
    this.#db = new PostgresDatabase(pool, postgresTables(options.schema, options.tablePrefix));
    this.store = new PostgresOrderStore(this.#db, { now: options.now });
    this.events = new PostgresEventBus({
      db: this.#db,
      openClient: () => new pg.Client(listenConfig),
      channel: options.channel,
      load: (orderId) => this.store.get(orderId),
      onError: options.onError,
    });
    this.refreshLock = new PostgresRefreshLock(this.#db, { now: options.now });
    this.rateLimitBackend = postgresRateLimitBackend(pool, options.schema, options.tablePrefix, () => this.#db.migrated());
  }

  /**
   * Resolves once the database is reachable, the tables are up to date and the event connection
   * LISTENs; rejects with a `StoreUnavailableError` after `timeoutMs` (any other failure, such as
   * a missing privilege, at once). Until the database is reachable, requests answer 503.
   */
  async ready(timeoutMs = 10_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let late = false;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        reject(new StoreUnavailableError(`PostgreSQL was not reachable within ${timeoutMs} ms.`));
      }, timeoutMs);
    });
    const migrated = async () => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await this.#db.migrated();
        } catch (error) {
          if (late || !(error instanceof StoreUnavailableError)) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1000)));
        }
      }
    };
    try {
      await Promise.race([Promise.all([migrated(), this.events.ready()]), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Creates or upgrades the tables now (`ready()` and the first query do it too); returns the versions applied. */
  migrate(): Promise<number[]> {
    return this.#db.migrate();
  }

  /** Closes the LISTEN connection, and the pool when the store opened it; close the router first. */
  async close(): Promise<void> {
    await this.events.close();
    if (this.#ownsPool && !this.#db.pool.ending) await this.#db.pool.end();
  }
}
