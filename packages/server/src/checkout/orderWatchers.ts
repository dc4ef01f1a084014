import { isTerminalStatus } from '@aurpay-kit/core';
import type { StoredOrder } from './orderStore.js';

export type OrderListener = (order: StoredOrder) => void;

export interface OrderWatchersOptions {
  /** Brings an order up to date (coalesced upstream); rejects when the gateway fails. */
  refresh: (orderId: string) => Promise<StoredOrder>;
  pollIntervalMs: number;
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
}

interface Watcher {
  listeners: Set<OrderListener>;
  timer: ReturnType<typeof setTimeout> | null;
  /** The newest version told to the listeners. */
  latest: StoredOrder | null;
}

/**
 * One server-side watcher per order, however many streams listen: while an order has listeners
 * and is not terminal, it is refreshed every `pollIntervalMs` (the next poll scheduled after the
 * previous settles), and every newer version of it, whether from a poll or a verified callback,
 * reaches each listener (a new listener gets the newest one at once). The watcher and its timer go away with the last listener.
 *
 * @example const stop = watchers.subscribe(orderId, (order) => send(order)); // … stop();
 */
export class OrderWatchers {
  readonly #o: OrderWatchersOptions;
  readonly #watchers = new Map<string, Watcher>();

  constructor(options: OrderWatchersOptions) {
    this.#o = options;
  }

  /** Orders being watched now. */
  get size(): number {
    return this.#watchers.size;
  }

  subscribe(orderId: string, listener: OrderListener): () => void {
    let watcher = this.#watchers.get(orderId);
    if (watcher === undefined) {
      watcher = { listeners: new Set(), timer: null, latest: null };
      this.#watchers.set(orderId, watcher);
      this.#schedule(orderId, watcher, 0);
    }
    const entry: OrderListener = (order) => listener(order);
    watcher.listeners.add(entry);
    // A late subscriber still learns of a change published before it came.
    if (watcher.latest !== null) listener(watcher.latest);
    return () => {
      watcher.listeners.delete(entry);
      if (watcher.listeners.size > 0 || this.#watchers.get(orderId) !== watcher) return;
      if (watcher.timer !== null) clearTimeout(watcher.timer);
      this.#watchers.delete(orderId);
    };
  }

  /** Tells an order's listeners about a newer version of it. */
  publish(order: StoredOrder): void {
    const watcher = this.#watchers.get(order.orderId);
    if (watcher === undefined || (watcher.latest !== null && order.version <= watcher.latest.version)) return;
    watcher.latest = order;
    for (const listener of [...watcher.listeners]) {
      try {
        listener(order);
      } catch (error) {
        this.#o.onError(error, { where: 'order listener', orderId: order.orderId });
      }
    }
  }

  /** Stops every watcher (server shutdown); listeners get nothing more. */
  close(): void {
    for (const watcher of this.#watchers.values()) if (watcher.timer !== null) clearTimeout(watcher.timer);
    this.#watchers.clear();
  }

  #schedule(orderId: string, watcher: Watcher, delayMs: number): void {
    watcher.timer = setTimeout(() => void this.#poll(orderId, watcher), delayMs);
  }

  async #poll(orderId: string, watcher: Watcher): Promise<void> {
    watcher.timer = null;
    let terminal = false;
    try {
      const order = await this.#o.refresh(orderId);
      // Another process sharing the store may have written it: publish what is newer.
      this.publish(order);
      terminal = isTerminalStatus(order.status);
    } catch {
      // The gateway failed; the stored status stands and the next poll tries again.
    }
    if (this.#watchers.get(orderId) === watcher && !terminal) this.#schedule(orderId, watcher, this.#o.pollIntervalMs);
  }
}
