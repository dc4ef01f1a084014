import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type {
  FulfilmentOutcome,
  IdempotencyState,
  OrderStatusUpdate,
  OrderStore,
  StoredOrder,
  StoredResponse,
} from '../checkout/orderStore.js';
import type { RedisKeys } from './redisKeys.js';
import { REDIS_SCRIPTS } from './redisScripts.js';
import type { RedisScript } from './redisScripts.js';
import { runScript } from './runScript.js';
import { toStoreError } from './toStoreError.js';

export interface RedisOrderStoreOptions {
  keys: RedisKeys;
  /** How long an order is kept after it expires, in ms. */
  retainMs: number;
  now: () => number;
}

type IdempotencyEntry = { state: 'pending'; fingerprint: string } | { state: 'completed'; fingerprint: string; response: StoredResponse };

/** The shortest life an order key gets, even one stored long after it expired. */
const MIN_ORDER_TTL_MS = 60_000;
/** How much longer a fulfilment mark lives than its order. */
const FULFILMENT_MARGIN_MS = 3_600_000;

/**
 * The `OrderStore` over one Redis connection, as the table in `orderStore.ts` lays out: JSON
 * records that expire `retainMs` after the order does, compare-and-set and fulfilment marks as Lua
 * scripts, idempotency keys with `PX` expiry. Every failure to reach Redis is a
 * `StoreUnavailableError`. Built by `createRedisStore`, which owns the connection.
 *
 * A fulfilment mark holds a random token per claim. When the answer to a claim is lost (the
 * connection dropped after Redis applied it), the token is remembered, and the next call for that
 * order and outcome in this process wins if the mark holds it, so the hook is neither lost nor
 * run twice.
 *
 * @example const store = new RedisOrderStore(redis, { keys: redisKeys('aurpay:'), retainMs, now: Date.now });
 */
export class RedisOrderStore implements OrderStore {
  readonly #redis: Redis;
  readonly #o: RedisOrderStoreOptions;
  /** Per fulfilment mark: tokens this process sent without learning whether they won. */
  readonly #unanswered = new Map<string, Set<string>>();

  constructor(redis: Redis, options: RedisOrderStoreOptions) {
    this.#redis = redis;
    this.#o = options;
  }

  async get(orderId: string): Promise<StoredOrder | null> {
    const raw = await this.#call('read an order', () => this.#redis.get(this.#o.keys.order(orderId)));
    return raw === null ? null : (JSON.parse(raw) as StoredOrder);
  }

  async findByCallbackRef(callbackRef: string): Promise<StoredOrder | null> {
    const orderId = await this.#call('read a callback reference', () => this.#redis.get(this.#o.keys.ref(callbackRef)));
    return orderId === null ? null : this.get(orderId);
  }

  async put(order: StoredOrder): Promise<void> {
    const { keys, retainMs, now } = this.#o;
    const ttl = Math.max(Math.ceil(order.expiresAt + retainMs - now()), MIN_ORDER_TTL_MS);
    const results = await this.#call('save an order', () =>
      this.#redis.multi().set(keys.order(order.orderId), JSON.stringify(order), 'PX', ttl).set(keys.ref(order.callbackRef), order.orderId, 'PX', ttl).exec(),
    );
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (results === null || failed != null) throw toStoreError(failed ?? new Error('the transaction was discarded'), 'save an order');
  }

  async compareAndSetStatus(orderId: string, expectedVersion: number, update: OrderStatusUpdate): Promise<StoredOrder | null> {
    const current = await this.get(orderId);
    if (current === null || current.version !== expectedVersion) return null;
    const next: StoredOrder = { ...current, ...pickUpdate(update), version: expectedVersion + 1 };
    const written = await this.#script('write an order status', REDIS_SCRIPTS.compareAndSet, [this.#o.keys.order(orderId)], [expectedVersion, JSON.stringify(next)]);
    return written === 1 ? next : null;
  }

  async markFulfilled(orderId: string, outcome: FulfilmentOutcome): Promise<boolean> {
    const { keys, retainMs } = this.#o;
    const mark = keys.fulfilled(orderId, outcome);
    const token = randomUUID();
    let holder: unknown;
    try {
      holder = await this.#script('record a fulfilment', REDIS_SCRIPTS.markFulfilled, [mark, keys.order(orderId)], [token, retainMs + FULFILMENT_MARGIN_MS, FULFILMENT_MARGIN_MS]);
    } catch (error) {
      const tokens = this.#unanswered.get(mark) ?? new Set<string>();
      this.#unanswered.set(mark, tokens.add(token));
      throw error;
    }
    // The mark is decided now: an earlier unanswered claim of ours either holds it or never landed.
    const earlier = this.#unanswered.get(mark);
    this.#unanswered.delete(mark);
    return holder === token || (typeof holder === 'string' && earlier?.has(holder) === true);
  }

  async reserveIdempotencyKey(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyState> {
    const entry: IdempotencyEntry = { state: 'pending', fingerprint };
    const held = await this.#script('reserve an idempotency key', REDIS_SCRIPTS.reserve, [this.#o.keys.idempotency(key)], [JSON.stringify(entry), ttlMs]);
    if (typeof held !== 'string') return { state: 'reserved' };
    const found = JSON.parse(held) as IdempotencyEntry;
    return found.state === 'pending'
      ? { state: 'pending', fingerprint: found.fingerprint }
      : { state: 'completed', fingerprint: found.fingerprint, response: { status: found.response.status, body: found.response.body } };
  }

  async completeIdempotencyKey(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    const entry: IdempotencyEntry = { state: 'completed', fingerprint, response: { status: response.status, body: response.body } };
    await this.#call('complete an idempotency key', () => this.#redis.set(this.#o.keys.idempotency(key), JSON.stringify(entry), 'PX', ttlMs, 'XX'));
  }

  async releaseIdempotencyKey(key: string): Promise<void> {
    await this.#call('release an idempotency key', () => this.#redis.del(this.#o.keys.idempotency(key)));
  }

  async #call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toStoreError(error, what);
    }
  }

  #script(what: string, script: RedisScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.#call(what, () => runScript(this.#redis, script, keys, args));
  }
}

function pickUpdate(update: OrderStatusUpdate): OrderStatusUpdate {
  return { status: update.status, aurpayStatus: update.aurpayStatus, paidAmount: update.paidAmount, updatedAt: update.updatedAt };
}
