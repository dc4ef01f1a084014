import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MemoryOrderStore } from '@aurpay-kit/server';
import type { ExpressCheckoutOptions } from '@aurpay-kit/server/express';
import { createPostgresStore } from '@aurpay-kit/server/postgres';
import { createRedisStore } from '@aurpay-kit/server/redis';
import { createSqliteStore } from '@aurpay-kit/server/sqlite';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { CartStore } from './cartStore.js';
import { MemoryCartStore } from './memoryCartStore.js';
import type { LimiterStore } from './rateLimiterFor.js';
import { RedisCartStore } from './redisCartStore.js';
import type { StorageChoice } from './shopConfig.js';
import { ShopConfigError } from './shopConfigError.js';
import { SqlCartStore, type SqlExecutor } from './sqlCartStore.js';

/** Where the shop keeps its carts and the checkout its orders and owed fulfilments. */
export interface ShopStorage {
  carts: CartStore;
  /** Spread into the checkout options: the order store, and with a shared backend its event bus and refresh lock. */
  checkout: Pick<ExpressCheckoutOptions, 'store' | 'events' | 'refreshLock'>;
  /** Where the shop's rate limits are counted: with the carts (memory for SQLite, one process). */
  limiterStore: LimiterStore;
  /** Signs status tokens: the one given, or one made once and kept with the data. */
  statusSecret: string;
  /** Where it is, for the start-up message. */
  description: string;
  /** Closes the connections; close the checkout router first. */
  close(): Promise<void>;
}

/** The URL without its password, for messages. */
const shown = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

function describeError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}

/**
 * The status-token secret kept in the shop's own database: made once by whichever instance
 * starts first, then read by all, so tokens survive restarts without any setting.
 */
async function keptSecret(db: SqlExecutor): Promise<string> {
  await db.query('CREATE TABLE IF NOT EXISTS shop_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
  await db.query('INSERT INTO shop_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    'status_secret',
    randomBytes(32).toString('hex'),
  ]);
  const [row] = await db.query<{ value: string }>('SELECT value FROM shop_settings WHERE name = $1', ['status_secret']);
  return row!.value;
}

/** Resolves once the connection is ready; rejects with its first error. */
function connected(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      redis.off('error', onError);
      resolve();
    };
    const onError = (error: unknown) => {
      redis.off('ready', onReady);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}

async function inMemory(statusSecret: string | undefined): Promise<ShopStorage> {
  return {
    carts: new MemoryCartStore(),
    limiterStore: { kind: 'memory' },
    // Sandbox orders live in the sandbox's memory too: nothing is lost that could be paid.
    checkout: { store: new MemoryOrderStore({ acceptDataLoss: true }) },
    statusSecret: statusSecret ?? randomBytes(32).toString('hex'),
    description: 'in memory (this process only; gone when it stops)',
    close: async () => undefined,
  };
}

async function inSqlite(filename: string, statusSecret: string | undefined): Promise<ShopStorage> {
  mkdirSync(dirname(filename), { recursive: true });
  const sqlite = createSqliteStore({ filename });
  try {
    // The shop's tables sit in the same file, reached through the store so they queue behind its transactions.
    const db: SqlExecutor = { query: (sql, params) => sqlite.query(sql, params) };
    return {
      carts: await SqlCartStore.open(db),
      limiterStore: { kind: 'memory' },
      checkout: sqlite,
      statusSecret: statusSecret ?? (await keptSecret(db)),
      description: `SQLite at ${filename}`,
      close: () => sqlite.close(),
    };
  } catch (error) {
    await sqlite.close();
    throw error;
  }
}

async function inPostgres(
  url: string,
  statusSecret: string | undefined,
  onError: (error: unknown, where: string) => void,
): Promise<ShopStorage> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 5000, statement_timeout: 5000 });
  pool.on('error', (error) => onError(error, 'postgres pool'));
  const postgres = createPostgresStore({ pool, onError: (error, { where }) => onError(error, where) });
  const close = async () => {
    await postgres.close();
    await pool.end();
  };
  try {
    await postgres.ready(5000);
    const db: SqlExecutor = { query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows };
    const carts = await SqlCartStore.open(db);
    const kept = statusSecret ?? (await keptSecret(db));
    return {
      carts,
      limiterStore: { kind: 'postgres', pool },
      checkout: postgres,
      statusSecret: kept,
      description: `PostgreSQL at ${shown(url)}`,
      close,
    };
  } catch (error) {
    await close();
    throw new ShopConfigError(`PostgreSQL at ${shown(url)} (DATABASE_URL) cannot be used: ${describeError(error)}. Is it running?`);
  }
}

async function inRedis(
  url: string,
  statusSecret: string | undefined,
  onError: (error: unknown, where: string) => void,
): Promise<ShopStorage> {
  const shared = createRedisStore({ url, onError: (error, { where }) => onError(error, where) });
  // Like the checkout's own connection: a request while Redis is away fails at once (503) instead
  // of queueing, and the connection keeps trying to come back in the background.
  const connection = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2000,
    connectTimeout: 5000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  let healthy = true;
  connection.on('ready', () => (healthy = true));
  connection.on('error', (error: unknown) => {
    if (healthy) onError(error, 'carts connection');
    healthy = false;
  });
  const close = async () => {
    await shared.close();
    if (connection.status !== 'end') await connection.quit().catch(() => connection.disconnect());
  };
  try {
    await connected(connection);
    await shared.ready(5000);
    await connection.set('shop:status-secret', randomBytes(32).toString('hex'), 'NX');
    const kept = (await connection.get('shop:status-secret'))!;
    const limiterStore = { kind: 'redis', client: connection } as const;
    return {
      carts: new RedisCartStore(connection),
      limiterStore,
      checkout: shared,
      statusSecret: statusSecret ?? kept,
      description: `Redis at ${shown(url)}`,
      close,
    };
  } catch (error) {
    await close();
    throw new ShopConfigError(`Redis at ${shown(url)} (REDIS_URL) cannot be reached: ${describeError(error)}. Is it running?`);
  }
}

/**
 * Opens where the shop keeps carts, orders and owed fulfilments: memory (sandbox mode's default),
 * a SQLite file (gateway mode's default, one server), PostgreSQL or Redis (several instances).
 * Waits until a server answers, and throws a `ShopConfigError` naming the variable when it does not.
 *
 * @example const storage = await openShopStorage({ kind: 'sqlite', filename: './data/shop.db' });
 */
export async function openShopStorage(choice: StorageChoice, options: { statusSecret?: string | undefined } = {}): Promise<ShopStorage> {
  // Once serving, a lost connection is logged (requests answer 503 meanwhile); before that, the start-up error says it all.
  let serving = false;
  const onError = (error: unknown, where: string) => {
    if (serving) console.error(`Storage (${where}): ${describeError(error)}`);
  };
  const { statusSecret } = options;
  let storage: ShopStorage;
  switch (choice.kind) {
    case 'memory':
      storage = await inMemory(statusSecret);
      break;
    case 'sqlite':
      storage = await inSqlite(choice.filename, statusSecret);
      break;
    case 'postgres':
      storage = await inPostgres(choice.url, statusSecret, onError);
      break;
    case 'redis':
      storage = await inRedis(choice.url, statusSecret, onError);
      break;
    default:
      return choice satisfies never;
  }
  serving = true;
  return storage;
}
