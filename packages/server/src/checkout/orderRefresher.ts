import { isTerminalStatus } from '@aurpay-kit/core';
import type { CheckoutClient } from './checkoutOptions.js';
import { CheckoutHttpError } from './checkoutHttpError.js';
import type { OrderStore, StoredOrder } from './orderStore.js';
import type { StatusApplier } from './statusApplier.js';

export interface OrderRefresherOptions {
  client: Pick<CheckoutClient, 'getOrderDetail'>;
  store: Pick<OrderStore, 'get'>;
  applier: Pick<StatusApplier, 'apply'>;
  minRefreshMs: number;
  now: () => number;
}

export interface RefreshOptions {
  /** The order as just read, to save a store read. */
  order?: StoredOrder;
  /**
   * Fetch even if the order is terminal or was fetched within `minRefreshMs` (a verified
   * callback); still joins a fetch that started after the call began.
   */
  force?: boolean;
}

interface Flight {
  /** Flights are numbered in the order they start. */
  seq: number;
  promise: Promise<StoredOrder>;
}

const PRUNE_ABOVE = 10_000;

/**
 * Fetches an order's detail from Aurpay and applies it, coalesced: one fetch in flight per order,
 * shared by every concurrent caller, and at most one started per order per `minRefreshMs`; in
 * between, and for terminal orders, callers get the stored order with no upstream call. A failed
 * fetch rejects its callers and leaves the stored order as it was.
 *
 * @example const order = await refresher.refresh(orderId);
 */
export class OrderRefresher {
  readonly #o: OrderRefresherOptions;
  readonly #flights = new Map<string, Flight>();
  readonly #lastStart = new Map<string, number>();
  #started = 0;

  constructor(options: OrderRefresherOptions) {
    this.#o = options;
  }

  /** Fetches in flight, for tests. */
  get inFlight(): number {
    return this.#flights.size;
  }

  async refresh(orderId: string, options: RefreshOptions = {}): Promise<StoredOrder> {
    const calledAt = this.#o.now();
    const startedBefore = this.#started;
    const order = options.order ?? (await this.#o.store.get(orderId));
    if (order === null) throw new CheckoutHttpError(404, 'order_not_found', 'No such order.');
    if (options.force !== true) {
      if (isTerminalStatus(order.status)) return order;
      const flight = this.#flights.get(orderId);
      if (flight !== undefined) return flight.promise;
      const last = this.#lastStart.get(orderId);
      if (last !== undefined && calledAt - last < this.#o.minRefreshMs) return order;
      return this.#start(orderId).promise;
    }
    for (;;) {
      const flight = this.#flights.get(orderId);
      if (flight === undefined) return this.#start(orderId).promise;
      // A fetch that began before this call may predate what the callback announces.
      if (flight.seq > startedBefore) return flight.promise;
      await flight.promise.catch(() => undefined);
    }
  }

  #start(orderId: string): Flight {
    const startedAt = this.#o.now();
    this.#lastStart.set(orderId, startedAt);
    if (this.#lastStart.size > PRUNE_ABOVE) this.#prune(startedAt);
    const promise = this.#o.client
      .getOrderDetail(orderId)
      .then((detail) => this.#o.applier.apply(orderId, detail))
      .finally(() => this.#flights.delete(orderId));
    this.#started += 1;
    const flight = { seq: this.#started, promise };
    this.#flights.set(orderId, flight);
    return flight;
  }

  #prune(now: number): void {
    for (const [orderId, at] of this.#lastStart) if (now - at >= this.#o.minRefreshMs) this.#lastStart.delete(orderId);
  }
}
