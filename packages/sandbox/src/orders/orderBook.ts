import { GatewayError } from '../http/gatewayError.js';
import { createOrderId } from './orderIds.js';
import { expireOrder, type Transition } from './orderTransitions.js';
import { isOpen, type SandboxOrder } from './sandboxOrder.js';
import type { TimerSet } from '../timerSet.js';

export interface OrderBookDeps {
  now: () => number;
  timers: TimerSet;
  /** Called after every status change, e.g. to send callbacks. */
  onTransition: (order: SandboxOrder, transition: Transition) => void;
}

/**
 * The sandbox's orders. Open orders time out by an unref'd timer at their deadline and, should
 * that timer not have run yet, on the next access: what a client reads is always current.
 *
 * @example const book = new OrderBook({ now: Date.now, timers, onTransition }); book.add(order);
 */
export class OrderBook {
  readonly #orders = new Map<string, SandboxOrder>();
  readonly #deadlines = new Map<string, NodeJS.Timeout | undefined>();
  readonly #deps: OrderBookDeps;

  constructor(deps: OrderBookDeps) {
    this.#deps = deps;
  }

  /** A fresh 20-digit order id for an order created at `ms`. */
  newOrderId(ms: number): string {
    return createOrderId(ms, (id) => this.#orders.has(id));
  }

  /**
   * The smallest amount above `base` (in quote units) that no open order of the same chain and
   * currency is asking for: the per-order increment that tells payments apart.
   */
  uniqueQuoteUnits(chain: string, currency: string, base: bigint): bigint {
    const taken = new Set<bigint>();
    for (const order of this.all()) {
      if (isOpen(order) && order.chain === chain && order.currency === currency) taken.add(order.quoteUnits);
    }
    let units = base + 1n;
    while (taken.has(units)) units += 1n;
    return units;
  }

  add(order: SandboxOrder): void {
    this.#orders.set(order.orderId, order);
    this.#schedule(order);
  }

  #schedule(order: SandboxOrder): void {
    const timer = this.#deps.timers.set(() => {
      this.find(order.orderId);
      // A timer may fire a hair early; an order still open then gets another one.
      if (isOpen(order)) this.#schedule(order);
    }, order.deadline - this.#deps.now());
    this.#deadlines.set(order.orderId, timer);
  }

  /** The order, brought up to date, or undefined. */
  find(orderId: string): SandboxOrder | undefined {
    const order = this.#orders.get(orderId);
    if (order !== undefined && isOpen(order) && this.#deps.now() >= order.deadline) {
      this.apply(order, expireOrder);
    }
    return order;
  }

  /** The order, brought up to date, or an `orderNotFound` error. */
  get(orderId: string): SandboxOrder {
    const order = this.find(orderId);
    if (order === undefined) throw new GatewayError('orderNotFound', `Order ${JSON.stringify(orderId)} not found`);
    return order;
  }

  /** Every order, newest first. */
  all(): SandboxOrder[] {
    const orders = [...this.#orders.keys()].map((id) => this.find(id) as SandboxOrder);
    return orders.sort((a, b) => b.createdAt - a.createdAt || (a.orderId < b.orderId ? 1 : -1));
  }

  /** Runs a transition on an order, then stops its timer once it is closed and reports the change. */
  apply(order: SandboxOrder, change: (order: SandboxOrder, now: number) => Transition): Transition {
    const transition = change(order, this.#deps.now());
    if (!isOpen(order)) {
      this.#deps.timers.clear(this.#deadlines.get(order.orderId));
      this.#deadlines.delete(order.orderId);
    }
    if (transition.from !== transition.to) this.#deps.onTransition(order, transition);
    return transition;
  }
}
