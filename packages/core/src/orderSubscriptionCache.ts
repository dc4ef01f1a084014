import type { OrderSubscriptionOptions } from './orderSubscription.js';
import { OrderSubscription } from './orderSubscription.js';

/**
 * The status subscriptions of one app (one `<AurpayProvider>`): watchers of the same order at the
 * same endpoint with the same status token share one connection, and nothing else is shared. A
 * subscription leaves the cache when its last listener does, so the next watcher starts afresh.
 * The first watcher's `fetch`, `EventSource` and interval serve the connection it opens.
 *
 * @example
 * const subscriptions = new OrderSubscriptionCache();
 * const status = subscriptions.get({ endpoint: '/api/pay', orderId, statusToken });
 * const stop = status.subscribe(() => render(status.getSnapshot()));
 */
export class OrderSubscriptionCache {
  readonly #entries = new Map<string, OrderSubscription>();

  /** The shared subscription for the options' endpoint, order id and status token. */
  get(options: OrderSubscriptionOptions): OrderSubscription {
    // A token is part of the key: a caller must never watch with a token it was not given.
    const key = JSON.stringify([options.endpoint, options.orderId, options.statusToken]);
    let entry = this.#entries.get(key);
    if (!entry) {
      const created = new OrderSubscription(options, (listening) => {
        if (listening) {
          if (!this.#entries.has(key)) this.#entries.set(key, created);
        } else if (this.#entries.get(key) === created) this.#entries.delete(key);
      });
      this.#entries.set(key, (entry = created));
    }
    return entry;
  }
}
