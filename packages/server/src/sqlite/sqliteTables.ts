/** The kit's table names under one prefix, e.g. `aurpay_orders`. */
export interface SqliteTables {
  orders: string;
  fulfilments: string;
  idempotency: string;
  leases: string;
  migrations: string;
}

/**
 * Table names for `prefix`, which `createSqliteStore` has checked is an SQL identifier, so the
 * names can be written into statements as they are.
 *
 * @example sqliteTables('aurpay_').orders // 'aurpay_orders'
 */
export function sqliteTables(prefix: string): SqliteTables {
  return {
    orders: `${prefix}orders`,
    fulfilments: `${prefix}fulfilments`,
    idempotency: `${prefix}idempotency_keys`,
    leases: `${prefix}leases`,
    migrations: `${prefix}schema_migrations`,
  };
}
