import type { Redis } from 'ioredis';
import type { Fulfilment, FulfilmentOutcome } from '../checkout/fulfilment/fulfilment.js';
import type {
  FulfilmentQuery,
  IdempotencyState,
  LeaseRequest,
  OrderStatusUpdate,
  OrderStore,
  PruneRequest,
} from '../checkout/stores/orderStore.js';
import type { StoredOrder, StoredResponse, UnsettledOrdersQuery } from '../checkout/stores/orderStore.js';
import { CLAIM_SCRIPTS } from './claimScripts.js';
import { FULFILMENT_SCRIPTS as F } from './fulfilmentScripts.js';
import { ORDER_SCRIPTS } from './orderScripts.js';
import { pruneUnpaidOrders } from './pruneUnpaidOrders.js';
import { idempotencyValue, parseFulfilment, parseIdempotencyValue, parseOrder, statusClass } from './redisRecords.js';
import type { RedisKeys } from './redisKeys.js';
import type { RedisScript } from './redisScript.js';
import { runScript } from './runScript.js';
import { toRedisStoreError } from './toRedisStoreError.js';

export interface RedisOrderStoreOptions {
  keys: RedisKeys;
  /** How long an order is kept after it expires, in ms. */
  retainMs: number;
  /** The store's clock, for retention and idempotency keys (leases and fulfilments use the caller's). */
  now: () => number;
}

/** The shortest life an order key gets, even one stored long after it expired. */
const MIN_ORDER_TTL_MS = 60_000;
/** How long past its end a done fulfilment, a lapsed lease or an expired idempotency key stays. */
const GC_MARGIN_MS = 3_600_000;

/**
 * The `OrderStore` over one Redis connection. An order is JSON expiring `retainMs` after the order
 * does, a fulfilment a hash, and sorted sets index orders by open-order key, the reconciler's
 * unsettled orders, and fulfilments by state and due time (`redisKeys` has the layout). Each
 * method is one command or one Lua script, so it is atomic across processes; a status write moves
 * the order between indexes and records its owed fulfilment in the same script. Times of leases
 * and fulfilments are the caller's; idempotency keys expire by the store's `now`, with `PX` only
 * as garbage collection. An order with a fulfilment owed or failed does not expire until it is
 * done; an unpaid one goes before its retention when `prune` finds it. Every failure to reach
 * Redis is a `StoreUnavailableError`. Built by `createRedisStore`.
 *
 * What it cannot promise that a SQL store does:
 * - Durability is Redis's. With `appendonly yes` and `appendfsync always` an acknowledged write
 *   survives a crash; with `everysec` the last second's may not, nor may writes a failover to an
 *   asynchronous replica left behind. A lost status write or owed fulfilment is found again by
 *   the reconciler only if the order itself survived; a lost "done" runs the hook once more.
 * - No transaction spans the merchant's own database: no `completeFulfilmentWith`, so the hook
 *   context has no `transaction`. A hook runs at least once; make its effects idempotent on the
 *   order id.
 * - A reply lost after Redis applied a write is answered 503, and the write stands. That is safe:
 *   an owed fulfilment is run by whoever claims it, and a lease lost with its reply lapses.
 * - Not for Redis Cluster: the scripts touch keys in several slots.
 *
 * @example const store = new RedisOrderStore(redis, { keys: redisKeys('aurpay:'), retainMs, now: Date.now });
 */
export class RedisOrderStore implements OrderStore {
  readonly #redis: Redis;
  readonly #o: RedisOrderStoreOptions;

  constructor(redis: Redis, options: RedisOrderStoreOptions) {
    this.#redis = redis;
    this.#o = options;
  }

  async get(orderId: string): Promise<StoredOrder | null> {
    const raw = await this.#call('read an order', () => this.#redis.get(this.#o.keys.order(orderId)));
    return raw === null ? null : parseOrder(raw);
  }

  async findByCallbackRef(callbackRef: string): Promise<StoredOrder | null> {
    const orderId = await this.#call('read a callback reference', () => this.#redis.get(this.#o.keys.ref(callbackRef)));
    return orderId === null ? null : this.get(orderId);
  }

