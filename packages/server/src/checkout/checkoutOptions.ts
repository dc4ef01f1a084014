import type { BlnOrderRequest, CheckoutStatus, CryptoCurrency, PayInfoRequest, QrFormat } from '@aurpay-kit/core';
import type { BlnOrder, OrderDetail, PayInfo } from '../aurpayResults.js';
import type { CheckoutRequest } from './checkoutRequest.js';
import type { OrderEventBus } from './orderEventBus.js';
import type { OrderStore, StoredOrder } from './orderStore.js';
import type { RefreshLock } from './refreshLock.js';

export interface GatewayCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The four `AurpayClient` methods the checkout calls; an `AurpayClient` fits as it is. */
export interface CheckoutClient {
  createPayInfo(req: PayInfoRequest, options?: GatewayCallOptions): Promise<PayInfo>;
  createBlnOrder(req: BlnOrderRequest, options?: GatewayCallOptions): Promise<BlnOrder>;
  getOrderDetail(orderId: string, options?: GatewayCallOptions): Promise<OrderDetail>;
  listCryptoCurrencies(options?: GatewayCallOptions): Promise<readonly CryptoCurrency[]>;
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
}

export type CheckoutHook = (order: StoredOrder) => void | Promise<void>;

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
  /** The callback token and secret from Aurpay's callback authentication page. */
  callback: { token: string; secret: string };
  /** Default: a `MemoryOrderStore`. Several processes share one store (`createRedisStore`). */
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
  /** Called once per order when it is paid (including an under-payment the merchant resolved). */
  onPaid?: CheckoutHook;
  /** Called once per order when it timed out unpaid. */
  onExpired?: CheckoutHook;
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
  /** Order creations per client and window. Default 20 a minute; `false` turns it off. */
  rateLimit?: { max?: number; windowMs?: number } | false;
  /** How long an `Idempotency-Key`'s answer is remembered. Default 24 hours. */
  idempotencyTtlMs?: number;
  /** How long the supported-currency list is cached. Default 5 minutes. */
  currencyCacheMs?: number;
  /** What crypto QR codes encode (see core's `paymentLink`). Default `'auto'`. */
  qrFormat?: QrFormat;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}
