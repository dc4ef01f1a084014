import type {
  FulfilmentOutcome,
  IdempotencyState,
  OrderStatusUpdate,
  OrderStore,
  StoredOrder,
  StoredResponse,
} from './orderStore.js';

export interface MemoryOrderStoreOptions {
  /** How long an order is kept after it expires, in ms. Default 7 days. */
  retainMs?: number;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
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

/**
 * The default `OrderStore`: everything in this process's memory, lost on restart. Right for
 * development, tests and a single-process shop; use a shared store (Redis) when several processes
 * serve the checkout. Records are copied in and out, so callers never share objects with it.
 *
 * @example const handlers = createCheckoutHandlers({ ...options, store: new MemoryOrderStore() });
 */
export class MemoryOrderStore implements OrderStore {
  readonly #orders = new Map<string, StoredOrder>();
  readonly #refs = new Map<string, string>();
  readonly #fulfilled = new Set<string>();
  readonly #idempotency = new Map<string, IdempotencyEntry>();
  readonly #retainMs: number;
  readonly #now: () => number;
  #lastPrune = 0;

  constructor(options: MemoryOrderStoreOptions = {}) {
    this.#retainMs = options.retainMs ?? 7 * 86_400_000;
    this.#now = options.now ?? Date.now;
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

  async compareAndSetStatus(orderId: string, expectedVersion: number, update: OrderStatusUpdate): Promise<StoredOrder | null> {
    const current = this.#orders.get(orderId);
    if (current === undefined || current.version !== expectedVersion) return null;
    const next: StoredOrder = {
      ...current,
      status: update.status,
      aurpayStatus: update.aurpayStatus,
      paidAmount: update.paidAmount,
      updatedAt: update.updatedAt,
      version: current.version + 1,
    };
    this.#orders.set(orderId, next);
    return copyOrder(next);
  }

  async markFulfilled(orderId: string, outcome: FulfilmentOutcome): Promise<boolean> {
    const key = `${outcome}:${orderId}`;
    if (this.#fulfilled.has(key)) return false;
    this.#fulfilled.add(key);
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

  /** Drops expired idempotency keys and orders past retention, at most once a minute. */
  #prune(): void {
    const now = this.#now();
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    for (const [key, entry] of this.#idempotency) if (entry.expiresAt <= now) this.#idempotency.delete(key);
    for (const [orderId, order] of this.#orders) {
      if (order.expiresAt + this.#retainMs > now) continue;
      this.#orders.delete(orderId);
      this.#refs.delete(order.callbackRef);
      this.#fulfilled.delete(`paid:${orderId}`);
      this.#fulfilled.delete(`expired:${orderId}`);
    }
  }
}
