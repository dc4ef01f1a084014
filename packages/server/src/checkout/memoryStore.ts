import type { Fulfilment, FulfilmentOutcome } from './fulfilment.js';
import {
  OPEN_STATUSES,
  WATCHED_FINAL_STATUSES,
  type FulfilmentQuery,
  type IdempotencyState,
  type LeaseRequest,
  type OrderStatusUpdate,
  type OrderStore,
  type StoredOrder,
  type StoredResponse,
  type UnsettledOrdersQuery,
} from './orderStore.js';
import { byCreation, byDue, newFulfilment } from './storeRecords.js';

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

type IdempotencyEntry =
  | { state: 'pending'; fingerprint: string; expiresAt: number }
  | { state: 'completed'; fingerprint: string; response: StoredResponse; expiresAt: number };

const PRUNE_EVERY_MS = 60_000;

// A StoredOrder is flat but for `metadata` (string to string), so two spreads copy it fully:
// on the status path this is several times cheaper than structuredClone.
function copyOrder(order: StoredOrder): StoredOrder {
  return { ...order, metadata: { ...order.metadata } };
}

const fulfilmentKey = (orderId: string, outcome: FulfilmentOutcome) => `${outcome}:${orderId}`;

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
  readonly #fulfilments = new Map<string, Fulfilment>();
  readonly #leases = new Map<string, { owner: string; until: number }>();
  readonly #idempotency = new Map<string, IdempotencyEntry>();
  readonly #retainMs: number;
  readonly #now: () => number;
  /** True when the store may be used with `NODE_ENV=production`. */
  readonly acceptDataLoss: boolean;
  #lastPrune = 0;

  constructor(options: MemoryOrderStoreOptions = {}) {
    this.#retainMs = options.retainMs ?? 7 * 86_400_000;
    this.#now = options.now ?? Date.now;
    this.acceptDataLoss = options.acceptDataLoss === true;
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

  async compareAndSetStatus(orderId: string, expectedVersion: number, update: OrderStatusUpdate, owe?: FulfilmentOutcome): Promise<StoredOrder | null> {
    const current = this.#orders.get(orderId);
    if (current === undefined || current.version !== expectedVersion) return null;
    const next: StoredOrder = {
      ...current,
      status: update.status,
      aurpayStatus: update.aurpayStatus,
      paidAmount: update.paidAmount,
      updatedAt: update.updatedAt,
      gatewayUpdatedAt: update.gatewayUpdatedAt,
      version: current.version + 1,
    };
    this.#orders.set(orderId, next);
    if (owe !== undefined && !this.#fulfilments.has(fulfilmentKey(orderId, owe))) {
      this.#fulfilments.set(fulfilmentKey(orderId, owe), newFulfilment(orderId, owe, update.updatedAt));
    }
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

  async listUnsettledOrders(query: UnsettledOrdersQuery): Promise<StoredOrder[]> {
    const { after } = query;
    return [...this.#orders.values()]
      .filter(
        (order) =>
          (OPEN_STATUSES.includes(order.status) || (WATCHED_FINAL_STATUSES.includes(order.status) && order.expiresAt >= query.expiredSince)) &&
          (after === undefined || byCreation(order, after) > 0),
      )
      .sort(byCreation)
      .slice(0, query.limit)
      .map(copyOrder);
  }

  async oweFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment> {
    const key = fulfilmentKey(orderId, outcome);
    let record = this.#fulfilments.get(key);
    if (record === undefined) {
      record = newFulfilment(orderId, outcome, now);
      this.#fulfilments.set(key, record);
    }
    return { ...record };
  }

  async getFulfilment(orderId: string, outcome: FulfilmentOutcome): Promise<Fulfilment | null> {
    const record = this.#fulfilments.get(fulfilmentKey(orderId, outcome));
    return record === undefined ? null : { ...record };
  }

  async claimFulfilment(orderId: string, outcome: FulfilmentOutcome, { owner, now, leaseMs }: LeaseRequest & { leaseMs: number }): Promise<Fulfilment | null> {
    const record = this.#fulfilments.get(fulfilmentKey(orderId, outcome));
    if (record === undefined || record.state !== 'owed' || record.dueAt > now) return null;
    if (record.leaseUntil !== null && record.leaseUntil > now) return null;
    Object.assign(record, { attempts: record.attempts + 1, leaseOwner: owner, leaseUntil: now + leaseMs, updatedAt: now });
    return { ...record };
  }

  async renewFulfilment(orderId: string, outcome: FulfilmentOutcome, { owner, now, leaseMs }: LeaseRequest & { leaseMs: number }): Promise<boolean> {
    const record = this.#fulfilments.get(fulfilmentKey(orderId, outcome));
    if (record === undefined || record.state !== 'owed' || record.leaseOwner !== owner || (record.leaseUntil ?? 0) <= now) return false;
    record.leaseUntil = now + leaseMs;
    return true;
  }

  async completeFulfilment(orderId: string, outcome: FulfilmentOutcome, { now }: LeaseRequest): Promise<boolean> {
    const record = this.#fulfilments.get(fulfilmentKey(orderId, outcome));
    if (record === undefined || record.state !== 'owed') return false;
    Object.assign(record, { state: 'done', leaseOwner: null, leaseUntil: null, updatedAt: now });
    return true;
  }

  async failFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, error, retryAt }: LeaseRequest & { error: string; retryAt: number | null },
  ): Promise<Fulfilment | null> {
    const record = this.#fulfilments.get(fulfilmentKey(orderId, outcome));
    if (record === undefined || record.state !== 'owed' || record.leaseOwner !== owner) return null;
    Object.assign(record, {
      state: retryAt === null ? 'failed' : 'owed',
      dueAt: retryAt ?? record.dueAt,
      leaseOwner: null,
      leaseUntil: null,
      lastError: error,
      updatedAt: now,
    });
    return { ...record };
  }

  async retryFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment | null> {
    const record = this.#fulfilments.get(fulfilmentKey(orderId, outcome));
    if (record === undefined || record.state === 'done') return null;
    Object.assign(record, { state: 'owed', dueAt: now, updatedAt: now });
    return { ...record };
  }

  async listFulfilments(query: FulfilmentQuery): Promise<Fulfilment[]> {
    const { dueBy } = query;
    return [...this.#fulfilments.values()]
      .filter((record) => record.state === query.state && (dueBy === undefined || record.dueAt <= dueBy))
      .sort(byDue)
      .slice(0, query.limit)
      .map((record) => ({ ...record }));
  }

  async acquireLease(name: string, { owner, now, ttlMs }: LeaseRequest & { ttlMs: number }): Promise<boolean> {
    const held = this.#leases.get(name);
    if (held !== undefined && held.owner !== owner && held.until > now) return false;
    this.#leases.set(name, { owner, until: now + ttlMs });
    return true;
  }

  async reserveIdempotencyKey(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyState> {
    this.#prune();
    const now = this.#now();
    const entry = this.#idempotency.get(key);
    if (entry !== undefined && entry.expiresAt > now) {
      return entry.state === 'pending'
        ? { state: 'pending', fingerprint: entry.fingerprint }
        : { state: 'completed', fingerprint: entry.fingerprint, response: structuredClone(entry.response) };
    }
    this.#idempotency.set(key, { state: 'pending', fingerprint, expiresAt: now + ttlMs });
    return { state: 'reserved' };
  }

  async completeIdempotencyKey(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    this.#idempotency.set(key, { state: 'completed', fingerprint, response: structuredClone(response), expiresAt: this.#now() + ttlMs });
  }

  async releaseIdempotencyKey(key: string): Promise<void> {
    this.#idempotency.delete(key);
  }

  /**
   * Drops expired idempotency keys, and orders past retention with no fulfilment still owed, at
   * most once a minute.
   */
  #prune(): void {
    const now = this.#now();
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    for (const [key, entry] of this.#idempotency) if (entry.expiresAt <= now) this.#idempotency.delete(key);
    for (const [orderId, order] of this.#orders) {
      if (order.expiresAt + this.#retainMs > now) continue;
      const owed = (['paid', 'expired'] as const).some((outcome) => {
        const record = this.#fulfilments.get(fulfilmentKey(orderId, outcome));
        return record !== undefined && record.state !== 'done';
      });
      if (owed) continue;
      this.#orders.delete(orderId);
      this.#refs.delete(order.callbackRef);
      this.#fulfilments.delete(fulfilmentKey(orderId, 'paid'));
      this.#fulfilments.delete(fulfilmentKey(orderId, 'expired'));
    }
  }
}
