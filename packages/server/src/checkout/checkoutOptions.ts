import type {
  BlnOrderRequest,
  CheckoutStatus,
  CryptoCurrency,
  ListOrdersQuery,
  ListTransactionsQuery,
  PayInfoRequest,
  QrFormat,
} from '@aurpay-kit/core';
import type { Accepted, BlnOrder, Order, OrderDetail, Page, PayInfo, Transaction } from '../client/aurpayResults.js';
import type { FulfilmentContext } from './fulfilment/fulfilment.js';
import type { RateLimitBackend } from './stores/rateLimitBackend.js';
import type { CheckoutRequest } from './http/checkoutRequest.js';
import type { OrderEventBus } from './stores/orderEventBus.js';
import type { OrderStore, StoredOrder } from './stores/orderStore.js';
import type { RefreshLock } from './stores/refreshLock.js';

export interface GatewayCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The `AurpayClient` methods the checkout calls; an `AurpayClient` fits as it is. */
export interface CheckoutClient {
  /** An answer the gateway accepted but that could not be read in full is never stored nor shown (502). */
  createPayInfo(req: PayInfoRequest, options?: GatewayCallOptions): Promise<PayInfo | Accepted<PayInfo>>;
  createBlnOrder(req: BlnOrderRequest, options?: GatewayCallOptions): Promise<BlnOrder | Accepted<BlnOrder>>;
  getOrderDetail(orderId: string, options?: GatewayCallOptions): Promise<OrderDetail>;
  listCryptoCurrencies(options?: GatewayCallOptions): Promise<readonly CryptoCurrency[]>;
  /** Needed by the reconciler (on by default); a client without it needs `reconcile: false`. */
  listOrders?(query: ListOrdersQuery, options?: GatewayCallOptions): Promise<Page<Order>>;
  /** Tells a payment seen from one in a block (confirming); without it such a payment shows as detected. */
  listTransactions?(query: ListTransactionsQuery, options?: GatewayCallOptions): Promise<Page<Transaction>>;
}

/** The body of `POST /orders` after validation; any other field the shop sends stays readable. */
export type CreateOrderBody = ({ kind: 'crypto'; chain: string; currency: string } | { kind: 'lightning' }) & {
  readonly [field: string]: unknown;
};

/** What `priceFor` decides: the price in fiat, never taken from the buyer. */
export interface PriceQuote {
  /** Decimal string, e.g. `"18.50"`. */
  amount: string;
  /** Fiat currency code, e.g. `"USD"`. */
  currency: string;
  /** Kept with the order and handed to the hooks: a cart id, a customer id… (at most 20 entries). */
  metadata?: Record<string, string>;
  /**
   * Orders with the same key share one open order per payment method: asking again while it can
   * still be paid answers that order (200) instead of creating another. A cart id is the usual key.
   */
  orderKey?: string;
}

/**
 * `onPaid` / `onExpired`: runs at least once per order until it resolves (see `FulfilmentContext`
 * for the idempotency key and, with a SQL store, the transaction that makes it exactly once).
 */
export type CheckoutHook = (order: StoredOrder, context: FulfilmentContext) => void | Promise<void>;

/** How owed fulfilments are retried. */
export interface FulfilmentOptions {
  /** Attempts before a fulfilment is set `failed` and reported to `onError`. Default 20. */
  maxAttempts?: number;
  /** How long one attempt is leased (renewed while the hook runs). Default 30 s. */
  leaseMs?: number;
  /** Delay after the first failure, then 4 times longer each time. Default 1 s. */
  firstRetryMs?: number;
  /** The longest delay between attempts. Default 1 hour. */
  maxRetryMs?: number;
}

/** The reconciler's schedule. */
export interface ReconcileOptions {
  /** Time between passes (the first runs at start-up). Default 30 s. */
  intervalMs?: number;
  /** How long after expiry an order is still watched for a late payment or a resolve. Default 24 h. */
  expiredWindowMs?: number;
}

