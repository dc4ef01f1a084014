import type { CheckoutError, CheckoutPhase } from './checkoutMachine.js';
import type { CheckoutCurrency, CheckoutKind, CheckoutOrder, OrderStatusView } from './checkoutView.js';
import type { CheckoutStatus } from './orderStatus.js';
import type { EventSourceConstructor } from './orderStatusTransport.js';
import type { OrderSubscriptionCache } from './orderSubscriptionCache.js';

// The shapes a `CheckoutObserver` takes and gives, apart from the class so that adapters (the
// React hook) can name them without reading its schedule.

/** An order as the checkout knows it: the creation answer, when there is one, under the latest status. */
export type CheckoutDetails = OrderStatusView & Partial<Omit<CheckoutOrder, keyof OrderStatusView>>;

/** The checkout events. Each fires once per transition, never while nobody listens, and always the latest given. */
export interface CheckoutCallbacks {
  /** The server says the order is paid (or overpaid). */
  onSuccess?: (order: CheckoutDetails) => void;
  /**
   * A transaction for the order is on its way (`detected` or `confirming`): seen by the gateway,
   * or sent by the buyer's wallet through `detect`. Not paid yet: fulfil on the server's `onPaid`.
   */
  onPaymentDetected?: (order: CheckoutDetails) => void;
  /** The order expired unpaid. */
  onTimeout?: (order: CheckoutDetails) => void;
  onStatusChange?: (status: CheckoutStatus, order: CheckoutDetails) => void;
  /** Creating the order, or loading its status, failed. */
  onError?: (error: CheckoutError) => void;
}

/**
 * What to check out: the order to create, or one created elsewhere to show, and the events.
 *
 * What a change means mid-checkout (`setOptions`, or new props to `useCheckout`):
 * - callbacks apply at once, to the next event;
 * - creation inputs (`kind`, `chain`, `currency`, `orderFields`, `create`) are read when an order
 *   is created. Before one is on its way a change applies at once (fixing the currency while the
 *   buyer chooses creates that order); once one is on its way or made, a change serves the next
 *   creation only (a retry after a failed one, or `reset()`): no order is ever replaced by itself;
 * - another given order (`order`, or `orderId` with `statusToken`) replaces the one shown, and its
 *   events fire; taking the given order away leaves the one shown.
 */
export interface CheckoutOptions extends CheckoutCallbacks {
  /** Default `crypto`. */
  kind?: CheckoutKind;
  /** With `currency`, creates that order at once; without, the buyer chooses. */
  chain?: string;
  currency?: string;
  /** An order created elsewhere (the `POST /orders` answer) to show instead of creating one. */
  order?: CheckoutOrder;
  /** An order created elsewhere, known only by id and status token. */
  orderId?: string;
  statusToken?: string;
  /** Extra fields for `POST /orders` that the server's `priceFor` reads, e.g. `{ cartId }`. */
  orderFields?: Record<string, unknown>;
  /** `false` creates nothing until `reset()` or `choose()` asks (a Lightning invoice given as a string). Default true. */
  create?: boolean;
  /** Which of the server's currencies the buyer chooses from, in what order, and which one to start with. */
  currencyOptions?: CurrencyOptions;
}

/**
 * The buyer's choice of currency, narrowed on the client. Currencies are named by Aurpay's code
 * (`BTC`, `USDT-ERC20`), or by chain (`TRX`) for all of a network's; case is ignored.
 */
export interface CurrencyOptions {
  /** Only these, when given. */
  include?: readonly string[];
  /** These first, in this order; the rest after them as the server lists them. */
  order?: readonly string[];
  /** Created at once when the server offers it; the buyer can still change currency. */
  default?: string;
}

/**
 * Where the checkout router is and how to reach it: read at each request and each new connection,
 * so a change applies to those, while a live connection keeps what it opened with. A new
 * `endpoint` moves the work in hand there: the creation on its way, or the status watch.
 */
export interface CheckoutTransport {
  /** Where `createCheckoutRouter` is mounted, e.g. `/api/pay`. */
  endpoint: string;
  /** Used for every request to the endpoint; the global one when undefined. */
  fetch?: typeof fetch | undefined;
  /** Live status transport: the global EventSource when undefined, `null` to poll only. */
  EventSource?: EventSourceConstructor | null | undefined;
  /** Milliseconds between status polls when polling. Default 2000. */
  pollIntervalMs?: number | undefined;
  /** Shares status connections with other watchers of the same order; one of its own when undefined. */
  subscriptions?: OrderSubscriptionCache | undefined;
}

export interface CheckoutObserverOptions extends CheckoutOptions, CheckoutTransport {}

/** What a checkout shows: the same object until something changes. */
export interface CheckoutSnapshot {
  phase: CheckoutPhase;
  order: CheckoutDetails | null;
  error: CheckoutError | null;
  /** True while a currency must be chosen: call `choose` with one of `currencies`. */
  choosing: boolean;
  /** The on-chain currencies the server takes, loaded when the buyer is to choose, narrowed and ordered by `currencyOptions`. */
  currencies: CheckoutCurrency[] | null;
  /** Whether `changeCurrency()` goes back to the choice now: the buyer chose, and no money arrived yet. */
  canChangeCurrency: boolean;
}
