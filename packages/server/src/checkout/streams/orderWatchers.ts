import { isTerminalStatus } from '@aurpay-kit/core';
import type { StoredOrder } from '../stores/orderStore.js';

export type OrderListener = (order: StoredOrder) => void;

export interface OrderWatchersOptions {
  /** Brings an order up to date (coalesced upstream); rejects when the gateway fails. */
  refresh: (orderId: string) => Promise<StoredOrder>;
  /** How often each watched order is due for a poll. */
  pollIntervalMs: number;
  /** Polls per second shared by every watched order. Default: unbounded. */
  budgetPerSecond?: number;
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
  now?: () => number;
}

interface Watcher {
  orderId: string;
  listeners: Set<OrderListener>;
  /** The newest version told to the listeners. */
  latest: StoredOrder | null;
  /** When its next poll is due; null while one runs or after a terminal status. */
  dueAt: number | null;
}

/**
 * One server-side watcher per order, however many streams listen. While an order has listeners
 * and is not terminal it is due for a refresh every `pollIntervalMs` (counted from when the last
 * one settled), and polls come out of one budget shared by every watched order: at most
 * `budgetPerSecond`, the most overdue first (then the one whose deadline is nearest), so a
 * thousand watched orders never mean a thousand polls an interval. Every newer version, whether
 * from a poll or a verified callback, reaches each listener (a new listener gets the newest at
 * once). The watcher goes away with its last listener; the timer with the last watcher.
 *
 * @example const stop = watchers.subscribe(orderId, (order) => send(order)); // … stop();
 */
export class OrderWatchers {
  readonly #o: OrderWatchersOptions;
  readonly #now: () => number;
  readonly #watchers = new Map<string, Watcher>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #wakeAt = Infinity;
  #tokens: number;
  #refilledAt: number;

  constructor(options: OrderWatchersOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#tokens = this.#capacity;
    this.#refilledAt = this.#now();
  }

  /** Orders being watched now. */
  get size(): number {
    return this.#watchers.size;
  }

  get #capacity(): number {
    return this.#o.budgetPerSecond ?? Infinity;
  }

  subscribe(orderId: string, listener: OrderListener): () => void {
    let watcher = this.#watchers.get(orderId);
    if (watcher === undefined) {
      watcher = { orderId, listeners: new Set(), latest: null, dueAt: this.#now() };
      this.#watchers.set(orderId, watcher);
      this.#schedule();
    }
    const entry: OrderListener = (order) => listener(order);
    watcher.listeners.add(entry);
    // A late subscriber still learns of a change published before it came.
    if (watcher.latest !== null) listener(watcher.latest);
    return () => {
      watcher.listeners.delete(entry);
      if (watcher.listeners.size > 0 || this.#watchers.get(orderId) !== watcher) return;
      this.#watchers.delete(orderId);
      if (this.#watchers.size === 0) this.#stopTimer();
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
    this.#stopTimer();
    this.#watchers.clear();
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#wakeAt = Infinity;
  }

  /** Sets the one timer for the earliest moment a due poll can be afforded. */
  #schedule(): void {
    let earliest = Infinity;
    for (const watcher of this.#watchers.values()) if (watcher.dueAt !== null && watcher.dueAt < earliest) earliest = watcher.dueAt;
    if (earliest === Infinity) return this.#stopTimer();
    this.#refill();
    const affordableAt = this.#tokens >= 1 ? this.#now() : this.#refilledAt + ((1 - this.#tokens) * 1000) / this.#capacity;
    const wakeAt = Math.max(earliest, affordableAt);
    if (this.#timer !== null && this.#wakeAt <= wakeAt) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#wakeAt = wakeAt;
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, wakeAt - this.#now()));
  }

  #refill(): void {
    const now = this.#now();
    if (this.#capacity === Infinity) return;
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#refilledAt) * this.#capacity) / 1000);
    this.#refilledAt = now;
  }

  #tick(): void {
    this.#timer = null;
    this.#wakeAt = Infinity;
    this.#refill();
    const now = this.#now();
    const due = [...this.#watchers.values()]
      .filter((watcher) => watcher.dueAt !== null && watcher.dueAt <= now)
      .sort((a, b) => a.dueAt! - b.dueAt! || (a.latest?.expiresAt ?? Infinity) - (b.latest?.expiresAt ?? Infinity));
    for (const watcher of due) {
      if (this.#tokens < 1) break;
      this.#tokens -= 1;
      void this.#poll(watcher);
    }
    this.#schedule();
  }

  async #poll(watcher: Watcher): Promise<void> {
    watcher.dueAt = null;
    let terminal = false;
    try {
      const order = await this.#o.refresh(watcher.orderId);
      // Another process sharing the store may have written it: publish what is newer.
      this.publish(order);
      terminal = isTerminalStatus(order.status);
    } catch {
      // The gateway failed; the stored status stands and the next poll tries again.
    }
    if (this.#watchers.get(watcher.orderId) !== watcher || terminal) return;
    watcher.dueAt = this.#now() + this.#o.pollIntervalMs;
    this.#schedule();
  }
}