  async put(order: StoredOrder): Promise<void> {
    const { keys, retainMs } = this.#o;
    const now = this.#o.now();
    const ttl = Math.max(Math.ceil(order.expiresAt + retainMs - now), MIN_ORDER_TTL_MS);
    await this.#script(
      'save an order',
      ORDER_SCRIPTS.put,
      [keys.order(order.orderId), keys.ref(order.callbackRef), keys.unsettled, keys.unsettledExpiries, this.#openIndex(order)],
      [JSON.stringify(order), order.orderId, ttl, statusClass(order.status), order.createdAt, order.expiresAt, keys.prefix, now - retainMs],
    );
  }

  async compareAndSetStatus(
    orderId: string,
    expectedVersion: number,
    update: OrderStatusUpdate,
    owe?: FulfilmentOutcome,
  ): Promise<StoredOrder | null> {
    const current = await this.get(orderId);
    if (current === null || current.version !== expectedVersion) return null;
    const { status, aurpayStatus, paidAmount, updatedAt, gatewayUpdatedAt, transactions } = update;
    const next: StoredOrder = {
      ...current,
      status,
      aurpayStatus,
      paidAmount,
      updatedAt,
      gatewayUpdatedAt,
      transactions,
      version: expectedVersion + 1,
    };
    const { keys } = this.#o;
    const owed = owe === undefined ? ['', ''] : [keys.fulfilment(orderId, owe), keys.fulfilments('owed')];
    const member = owe === undefined ? '' : keys.fulfilmentMember(orderId, owe);
    const order = [keys.order(orderId), keys.unsettled, keys.unsettledExpiries, this.#openIndex(current), ...owed];
    const args = [
      expectedVersion,
      JSON.stringify(next),
      orderId,
      statusClass(status),
      next.createdAt,
      next.expiresAt,
      owe ?? '',
      member,
      updatedAt,
    ];
    return (await this.#script('write an order status', ORDER_SCRIPTS.compareAndSetStatus, order, args)) === 1 ? next : null;
  }

  async findOpenOrder(openOrderKey: string, now: number): Promise<StoredOrder | null> {
    const raw = await this.#script(
      'find an open order',
      ORDER_SCRIPTS.findOpenOrder,
      [this.#o.keys.openOrders(openOrderKey)],
      [this.#o.keys.prefix, now],
    );
    return typeof raw === 'string' ? parseOrder(raw) : null;
  }

  async listUnsettledOrders({ expiredSince, limit, after }: UnsettledOrdersQuery): Promise<StoredOrder[]> {
    if (limit <= 0) return [];
    const { keys } = this.#o;
    const cursor = after === undefined ? ['', ''] : [after.createdAt, after.orderId];
    const args = [keys.prefix, expiredSince, limit, ...cursor];
    const raws = await this.#script(
      'list unsettled orders',
      ORDER_SCRIPTS.listUnsettledOrders,
      [keys.unsettled, keys.unsettledExpiries],
      args,
    );
    return (raws as string[]).map(parseOrder);
  }

  async oweFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment> {
    const { keys } = this.#o;
    const owed = [keys.fulfilment(orderId, outcome), keys.fulfilments('owed'), keys.order(orderId)];
    const reply = await this.#script('record an owed fulfilment', F.owe, owed, [
      orderId,
      outcome,
      keys.fulfilmentMember(orderId, outcome),
      now,
    ]);
    return parseFulfilment(reply)!;
  }

