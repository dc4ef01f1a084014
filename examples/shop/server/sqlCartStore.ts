import type { SqlTransaction } from '@aurpay-kit/server';
import { CART_LIFETIME } from './cartLifetime.js';
import type { Cart, CartPayment, CartStore, PaymentOutcome } from './cartStore.js';
import { priceCart } from './priceCart.js';

/** Runs one statement with `$1`… parameters: a SQLite store's `query`, or a PostgreSQL pool's. */
export type SqlExecutor = Pick<SqlTransaction, 'query'>;

const CART_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The shop's tables, in the same database as the checkout's. Valid SQLite and PostgreSQL alike. */
export const CART_TABLES = [
  `CREATE TABLE IF NOT EXISTS shop_carts (
    id TEXT PRIMARY KEY,
    cart TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  )`,
  // The sweep walks unpaid carts by expiry, a bounded batch at a time.
  'CREATE INDEX IF NOT EXISTS shop_carts_by_expiry ON shop_carts (expires_at)',
  // One row per Aurpay order, ever: recording a payment twice (a retried onPaid) changes nothing.
  `CREATE TABLE IF NOT EXISTS shop_payments (
    order_id TEXT PRIMARY KEY,
    cart_id TEXT NOT NULL REFERENCES shop_carts (id),
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    recorded_at TEXT NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS shop_payments_by_cart ON shop_payments (cart_id, recorded_at, order_id)',
];

interface PaymentRow {
  order_id: string;
  amount: string;
  currency: string;
  recorded_at: string;
}

/**
 * The shop's carts in SQL (SQLite or PostgreSQL), in the checkout's own database: the priced cart as
 * JSON, and each confirmed payment as a row keyed by its order id. The first payment fulfils the
 * cart; any later one is a refund due. `recordPaymentIn` writes inside the transaction the checkout
 * hands `onPaid`, so the payment and the checkout's done mark commit together. Unpaid carts past
 * `CART_LIFETIME` are deleted by `deleteExpired`, a bounded batch at a time.
 *
 * @example const carts = await SqlCartStore.open((sql, params) => pool.query(sql, params).then((r) => r.rows));
 */
export class SqlCartStore implements CartStore {
  readonly #db: SqlExecutor;
  readonly #now: () => number;

  private constructor(db: SqlExecutor, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** Creates the shop's tables when they are missing, then the store. */
  static async open(db: SqlExecutor, now: () => number = Date.now): Promise<SqlCartStore> {
    for (const statement of CART_TABLES) {
      try {
        await db.query(statement);
      } catch (error) {
        // Two PostgreSQL instances starting together race on IF NOT EXISTS; the loser finds the table made.
        if (!['23505', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
      }
    }
    return new SqlCartStore(db, now);
  }

  async create(items: unknown): Promise<Cart> {
    const cart = priceCart(items);
    const now = this.#now();
    const { id, lines, total, currency } = cart;
    await this.#db.query('INSERT INTO shop_carts (id, cart, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      id,
      JSON.stringify({ lines, total, currency }),
      now,
      now + CART_LIFETIME.orderableMs,
    ]);
    return cart;
  }

  async get(id: string): Promise<Cart | undefined> {
    if (!CART_ID.test(id)) return undefined;
    const [row] = await this.#db.query<{ cart: string; expires_at: number | string }>(
      'SELECT cart, expires_at FROM shop_carts WHERE id = $1',
      [id],
    );
    if (row === undefined) return undefined;
    const payments = await this.#db.query<PaymentRow>(
      'SELECT order_id, amount, currency, recorded_at FROM shop_payments WHERE cart_id = $1 ORDER BY recorded_at, order_id',
      [id],
    );
    if (payments.length === 0 && Number(row.expires_at) <= this.#now()) return undefined;
    const [fulfilment = null, ...refundsDue] = payments.map(toPayment);
    return { id, ...(JSON.parse(row.cart) as Pick<Cart, 'lines' | 'total' | 'currency'>), fulfilment, refundsDue };
  }

  recordPayment(cartId: string, payment: CartPayment): Promise<PaymentOutcome> {
    return this.recordPaymentIn(this.#db, cartId, payment);
  }

  async recordPaymentIn(sql: SqlExecutor, cartId: string, payment: CartPayment): Promise<PaymentOutcome> {
    if (!CART_ID.test(cartId)) return 'unknown_cart';
    const carts = await sql.query('SELECT id FROM shop_carts WHERE id = $1', [cartId]);
    if (carts.length === 0) return 'unknown_cart';
    const inserted = await sql.query(
      'INSERT INTO shop_payments (order_id, cart_id, amount, currency, recorded_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO NOTHING RETURNING order_id',
      [payment.orderId, cartId, payment.paid.amount, payment.paid.currency, payment.recordedAt],
    );
    if (inserted.length === 0) return 'already_recorded';
    const [first] = await sql.query<{ order_id: string }>(
      'SELECT order_id FROM shop_payments WHERE cart_id = $1 ORDER BY recorded_at, order_id LIMIT 1',
      [cartId],
    );
    return first?.order_id === payment.orderId ? 'fulfilled' : 'refund_due';
  }

  async deleteExpired(limit: number): Promise<number> {
    // Unpaid only: a payment row keeps its cart (and references it).
    const deleted = await this.#db.query(
      `DELETE FROM shop_carts WHERE id IN (
        SELECT id FROM shop_carts c WHERE c.expires_at <= $1
          AND NOT EXISTS (SELECT 1 FROM shop_payments p WHERE p.cart_id = c.id)
        ORDER BY c.expires_at LIMIT $2
      ) RETURNING id`,
      [this.#now() - CART_LIFETIME.payableMs, limit],
    );
    return deleted.length;
  }
}

function toPayment(row: PaymentRow): CartPayment {
  return { orderId: row.order_id, paid: { amount: row.amount, currency: row.currency }, recordedAt: row.recorded_at };
}
