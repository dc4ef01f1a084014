import type { Fulfilment, FulfilmentOutcome } from '../fulfilment/fulfilment.js';
import {
  OPEN_STATUSES,
  WATCHED_FINAL_STATUSES,
  type FulfilmentQuery,
  type IdempotencyState,
  type LeaseRequest,
  type OrderStatusUpdate,
} from './orderStore.js';
import type { OrderStore, PruneRequest, StoredOrder, StoredResponse, UnsettledOrdersQuery } from './orderStore.js';
import { MemoryFulfilments } from './memoryFulfilments.js';
import { MemoryIdempotencyKeys } from './memoryIdempotencyKeys.js';
import { PRUNABLE_STATUSES } from './prunableStatuses.js';
import { byCreation } from './storeRecords.js';

export interface MemoryOrderStoreOptions {
  /** How long an order is kept after it expires, in ms. Default 7 days. */
  retainMs?: number;
  /** Clock, ms since the epoch, for idempotency keys and retention. Default `Date.now`. */
  now?: () => number;
  /**
   * Allows this store when `NODE_ENV` is `production`. Everything in it is lost when the process
   * stops, paid orders in flight included, so the checkout refuses it there unless this is true.
   */
  acceptDataLoss?: boolean;
}

const PRUNE_EVERY_MS = 60_000;

// A StoredOrder is flat but for `metadata` (string to string), so two spreads copy it fully:
// on the status path this is several times cheaper than structuredClone.
function copyOrder(order: StoredOrder): StoredOrder {
  return { ...order, metadata: { ...order.metadata } };
}

/**
 * An `OrderStore` in this process's memory, lost on restart: for tests and development. The
 * checkout refuses it when `NODE_ENV` is `production` unless `acceptDataLoss` is set; a real shop
 * uses SQLite (one server), PostgreSQL or Redis (several). Records are copied in and out, so
 * callers never share objects with it.
 *
 * @example const handlers = createCheckoutHandlers({ ...options, store: new MemoryOrderStore() });
 */
export class MemoryOrderStore implements OrderStore {
  readonly #orders = new Map<string, StoredOrder>();
  readonly #refs = new Map<string, string>();
  readonly #fulfilments = new MemoryFulfilments();
  readonly #leases = new Map<string, { owner: string; until: number }>();
  readonly #idempotency: MemoryIdempotencyKeys;
  readonly #retainMs: number;
  readonly #now: () => number;
  /** True when the store may be used with `NODE_ENV=production`. */
  readonly acceptDataLoss: boolean;
  #lastPrune = 0;

  constructor(options: MemoryOrderStoreOptions = {}) {
    this.#retainMs = options.retainMs ?? 7 * 86_400_000;
    this.#now = options.now ?? Date.now;
    this.#idempotency = new MemoryIdempotencyKeys(this.#now);
    this.acceptDataLoss = options.acceptDataLoss === true;
  }

  /** How many records each map holds now, for tests and memory checks. */
  get size(): { orders: number; fulfilments: number; idempotencyKeys: number; leases: number } {
    return {
      orders: this.#orders.size,
      fulfilments: this.#fulfilments.size,
      idempotencyKeys: this.#idempotency.size,
      leases: this.#leases.size,
    };
  }

  async get(orderId: string): Promise<StoredOrder | null> {
    const order = this.#orders.get(orderId);
    return order === undefined ? null : copyOrder(order);
  }

  async findByCallbackRef(callbackRef: string): Promise<StoredOrder | null> {
    const orderId = this.#refs.get(callbackRef);
    return orderId === undefined ? null : this.get(orderId);
  }

  async put(order: StoredOrder): Promise<void> {
    this.#prune();
    this.#orders.set(order.orderId, copyOrder(order));
    this.#refs.set(order.callbackRef, order.orderId);
  }

  async compareAndSetStatus(
    orderId: string,
    expectedVersion: number,
    update: OrderStatusUpdate,
    owe?: FulfilmentOutcome,
  ): Promise<StoredOrder | null> {
    const current = this.#orders.get(orderId);
    if (current === undefined || current.version !== expectedVersion) return null;
    const { status, aurpayStatus, paidAmount, updatedAt, gatewayUpdatedAt, transactions } = update;
    const next: StoredOrder = {
      ...current,
      status,
      aurpayStatus,
      paidAmount,
      updatedAt,
      gatewayUpdatedAt,
      transactions,
      version: current.version + 1,
    };
    this.#orders.set(orderId, next);
    if (owe !== undefined) this.#fulfilments.owe(orderId, owe, updatedAt);
    return copyOrder(next);
  }

