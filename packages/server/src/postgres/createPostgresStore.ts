import { OptionChecks } from '../shared/optionChecks.js';
import { PostgresCheckoutStore } from './postgresCheckoutStore.js';
import type { PostgresStoreOptions } from './postgresStoreOptions.js';

/** What PostgreSQL accepts as a name without surprises, at most 63 bytes (NAMEDATALEN - 1). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** Short enough that the longest table or index name (prefix + 26 characters) still fits. */
const PREFIX = /^([A-Za-z_][A-Za-z0-9_]{0,36})?$/;

function defaultOnError(error: unknown, context: { where: string }): void {
  console.error(`aurpay-kit postgres: ${context.where}:`, error);
}

const check = new OptionChecks('postgres_options_invalid', 'PostgreSQL store options: ');
const invalid = (message: string) => check.invalid(message);
const integer = (name: string, value: unknown, fallback: number, min: number) => check.integer(name, value, fallback, { min, unit: ' ms' });

function isPool(value: unknown): boolean {
  const pool = value as { query?: unknown; connect?: unknown; options?: unknown } | null;
  return typeof pool?.query === 'function' && typeof pool.connect === 'function' && typeof pool.options === 'object';
}

/**
 * Shares the checkout between several server processes through one PostgreSQL database (`pg`, an
 * optional peer dependency), with no other service: orders, owed fulfilments and idempotency keys
 * (`store`, whose `completeFulfilmentWith` lets a hook's own writes commit with its done mark),
 * status changes over LISTEN/NOTIFY so every process's event streams hear them (`events`), and one
 * upstream refresh per order per `minRefreshMs` across processes (`refreshLock`). Spread it into
 * the checkout options. The tables are created and upgraded on first use (or by `ready()` /
 * `migrate()`). While the database is unreachable, order creation and status answer 503
 * `store_unavailable` and callbacks are not acknowledged, so Aurpay calls again.
 *
 * @example
 * import { createPostgresStore } from '@aurpay-kit/server/postgres';
 * const postgres = createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * await postgres.ready();
 * app.use('/api/pay', createCheckoutRouter({ ...options, ...postgres }));
 * process.on('SIGTERM', () => void postgres.close());
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresCheckoutStore {
  check.object(options, 'an options object with a connectionString or a pool');
  const { connectionString, pool } = options;
  if ((connectionString === undefined) === (pool === undefined)) throw invalid('give exactly one of connectionString and pool.');
  if (connectionString !== undefined && (typeof connectionString !== 'string' || !/^postgres(ql)?:\/\/./.test(connectionString))) {
    throw invalid('connectionString must be a postgres:// or postgresql:// URL.');
  }
  if (pool !== undefined && !isPool(pool)) throw invalid('pool must be a pg Pool.');
  if (pool !== undefined) {
    for (const name of ['statementTimeoutMs', 'connectionTimeoutMs'] as const) {
      if (options[name] !== undefined)
        throw invalid(`${name} applies to the pool the store opens; with your own pool, set the timeouts on it.`);
    }
  }
  const schema = options.schema ?? 'public';
  if (typeof schema !== 'string' || !IDENTIFIER.test(schema))
    throw invalid('schema must be an SQL identifier (letters, digits and _, not starting with a digit, at most 63).');
  const tablePrefix = options.tablePrefix ?? 'aurpay_';
  if (typeof tablePrefix !== 'string' || !PREFIX.test(tablePrefix))
    throw invalid('tablePrefix must be letters, digits and _, not starting with a digit, at most 37.');
  const channel = options.channel ?? `${tablePrefix}events`;
  if (typeof channel !== 'string' || !IDENTIFIER.test(channel))
    throw invalid('channel must be an SQL identifier (letters, digits and _, not starting with a digit, at most 63).');
  return new PostgresCheckoutStore({
    connectionString: connectionString ?? null,
    pool: pool ?? null,
    schema,
    tablePrefix,
    channel,
    statementTimeoutMs: integer('statementTimeoutMs', options.statementTimeoutMs, 5000, 1),
    connectionTimeoutMs: integer('connectionTimeoutMs', options.connectionTimeoutMs, 5000, 1),
    now: check.optionalFunction('now', options.now) ?? Date.now,
    onError: check.optionalFunction('onError', options.onError) ?? defaultOnError,
  });
}
