import type { OrderEventBus, OrderEventListener } from './orderEventBus.js';
import type { StoredOrder } from './orderStore.js';

/**
 * The default `OrderEventBus`: hands each published order to this process's subscribers at once,
 * in the order they subscribed. Every subscriber hears it even when one throws; the errors are
 * thrown together afterwards, for the publisher to report.
 *
 * @example
 * const events = new MemoryEventBus();
 * const stop = events.subscribe((order) => console.log(order.status));
 */
export class MemoryEventBus implements OrderEventBus {
  readonly #listeners = new Set<OrderEventListener>();

  /** Subscribers now. */
  get size(): number {
    return this.#listeners.size;
  }

  publish(order: StoredOrder): void {
    const errors: unknown[] = [];
    for (const listener of [...this.#listeners]) {
      try {
        listener(order);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `${errors.length} order event listener(s) failed.`);
  }

  subscribe(listener: OrderEventListener): () => void {
    // Wrapped, so one function subscribed twice is two subscriptions.
    const entry: OrderEventListener = (order) => listener(order);
    this.#listeners.add(entry);
    return () => void this.#listeners.delete(entry);
  }
}
