import { StoreUnavailableError } from '@aurpay-kit/server';
import type { Redis } from 'ioredis';
import type { Cart, CartStore, Fulfilment } from './cartStore.js';
import { priceCart } from './priceCart.js';

/** How long a cart, and then its receipt, is kept: a few days, as a browser's basket would be. */
const KEEP_SECONDS = 3 * 86_400;
const CART_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * KEYS: cart, fulfilment. ARGV: the fulfilment, seconds to keep. Runs whole on the Redis server:
 * 0 for an unknown cart or when another call recorded first (`SET … NX`), else 1; the paid cart
 * is then kept as long as its receipt.
 */
const FULFIL = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'EX', ARGV[2]) then return 0 end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

const cartKey = (id: string) => `shop:cart:${id}`;
const fulfilmentKey = (id: string) => `shop:fulfilment:${id}`;

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
 * `shop:cart:{id}` and, once paid, the fulfilment under `shop:fulfilment:{id}`, written with
 * `SET … NX` so that exactly one `fulfil` call wins across every instance. Both expire after a
 * few days. An unreachable Redis rejects with a `StoreUnavailableError`.
 *
 * @example
 * const carts = new RedisCartStore(new Redis(process.env.REDIS_URL!));
 * await carts.fulfil(cartId, { orderId, paid, fulfilledAt }); // true once, on one instance
 */
export class RedisCartStore implements CartStore {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async create(items: unknown): Promise<Cart> {
    const cart = priceCart(items);
    const { fulfilment: _unpaid, ...stored } = cart;
    await call('keep the cart', () => this.#redis.set(cartKey(cart.id), JSON.stringify(stored), 'EX', KEEP_SECONDS));
    return cart;
  }

  async get(id: string): Promise<Cart | undefined> {
    if (!CART_ID.test(id)) return undefined;
    const [cart, fulfilment] = await call('read the cart', () => this.#redis.mget(cartKey(id), fulfilmentKey(id)));
    if (cart === null || cart === undefined) return undefined;
    return { ...(JSON.parse(cart) as Omit<Cart, 'fulfilment'>), fulfilment: fulfilment ? (JSON.parse(fulfilment) as Fulfilment) : null };
  }

  async fulfil(id: string, fulfilment: Fulfilment): Promise<boolean> {
    if (!CART_ID.test(id)) return false;
    const won = await call('record the fulfilment', () =>
      this.#redis.eval(FULFIL, 2, cartKey(id), fulfilmentKey(id), JSON.stringify(fulfilment), KEEP_SECONDS),
    );
    return won === 1;
  }
}
