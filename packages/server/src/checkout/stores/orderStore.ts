import type { CheckoutKind, CheckoutStatus } from '@aurpay-kit/core';
import type { Fulfilment, FulfilmentOutcome, FulfilmentState } from '../fulfilment/fulfilment.js';
import type { SeenTransaction } from '../status/seenTransactions.js';
import type { SqlTransaction } from './sqlTransaction.js';

/**
 * An order as the checkout keeps it. Plain JSON (strings, numbers and null), so a store can
 * serialise it with `JSON.stringify`. Amounts are canonical decimal strings; times are ms since
 * the epoch.
 */
export interface StoredOrder {
  orderId: string;
  /** Random reference carried in the callback URLs; finds the order when Aurpay calls back. */
  callbackRef: string;
  kind: CheckoutKind;
  chain: string;
  currency: string;
  /** What the buyer must send in total, in `currency`. */
  amount: string;
  address: string | null;
  contractAddress: string | null;
  paymentRequest: string | null;
  fiatAmount: string;
  fiatCurrency: string;
  payUrl: string | null;
  createdAt: number;
  expiresAt: number;
  status: CheckoutStatus;
  aurpayStatus: string;
  paidAmount: string;
  updatedAt: number;
  /** Aurpay's `update_time` of the last order detail applied, exactly as sent; null before any. */
  gatewayUpdatedAt: string | null;
  /**
   * Orders created with the same key (`PriceQuote.orderKey`, scoped to the payment method) share
   * one open order: asking again while it is payable returns it. Null when none was given.
   */
  openOrderKey: string | null;
  /** The transactions the gateway has shown for the order; absent on orders stored before them. */
  transactions?: SeenTransaction[];
  /** 1 when created, +1 on every status write; compare-and-set compares it. */
  version: number;
  /** What `priceFor` attached (a cart id, a customer id…), for the hooks. */
  metadata: Record<string, string>;
}

/** The fields a status write changes. */
export interface OrderStatusUpdate {
  status: CheckoutStatus;
  aurpayStatus: string;
  paidAmount: string;
  updatedAt: number;
  gatewayUpdatedAt: string | null;
  /** The transactions seen so far; left out, the order has none on record. */
  transactions?: SeenTransaction[];
}

/** A remembered answer to a request that carried an `Idempotency-Key`. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyState =
  { state: 'reserved' } | { state: 'pending'; fingerprint: string } | { state: 'completed'; fingerprint: string; response: StoredResponse };

/** Who acts on a fulfilment, and when. */
export interface LeaseRequest {
  /** A random id per checkout instance. */
  owner: string;
  /** The caller's clock, ms since the epoch. Stores never read a clock of their own for leases. */
  now: number;
}

/** Which orders the reconciler confirms with Aurpay. */
export interface UnsettledOrdersQuery {
  /** Expired and failed orders whose `expiresAt` is at or after this are included. */
  expiredSince: number;
  /** At most this many, oldest `createdAt` first (ties by order id). */
  limit: number;
  /** Continue after this order (the last of the previous page). */
  after?: { createdAt: number; orderId: string };
}

export interface FulfilmentQuery {
  state: FulfilmentState;
  /** Only those due at or before this time (owed ones the runner may start). */
  dueBy?: number;
  /** At most this many, earliest `dueAt` first (ties by order id, then outcome). */
  limit: number;
}

/** What `prune` removes. */
export interface PruneRequest {
  /**
   * Orders that expired (or failed, or were left unknown or awaiting) before this time and never
   * received any payment (`paidAmount` is `"0"`) are removed, unless a fulfilment of theirs is
   * still owed or failed; their done fulfilment records go with them.
   */
  unpaidExpiredBefore: number;
  /**
   * The caller's clock: idempotency keys, leases and refresh claims that ran out by then are
   * removed too (PostgreSQL keeps them an hour longer, so servers whose clocks differ agree; Redis
   * lets them expire by themselves).
   */
  now: number;
  /** At most this many orders per call; call again while it returns `limit`. */
  limit: number;
}

export type { SqlTransaction };

/**
 * Where the checkout keeps orders, owed fulfilments, leases and idempotency keys. Every method
 * may be async; each must be atomic on its own, because several requests (and, with a shared
 * store, several processes) race on one order. A store that cannot be reached throws a
 * `StoreUnavailableError` (answered 503, and a callback so answered is sent again by Aurpay).
 *
 * Fulfilments follow the outbox pattern: the status write that makes an order paid (or expired)
 * records its hook as owed in the same atomic write; the hook runs under a lease, and is marked
 * done only after it resolved. Until then any instance may run it again, after any crash. A store
 * keeps an order for as long as a fulfilment of it is owed or failed, whatever its retention.
 *
 * Implementations: `MemoryOrderStore` (tests and development), `createSqliteStore`
 * (`@aurpay-kit/server/sqlite`), `createPostgresStore` (`@aurpay-kit/server/postgres`) and
 * `createRedisStore` (`@aurpay-kit/server/redis`). All pass one contract suite.
 */