  async findOpenOrder(openOrderKey: string, now: number): Promise<StoredOrder | null> {
    let newest: StoredOrder | null = null;
    for (const order of this.#orders.values()) {
      if (order.openOrderKey !== openOrderKey || !OPEN_STATUSES.includes(order.status) || order.expiresAt <= now) continue;
      if (newest === null || byCreation(order, newest) > 0) newest = order;
    }
    return newest === null ? null : copyOrder(newest);
  }

  async listUnsettledOrders({ expiredSince, limit, after }: UnsettledOrdersQuery): Promise<StoredOrder[]> {
    const unsettled = (order: StoredOrder) =>
      OPEN_STATUSES.includes(order.status) || (WATCHED_FINAL_STATUSES.includes(order.status) && order.expiresAt >= expiredSince);
    return [...this.#orders.values()]
      .filter((order) => unsettled(order) && (after === undefined || byCreation(order, after) > 0))
      .sort(byCreation)
      .slice(0, limit)
      .map(copyOrder);
  }

  async oweFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment> {
    return this.#fulfilments.owe(orderId, outcome, now);
  }

  async getFulfilment(orderId: string, outcome: FulfilmentOutcome): Promise<Fulfilment | null> {
    return this.#fulfilments.get(orderId, outcome);
  }

  async claimFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    lease: LeaseRequest & { leaseMs: number },
  ): Promise<Fulfilment | null> {
    return this.#fulfilments.claim(orderId, outcome, lease);
  }

  async renewFulfilment(orderId: string, outcome: FulfilmentOutcome, lease: LeaseRequest & { leaseMs: number }): Promise<boolean> {
    return this.#fulfilments.renew(orderId, outcome, lease);
  }

  async completeFulfilment(orderId: string, outcome: FulfilmentOutcome, lease: LeaseRequest): Promise<boolean> {
    return this.#fulfilments.complete(orderId, outcome, lease);
  }

  async failFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    failure: LeaseRequest & { error: string; retryAt: number | null },
  ): Promise<Fulfilment | null> {
    return this.#fulfilments.fail(orderId, outcome, failure);
  }

  async retryFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment | null> {
    return this.#fulfilments.retry(orderId, outcome, now);
  }

  async listFulfilments(query: FulfilmentQuery): Promise<Fulfilment[]> {
    return this.#fulfilments.list(query);
  }

  async prune({ unpaidExpiredBefore, now, limit }: PruneRequest): Promise<{ orders: number }> {
    let orders = 0;
    for (const order of this.#orders.values()) {
      if (orders >= limit) break;
      if (
        !PRUNABLE_STATUSES.includes(order.status) ||
        order.paidAmount !== '0' ||
        order.expiresAt >= unpaidExpiredBefore ||
        this.#fulfilments.holds(order.orderId)
      )
        continue;
      this.#drop(order);
      orders += 1;
    }
    this.#idempotency.dropExpired(now);
    this.#dropLapsedLeases(now);
    return { orders };
  }

  async acquireLease(name: string, { owner, now, ttlMs }: LeaseRequest & { ttlMs: number }): Promise<boolean> {
    this.#dropLapsedLeases(now);
    const held = this.#leases.get(name);
    if (held !== undefined && held.owner !== owner && held.until > now) return false;
    this.#leases.set(name, { owner, until: now + ttlMs });
    return true;
  }

  async reserveIdempotencyKey(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyState> {
    this.#prune();
    return this.#idempotency.reserve(key, fingerprint, ttlMs);
  }

  async completeIdempotencyKey(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    this.#idempotency.complete(key, fingerprint, response, ttlMs);
  }

  async releaseIdempotencyKey(key: string): Promise<void> {
    this.#idempotency.release(key);
  }

  /**
   * Drops expired idempotency keys, and orders past retention with no fulfilment still owed or
   * failed, at most once a minute, so the maps stay bounded even when nobody calls `prune`.
   */
  #prune(): void {
    const now = this.#now();
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    this.#idempotency.dropExpired(now);
    for (const order of this.#orders.values())
      if (order.expiresAt + this.#retainMs <= now && !this.#fulfilments.holds(order.orderId)) this.#drop(order);
  }

  #drop(order: StoredOrder): void {
    this.#orders.delete(order.orderId);
    if (this.#refs.get(order.callbackRef) === order.orderId) this.#refs.delete(order.callbackRef);
    this.#fulfilments.drop(order.orderId);
  }

  /** Lease times are the caller's, never the store's clock: only a caller's `now` lets one go. */
  #dropLapsedLeases(now: number): void {
    for (const [name, lease] of this.#leases) if (lease.until <= now) this.#leases.delete(name);
  }
}