  async getFulfilment(orderId: string, outcome: FulfilmentOutcome): Promise<Fulfilment | null> {
    return parseFulfilment(await this.#call('read a fulfilment', () => this.#redis.hgetall(this.#o.keys.fulfilment(orderId, outcome))));
  }

  async claimFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, leaseMs }: LeaseRequest & { leaseMs: number },
  ): Promise<Fulfilment | null> {
    return parseFulfilment(
      await this.#script('claim a fulfilment', F.claim, [this.#o.keys.fulfilment(orderId, outcome)], [owner, now, now + leaseMs]),
    );
  }

  async renewFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, leaseMs }: LeaseRequest & { leaseMs: number },
  ): Promise<boolean> {
    return (
      (await this.#script(
        'renew a fulfilment lease',
        F.renew,
        [this.#o.keys.fulfilment(orderId, outcome)],
        [owner, now, now + leaseMs],
      )) === 1
    );
  }

  async completeFulfilment(orderId: string, outcome: FulfilmentOutcome, { now }: LeaseRequest): Promise<boolean> {
    const { keys, retainMs } = this.#o;
    const other = outcome === 'paid' ? 'expired' : 'paid';
    const record = [
      keys.fulfilment(orderId, outcome),
      keys.fulfilments('owed'),
      keys.fulfilments('done'),
      keys.order(orderId),
      keys.fulfilment(orderId, other),
    ];
    const args = [keys.fulfilmentMember(orderId, outcome), now, keys.prefix, retainMs, this.#o.now(), MIN_ORDER_TTL_MS, GC_MARGIN_MS];
    return (await this.#script('complete a fulfilment', F.complete, record, args)) === 1;
  }

  async failFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, error, retryAt }: LeaseRequest & { error: string; retryAt: number | null },
  ): Promise<Fulfilment | null> {
    const { keys } = this.#o;
    const record = [keys.fulfilment(orderId, outcome), keys.fulfilments('owed'), keys.fulfilments('failed')];
    const args = [owner, now, error, retryAt ?? '', keys.fulfilmentMember(orderId, outcome)];
    return parseFulfilment(await this.#script('record a failed fulfilment', F.fail, record, args));
  }

  async retryFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment | null> {
    const { keys } = this.#o;
    const record = [keys.fulfilment(orderId, outcome), keys.fulfilments('owed'), keys.fulfilments('failed')];
    return parseFulfilment(await this.#script('retry a fulfilment', F.retry, record, [now, keys.fulfilmentMember(orderId, outcome)]));
  }

  async listFulfilments({ state, dueBy, limit }: FulfilmentQuery): Promise<Fulfilment[]> {
    if (limit <= 0) return [];
    const replies = await this.#script(
      'list fulfilments',
      F.list,
      [this.#o.keys.fulfilments(state)],
      [this.#o.keys.prefix, dueBy ?? '+inf', limit],
    );
    return (replies as unknown[]).map((reply) => parseFulfilment(reply)!);
  }

  async prune(request: PruneRequest): Promise<{ orders: number }> {
    return {
      orders: await pruneUnpaidOrders(
        (script, keys, args) => this.#script('prune unpaid orders', script, keys, args),
        this.#o.keys,
        request,
      ),
    };
  }

  async acquireLease(name: string, { owner, now, ttlMs }: LeaseRequest & { ttlMs: number }): Promise<boolean> {
    const args = [owner, now, now + ttlMs, Math.ceil(ttlMs) + GC_MARGIN_MS];
    return (await this.#script('acquire a lease', CLAIM_SCRIPTS.acquireLease, [this.#o.keys.lease(name)], args)) === 1;
  }

  async reserveIdempotencyKey(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyState> {
    const now = this.#o.now();
    const pending = idempotencyValue({ state: 'pending', fingerprint }, now + ttlMs);
    const args = [pending, now, Math.ceil(ttlMs) + GC_MARGIN_MS];
    const held = await this.#script(
      'reserve an idempotency key',
      CLAIM_SCRIPTS.reserveIdempotencyKey,
      [this.#o.keys.idempotency(key)],
      args,
    );
    return typeof held === 'string' ? parseIdempotencyValue(held) : { state: 'reserved' };
  }

  async completeIdempotencyKey(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    const value = idempotencyValue({ state: 'completed', fingerprint, response }, this.#o.now() + ttlMs);
    await this.#call('complete an idempotency key', () =>
      this.#redis.set(this.#o.keys.idempotency(key), value, 'PX', Math.ceil(ttlMs) + GC_MARGIN_MS),
    );
  }

  async releaseIdempotencyKey(key: string): Promise<void> {
    await this.#call('release an idempotency key', () => this.#redis.del(this.#o.keys.idempotency(key)));
  }

  /** The order's open-order-key index, or '' (no key) for the scripts. */
  #openIndex(order: StoredOrder): string {
    return order.openOrderKey === null ? '' : this.#o.keys.openOrders(order.openOrderKey);
  }

  async #call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toRedisStoreError(error, what);
    }
  }

  #script(what: string, script: RedisScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.#call(what, () => runScript(this.#redis, script, keys, args));
  }
}
