import { StoreUnavailableError } from '@aurpay-kit/server';
import type { Redis } from 'ioredis';
import { CART_LIFETIME } from './cartLifetime.js';
import type { Cart, CartPayment, CartStore, PaymentOutcome } from './cartStore.js';
import { priceCart } from './priceCart.js';

/** Redis deletes an unpaid cart by itself once its whole lifetime is over. */
const KEEP_UNPAID_SECONDS = (CART_LIFETIME.orderableMs + CART_LIFETIME.payableMs) / 1000;
const CART_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * KEYS: cart, payments (hash: order id → payment), payment order (list). ARGV: order id, payment.
 * Runs whole on the Redis server: each order is recorded once (`HSETNX`); the first payment of a
 * cart fulfils it, a later one is a refund due; a paid cart and its payments no longer expire.
 */
const RECORD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'unknown_cart' end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 'already_recorded' end
local count = redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('PERSIST', KEYS[1])
if count == 1 then return 'fulfilled' end
return 'refund_due'
`;

const cartKey = (id: string) => `shop:cart:${id}`;
const paymentsKey = (id: string) => `shop:payments:${id}`;
const orderKey = (id: string) => `shop:payment-order:${id}`;

/** A refused, lost or timed-out connection answers 503; a reply error (a bug) stays a 500. */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && error.name === 'ReplyError') throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`Redis could not ${what}: ${message}`, { cause: error });
  }
}

/**
 * The shop's carts in Redis, shared by every instance: the priced cart as JSON under
 * `shop:cart:{id}`, and its payments in `shop:payments:{id}` (one entry per order, written with
 * `HSETNX`, so a retried `onPaid` records nothing twice) in the order they came. An unreachable
 * Redis rejects with a `StoreUnavailableError`.
 *
 * @example
 * const carts = new RedisCartStore(new Redis(process.env.REDIS_URL!));
 * await carts.recordPayment(cartId, { orderId, paid, recordedAt }); // 'fulfilled' once, on one instance
 */
export class RedisCartStore implements CartStore {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async create(items: unknown): Promise<Cart> {
    const cart = priceCart(items);
    const { id, lines, total, currency } = cart;
    const orderableUntil = Date.now() + CART_LIFETIME.orderableMs;
    await call('keep the cart', () =>
      this.#redis.set(cartKey(id), JSON.stringify({ id, lines, total, currency, orderableUntil }), 'EX', KEEP_UNPAID_SECONDS),
    );
    return cart;
  }

  async get(id: string): Promise<Cart | undefined> {
    if (!CART_ID.test(id)) return undefined;
    const [cart, payments, order] = await call('read the cart', async () => {
      const answers = await this.#redis.multi().get(cartKey(id)).hgetall(paymentsKey(id)).lrange(orderKey(id), 0, -1).exec();
      return (answers ?? []).map(([error, value]) => {
        if (error) throw error;
        return value;
      }) as [string | null, Record<string, string>, string[]];
    });
    if (cart === null) return undefined;
    const [fulfilment = null, ...refundsDue] = order
      .map((orderId) => JSON.parse(payments[orderId] ?? 'null') as CartPayment)
      .filter(Boolean);
    // Past its orderable time an unpaid cart is kept only for a late payment to find.
    const { orderableUntil, ...kept } = JSON.parse(cart) as Omit<Cart, 'fulfilment' | 'refundsDue'> & { orderableUntil?: number };
    if (fulfilment === null && orderableUntil !== undefined && orderableUntil <= Date.now()) return undefined;
    return { ...kept, fulfilment, refundsDue };
  }

  async recordPayment(cartId: string, payment: CartPayment): Promise<PaymentOutcome> {
    if (!CART_ID.test(cartId)) return 'unknown_cart';
    return call('record the payment', () =>
      this.#redis.eval(RECORD, 3, cartKey(cartId), paymentsKey(cartId), orderKey(cartId), payment.orderId, JSON.stringify(payment)),
    ) as Promise<PaymentOutcome>;
  }
}
