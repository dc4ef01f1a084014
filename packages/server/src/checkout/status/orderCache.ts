import { isTerminalStatus } from '@aurpay-kit/core';
import type { StoredOrder } from '../stores/orderStore.js';

export interface OrderCacheOptions {
  /** Orders kept; the least recently used go first. */
  maxEntries: number;
  /** How long an open order read from the store is served without reading it again. */
  openTtlMs: number;
  /** The same for a final order, which changes rarely (a refund, a resolve). */
  finalTtlMs: number;
  now: () => number;
}

interface Entry {
  order: StoredOrder;
  at: number;
  /** The order's status view as JSON, made once per version. */
  viewText: string | null;
}

/**
 * This process's recent orders, so a buyer's status polls do not read the store each time. It is
 * fed every version of an order this process writes or hears of on the event bus (which carries
 * every instance's writes), never replacing a newer version with an older one; an entry is served
 * for `openTtlMs` (the refresh budget) or, final, `finalTtlMs`, then read again. Only views come
 * from it: every status write reads the store.
 *
 * @example const order = cache.get(orderId) ?? cache.set(await store.get(orderId));
 */
export class OrderCache {
  readonly #o: OrderCacheOptions;
  readonly #entries = new Map<string, Entry>();

  constructor(options: OrderCacheOptions) {
    this.#o = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The order when a fresh copy is held, else undefined. Callers must not change it. */
  get(orderId: string): StoredOrder | undefined {
    const entry = this.#entries.get(orderId);
    if (entry === undefined) return undefined;
    const ttl = isTerminalStatus(entry.order.status) ? this.#o.finalTtlMs : this.#o.openTtlMs;
    if (this.#o.now() - entry.at >= ttl) {
      this.#entries.delete(orderId);
      return undefined;
    }
    // Most recently used last, so eviction takes the first.
    this.#entries.delete(orderId);
    this.#entries.set(orderId, entry);
    return entry.order;
  }

  /** Holds `order` unless a newer version is held; returns what is held. */
  set(order: StoredOrder): StoredOrder {
    const held = this.#entries.get(order.orderId);
    if (held !== undefined && held.order.version > order.version) return held.order;
    this.#entries.delete(order.orderId);
    this.#entries.set(order.orderId, { order, at: this.#o.now(), viewText: held?.order.version === order.version ? held.viewText : null });
    if (this.#entries.size > this.#o.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    return order;
  }

  /** The view JSON of `order`, rendered once per version while the entry is held. */
  viewText(order: StoredOrder, render: (order: StoredOrder) => string): string {
    const entry = this.#entries.get(order.orderId);
    if (entry === undefined || entry.order.version !== order.version) return render(order);
    entry.viewText ??= render(order);
    return entry.viewText;
  }

  clear(): void {
    this.#entries.clear();
  }
}
