import type { CheckoutKind, CheckoutStatus } from '@aurpay-kit/core';

/**
 * An order as the checkout keeps it. Plain JSON (strings and numbers), so a store can serialise it
 * with `JSON.stringify`. Amounts are canonical decimal strings; times are ms since the epoch.
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
}

/** The hook-firing outcomes `markFulfilled` guards. */
export type FulfilmentOutcome = 'paid' | 'expired';

/** A remembered answer to a request that carried an `Idempotency-Key`. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyState =
  | { state: 'reserved' }
  | { state: 'pending'; fingerprint: string }
  | { state: 'completed'; fingerprint: string; response: StoredResponse };

/**
 * Where the checkout keeps orders, fulfilment marks and idempotency keys. Every method may be
 * async; each must be atomic on its own, because several requests (and, with a shared store,
 * several processes) race on one order. A store that cannot be reached throws a
 * `StoreUnavailableError` (answered 503). The in-memory `MemoryOrderStore` is the default;
 * `createRedisStore` (`@aurpay-kit/server/redis`) maps one to one, keys under a prefix
 * (`aurpay:` by default):
 *
 * | method | Redis |
 * | --- | --- |
 * | `get` | `GET order:{id}` → JSON |
 * | `findByCallbackRef` | `GET ref:{ref}` → id, then `get` |
 * | `put` | `SET order:{id}` and `SET ref:{ref} {id}` (MULTI), with a retention `PX` |
 * | `compareAndSetStatus` | `get`, then a Lua script: compare `version`, write the record with `version + 1` (`KEEPTTL`) |
 * | `markFulfilled` | a Lua script: `SET fulfilled:{id}:{outcome} {token} NX PX` (outliving the order) → true when it holds this call's token |
 * | `reserveIdempotencyKey` | a Lua script: `SET idem:{key} {pending} NX PX ttl`, else `GET idem:{key}` |
 * | `completeIdempotencyKey` | `SET idem:{key} {completed…} XX PX ttl` |
 * | `releaseIdempotencyKey` | `DEL idem:{key}` |
 */
export interface OrderStore {
  get(orderId: string): Promise<StoredOrder | null>;
  findByCallbackRef(callbackRef: string): Promise<StoredOrder | null>;
  /** Saves a new order (version 1) and indexes its `callbackRef`. */
  put(order: StoredOrder): Promise<void>;
  /**
   * Writes `update` only if the stored order still has `expectedVersion`, bumping the version.
   * Returns the order as written, or null when the version moved on (or the order is unknown).
   */
  compareAndSetStatus(orderId: string, expectedVersion: number, update: OrderStatusUpdate): Promise<StoredOrder | null>;
  /** True for exactly one call per order and outcome, ever; false for every later one. */
  markFulfilled(orderId: string, outcome: FulfilmentOutcome): Promise<boolean>;
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
