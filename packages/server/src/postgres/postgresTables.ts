import { createHash } from 'node:crypto';

/** The kit's quoted, schema-qualified table names, e.g. `"public"."aurpay_orders"`. */
export interface PostgresTables {
  /** The schema's own name, unquoted, for catalog lookups. */
  schemaName: string;
  /** The schema, quoted. */
  schema: string;
  orders: string;
  fulfilments: string;
  idempotency: string;
  leases: string;
  migrations: string;
  /** A quoted index name under the prefix (indexes live in their table's schema). */
  index(name: string): string;
  /** The `pg_advisory_xact_lock` key migrations of this schema and prefix take, as a decimal bigint. */
  migrationLock: string;
}

/** Quotes an identifier the way PostgreSQL reads it back unchanged. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Table names for `schema` and `prefix`, quoted, so they can be written into statements as they
 * are. The migration lock key is a hash of both: stores of one schema and prefix serialise their
 * migrations; others don't wait for them.
 *
 * @example postgresTables('public', 'aurpay_').orders // '"public"."aurpay_orders"'
 */
export function postgresTables(schema: string, prefix: string): PostgresTables {
  const table = (name: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(prefix + name)}`;
  const digest = createHash('sha256').update(`aurpay-kit migrations\0${schema}\0${prefix}`).digest();
  return {
    schemaName: schema,
    schema: quoteIdentifier(schema),
    orders: table('orders'),
    fulfilments: table('fulfilments'),
    idempotency: table('idempotency_keys'),
    leases: table('leases'),
    migrations: table('schema_migrations'),
    index: (name) => quoteIdentifier(prefix + name),
    migrationLock: digest.readBigInt64BE(0).toString(),
  };
}
