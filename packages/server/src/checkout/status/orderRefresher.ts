import { isTerminalStatus } from '@aurpay-kit/core';
import type { CheckoutClient } from '../checkoutOptions.js';
import { CheckoutHttpError } from '../http/checkoutHttpError.js';
import type { OrderStore, StoredOrder } from '../stores/orderStore.js';
import type { RefreshLock } from '../stores/refreshLock.js';
import type { StatusApplier } from './statusApplier.js';
import { transactionOf } from './transactionOf.js';

export interface OrderRefresherOptions {
  client: Pick<CheckoutClient, 'getOrderDetail' | 'listTransactions'>;
  store: Pick<OrderStore, 'get'>;
  applier: Pick<StatusApplier, 'apply'>;
  minRefreshMs: number;
  now: () => number;
  /** Shares the per-order budget with other processes; without it, this process keeps its own. */
  lock?: RefreshLock | null;
}

export interface RefreshOptions {
  /** The order as just read, to save a store read. */
  order?: StoredOrder;
  /**
   * Fetch even if the order is terminal or was fetched a moment ago (a verified callback): at the
   * end of the order's `minRefreshMs` window at the latest, joining a fetch that started after the
   * call began.
   */
  force?: boolean;
}

interface Flight {
  /** Flights are numbered in the order they start. */
  seq: number;
  /** Fetch even when another process holds the order's claim (a forced caller joined). */
  force: boolean;
  /** Another process held the claim: this flight read the store and fetched nothing. */
  skipped: boolean;
  promise: Promise<StoredOrder>;
}

const PRUNE_ABOVE = 10_000;
/** The longest a forced fetch (a callback) waits after the order's last fetch. */
const FORCED_WINDOW_MS = 2000;

/**
 * Fetches an order's detail from Aurpay and applies it, coalesced: one fetch in flight per order,
 * shared by every concurrent caller, and at most one started per order per `minRefreshMs`; in
 * between, and for terminal orders, callers get the stored order with no upstream call. With a
 * `lock`, that budget holds across processes: a flight that cannot claim the order reads it from
 * the shared store instead of fetching. A failed fetch rejects its callers and leaves the stored
 * order as it was.
 *
 * @example const order = await refresher.refresh(orderId);
 */
export class OrderRefresher {
  readonly #o: OrderRefresherOptions;
  readonly #flights = new Map<string, Flight>();
  readonly #lastStart = new Map<string, number>();
  /** When each order's detail was last fetched upstream for a forced caller (a callback). */
  readonly #lastForced = new Map<string, number>();
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
      return this.#start(orderId, false).promise;
    }
    for (;;) {
      const flight = this.#flights.get(orderId);
      if (flight === undefined) {
        // A forced fetch waits out the order's window (the shorter of minRefreshMs and 2 s) after
        // its last forced fetch, never after a poll: a first callback is fetched at once, and
        // replays of it share the next fetch.
        const last = this.#lastForced.get(orderId);
        const wait = last === undefined ? 0 : last + Math.min(this.#o.minRefreshMs, FORCED_WINDOW_MS) - this.#o.now();
        if (wait <= 0) return this.#start(orderId, true).promise;
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      // A fetch that began before this call may predate what the callback announces.
      if (flight.seq > startedBefore && !flight.skipped) {
        flight.force = true;
        this.#lastForced.set(orderId, this.#o.now());
        return flight.promise;
      }
      await flight.promise.catch(() => undefined);
    }
  }

  #start(orderId: string, force: boolean): Flight {
    const startedAt = this.#o.now();
    this.#lastStart.set(orderId, startedAt);
    if (this.#lastStart.size > PRUNE_ABOVE) this.#prune(startedAt);
    this.#started += 1;
    const state = { force, skipped: false };
    const promise = this.#fly(orderId, state).finally(() => this.#flights.delete(orderId));
    // One object: a forced caller that joins later sets `force` on the state the flight reads.
    const flight: Flight = Object.assign(state, { seq: this.#started, promise });
    this.#flights.set(orderId, flight);
    return flight;
  }

  async #fly(orderId: string, flight: Pick<Flight, 'force' | 'skipped'>): Promise<StoredOrder> {
    const { lock, minRefreshMs } = this.#o;
    // A forced fetch claims the order too, so other processes hold back after it.
    if (lock != null && minRefreshMs > 0 && !(await lock.acquire(orderId, minRefreshMs)) && !flight.force) {
      flight.skipped = true;
      const stored = await this.#o.store.get(orderId);
      if (stored === null) throw new CheckoutHttpError(404, 'order_not_found', 'No such order.');
      return stored;
    }
    if (flight.force) this.#lastForced.set(orderId, this.#o.now());
    const detail = await this.#o.client.getOrderDetail(orderId);
    return this.#o.applier.apply(orderId, detail, await transactionOf(this.#o.client, detail));
  }

  #prune(now: number): void {
    for (const [orderId, at] of this.#lastStart) if (now - at >= this.#o.minRefreshMs) this.#lastStart.delete(orderId);
    for (const [orderId, at] of this.#lastForced) if (now - at >= FORCED_WINDOW_MS) this.#lastForced.delete(orderId);
  }
}