export interface CheckoutOptions {
  /** An `AurpayClient` (or anything with the same four methods). */
  client: CheckoutClient;
  /**
   * The public base URL where the checkout routes are mounted, e.g. `https://shop.example/api/pay`.
   * Callback URLs are built from it (`${publicUrl}/callback?ref=…&event=paid`), never from a
   * request's Host header.
   */
  publicUrl: string;
  /** Decides what the buyer pays. May throw a `CheckoutHttpError` (e.g. 404 for an unknown cart). */
  priceFor(req: CheckoutRequest, body: CreateOrderBody): PriceQuote | Promise<PriceQuote>;
  /** At least 32 characters of secret: signs each order's `statusToken`. */
  statusSecret: string;
  /**
   * The callback token and secret from Aurpay's callback authentication page, when the merchant
   * turned it on there. Every callback URL also carries a per-order key (signed with
   * `statusSecret`), so callbacks without Aurpay's headers are accepted too: a callback is only a
   * hint, confirmed with the order detail. Omit it when Aurpay does not sign callbacks.
   */
  callback?: { token: string; secret: string };
  /**
   * Where orders and owed fulfilments are kept: `createSqliteStore` (one server),
   * `createPostgresStore` or `createRedisStore` (several). Default: a `MemoryOrderStore`, which
   * loses everything on restart and is refused when `NODE_ENV` is `production`.
   */
  store?: OrderStore;
  /**
   * Carries status changes to the event streams of every process. Default: a `MemoryEventBus`
   * (this process only). Several processes share one bus (`createRedisStore`).
   */
  events?: OrderEventBus;
  /**
   * Shares the one-fetch-per-`minRefreshMs` budget of each order between processes. Default: none
   * (each process keeps its own budget). Several processes share one lock (`createRedisStore`).
   */
  refreshLock?: RefreshLock;
  /**
   * Fulfils a paid order (including an under-payment the merchant resolved). Recorded as owed
   * before it runs and retried with backoff until it resolves, on any instance, after any crash:
   * at least once, so make it idempotent on `context.idempotencyKey` (the order id).
   */
  onPaid?: CheckoutHook;
  /** Runs when an order timed out unpaid; retried like `onPaid`. */
  onExpired?: CheckoutHook;
  /** Retries of `onPaid` / `onExpired`. */
  fulfilment?: FulfilmentOptions;
  /**
   * Confirms every order that is not final (and those expired within `expiredWindowMs`) with
   * Aurpay in the background: at start-up, then every `intervalMs`, and runs owed fulfilments that
   * are due. One instance at a time reconciles (a lease in the store). `false` turns it off.
   */
  reconcile?: ReconcileOptions | false;
  /**
   * How long an order that nothing was paid on is kept after it expired (or failed, or was never
   * settled either way), in ms: then the reconciling instance removes it from the store, with its
   * done fulfilments, so abandoned checkouts never fill the store. Paid and part-paid orders are
   * never removed so. At least `reconcile.expiredWindowMs`, so no order goes while the reconciler
   * still watches it for a late payment. Default 48 hours (or `expiredWindowMs`, if longer). With
   * `reconcile: false` nothing prunes; call `store.prune` yourself.
   */
  unpaidOrderRetentionMs?: number;
  /** Called on every change of the checkout status, with the status before. */
  onStatusChange?: (order: StoredOrder, previous: CheckoutStatus) => void | Promise<void>;
  /** Unexpected failures: hooks that threw, internal errors. Default: `console.error`. */
  onError?: (error: unknown, context: { where: string; orderId?: string }) => void;
  /** Crypto currency codes offered (`'BTC'`, `'USDT-ERC20'`, `'BTC-LN'` for Lightning). Default: all. */
  allowedCurrencies?: readonly string[];
  /** How long an order stays payable. Default 30 minutes, as Aurpay. */
  orderTtlMs?: number;
  /** At most one upstream status fetch per order in this time. Default 2 s. */
  minRefreshMs?: number;
  /** How often an order with open event streams is polled. Default 3 s. */
  pollIntervalMs?: number;
  /** Event-stream heartbeat comment interval. Default 15 s. */
  heartbeatMs?: number;
  /**
   * Caps on `GET /orders/:id/events` streams: per client (IPv6 by /64; 429 past it), in this
   * process (503 past it; keep it well under the process's open-file limit), and each stream's
   * lifetime, after which the browser reconnects and resumes. Default `{ maxPerClient: 10,
   * maxTotal: 1000, maxLifetimeMs: 300000 }`.
   */
  streams?: { maxPerClient?: number; maxTotal?: number; maxLifetimeMs?: number };
  /**
   * Upstream status fetches per second that open event streams may cause in this process, shared
   * by every watched order, the most overdue first. Default 10.
   */
  pollBudgetPerSecond?: number;
  /**
   * Order creations per client and window, counted after the order request was validated and
   * priced (a refused cart costs nothing). The client is `req.ip` in the Express adapter (set
   * Express's `trust proxy` to your proxy hops), IPv6 addresses grouped by /64. Default 20 a
   * minute; `false` turns it off.
   */
  rateLimit?: { max?: number; windowMs?: number } | false;
  /**
   * Where the limit is counted. Default: this process's memory. `createRedisStore` and
   * `createPostgresStore` bring one, so instances sharing a store share the limit.
   */
  rateLimitBackend?: RateLimitBackend;
  /** How long an `Idempotency-Key`'s answer is remembered. Default 24 hours. */
  idempotencyTtlMs?: number;
  /** How long the supported-currency list is cached. Default 5 minutes. */
  currencyCacheMs?: number;
  /** What crypto QR codes encode (see core's `paymentLink`). Default `'auto'`. */
  qrFormat?: QrFormat;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}