export interface OrderStore {
  get(orderId: string): Promise<StoredOrder | null>;
  findByCallbackRef(callbackRef: string): Promise<StoredOrder | null>;
  /** Saves a new order (version 1) and indexes its `callbackRef` and `openOrderKey`. */
  put(order: StoredOrder): Promise<void>;
  /**
   * Writes `update` only if the stored order still has `expectedVersion`, bumping the version,
   * and, when `owe` is given, records that fulfilment as owed (due at `update.updatedAt`) unless
   * the order already has one for that outcome, in the same atomic write. Returns the order as
   * written, or null when the version moved on (or the order is unknown).
   */
  compareAndSetStatus(
    orderId: string,
    expectedVersion: number,
    update: OrderStatusUpdate,
    owe?: FulfilmentOutcome,
  ): Promise<StoredOrder | null>;
  /**
   * The newest order with this `openOrderKey` that can still be paid: awaiting payment, partly
   * paid or unknown, and `expiresAt` after `now`. Null when there is none.
   */
  findOpenOrder(openOrderKey: string, now: number): Promise<StoredOrder | null>;
  /**
   * Orders not final yet (awaiting payment, partly paid, unknown) and those expired or failed at
   * or after `expiredSince` (a payment may still arrive or be resolved), for the reconciler.
   */
  listUnsettledOrders(query: UnsettledOrdersQuery): Promise<StoredOrder[]>;

  /** Records a fulfilment as owed (due `now`) unless the order has one for that outcome; returns the record. */
  oweFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment>;
  getFulfilment(orderId: string, outcome: FulfilmentOutcome): Promise<Fulfilment | null>;
  /**
   * Starts an attempt: when the fulfilment is owed, due by `now` and nobody's lease is live, counts
   * the attempt and leases it to `owner` until `now + leaseMs`; returns the record as written.
   * Null otherwise (done, failed, not due, leased, unknown).
   */
  claimFulfilment(orderId: string, outcome: FulfilmentOutcome, lease: LeaseRequest & { leaseMs: number }): Promise<Fulfilment | null>;
  /** Extends `owner`'s live lease to `now + leaseMs`; false when `owner` no longer holds it. */
  renewFulfilment(orderId: string, outcome: FulfilmentOutcome, lease: LeaseRequest & { leaseMs: number }): Promise<boolean>;
  /**
   * Marks an owed fulfilment done (whoever holds the lease: the hook ran) and clears its lease.
   * True when this call changed it; false when it was done already, failed or unknown.
   */
  completeFulfilment(orderId: string, outcome: FulfilmentOutcome, lease: LeaseRequest): Promise<boolean>;
  /**
   * Ends `owner`'s attempt as failed: keeps `error`, clears the lease, and makes it due again at
   * `retryAt`, or, with `retryAt` null, sets it `failed` (no more automatic attempts). Null when
   * `owner` holds no lease on an owed fulfilment (someone else finished or took over).
   */
  failFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    failure: LeaseRequest & { error: string; retryAt: number | null },
  ): Promise<Fulfilment | null>;
  /** Makes an owed or failed fulfilment owed and due `now` (a lease still live stays). Null when done or unknown. */
  retryFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment | null>;
  listFulfilments(query: FulfilmentQuery): Promise<Fulfilment[]>;
  /**
   * SQL stores only: runs `work` and completes the fulfilment in one database transaction, so the
   * merchant's own writes and the done mark commit together or not at all. Rejects (rolling back)
   * with code `fulfilment_not_held` when the fulfilment is not owed or its lease is not `owner`'s.
   */
  completeFulfilmentWith?<T>(
    orderId: string,
    outcome: FulfilmentOutcome,
    lease: LeaseRequest,
    work: (sql: SqlTransaction) => T | Promise<T>,
  ): Promise<T>;

  /**
   * Removes what no longer needs keeping (see `PruneRequest`), so a store stays bounded however
   * many orders are created and abandoned: paid or part-paid orders are kept (a SQL store keeps
   * them for good, Redis and memory for their retention). Resolves to how many orders went.
   */
  prune(request: PruneRequest): Promise<{ orders: number }>;

  /**
   * A named lease (the reconciler's): true when `owner` now holds `name` until `now + ttlMs`,
   * taking it over from an expired holder or extending its own; false while another holds it.
   * A holder hands it back with `ttlMs: 0`.
   */
  acquireLease(name: string, lease: LeaseRequest & { ttlMs: number }): Promise<boolean>;

  /**
   * Claims `key` for a request whose body hashes to `fingerprint`: `reserved` when this call took
   * it (it expires after `ttlMs`), otherwise what the first request left: still `pending`, or
   * `completed` with its answer.
   */
  reserveIdempotencyKey(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyState>;
  /** Records the answer for a reserved key; kept for `ttlMs`. */
  completeIdempotencyKey(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** Forgets a reserved key (the request failed), so a retry may try again. */
  releaseIdempotencyKey(key: string): Promise<void>;
}

/** The methods every store has (`completeFulfilmentWith` is optional), for option checks. */
export const ORDER_STORE_METHODS = [
  'get',
  'findByCallbackRef',
  'put',
  'compareAndSetStatus',
  'findOpenOrder',
  'listUnsettledOrders',
  'oweFulfilment',
  'getFulfilment',
  'claimFulfilment',
  'renewFulfilment',
  'completeFulfilment',
  'failFulfilment',
  'retryFulfilment',
  'listFulfilments',
  'prune',
  'acquireLease',
  'reserveIdempotencyKey',
  'completeIdempotencyKey',
  'releaseIdempotencyKey',
] as const satisfies readonly (keyof OrderStore)[];

/** Statuses an order can still be paid in. */
export const OPEN_STATUSES: readonly CheckoutStatus[] = ['awaiting_payment', 'partially_paid', 'unknown'];
/** Final statuses the reconciler still watches for a while (a late payment, a resolve). */
export const WATCHED_FINAL_STATUSES: readonly CheckoutStatus[] = ['expired', 'failed'];
