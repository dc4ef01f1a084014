import type { CheckoutStatus } from '@aurpay-kit/core';
import type { Fulfilment, FulfilmentOutcome, FulfilmentState } from '../checkout/fulfilment/fulfilment.js';
import {
  OPEN_STATUSES,
  WATCHED_FINAL_STATUSES,
  type IdempotencyState,
  type StoredOrder,
  type StoredResponse,
} from '../checkout/stores/orderStore.js';
import { upgradeStoredOrder } from '../checkout/stores/storeRecords.js';

/**
 * An order read back from its JSON (written by this version of the kit or an earlier one).
 *
 * @example const order = parseOrder(await redis.get(keys.order(id)));
 */
export function parseOrder(raw: string): StoredOrder {
  return upgradeStoredOrder(JSON.parse(raw) as StoredOrder);
}

/**
 * Which indexes list an order in `status`: 'open' ones (the reconciler's, and their open-order
 * key's), 'watched' ones (expired or failed: the reconciler's while recent) or none ('settled').
 *
 * @example statusClass('partially_paid') // 'open'
 */
export function statusClass(status: CheckoutStatus): 'open' | 'watched' | 'settled' {
  if (OPEN_STATUSES.includes(status)) return 'open';
  return WATCHED_FINAL_STATUSES.includes(status) ? 'watched' : 'settled';
}

/**
 * A fulfilment from its hash, as `HGETALL` answers (an object from ioredis, a flat list from a
 * script); null for an empty or missing one. Absent lease and error fields are null.
 *
 * @example parseFulfilment(await redis.hgetall(keys.fulfilment(id, 'paid')))
 */
export function parseFulfilment(reply: unknown): Fulfilment | null {
  let fields: Record<string, string | undefined>;
  if (Array.isArray(reply)) {
    fields = {};
    for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = String(reply[i + 1]);
  } else if (typeof reply === 'object' && reply !== null) {
    fields = reply as Record<string, string>;
  } else {
    return null;
  }
  if (fields.orderId === undefined) return null;
  const time = (value: string | undefined) => (value === undefined ? null : Number(value));
  return {
    orderId: fields.orderId,
    outcome: fields.outcome as FulfilmentOutcome,
    state: fields.state as FulfilmentState,
    attempts: Number(fields.attempts),
    dueAt: Number(fields.dueAt),
    leaseOwner: fields.leaseOwner ?? null,
    leaseUntil: time(fields.leaseUntil),
    lastError: fields.lastError ?? null,
    createdAt: Number(fields.createdAt),
    updatedAt: Number(fields.updatedAt),
  };
}

type IdempotencyEntry = { state: 'pending'; fingerprint: string } | { state: 'completed'; fingerprint: string; response: StoredResponse };

/**
 * An idempotency key's value: when it expires by the store's clock, a colon, then the entry as
 * JSON. The reserve script reads the time before the colon.
 *
 * @example idempotencyValue({ state: 'pending', fingerprint }, now + ttlMs) // '1718271434690:{"state":"pending",…}'
 */
export function idempotencyValue(entry: IdempotencyEntry, expiresAt: number): string {
  const copy = entry.state === 'pending' ? entry : { ...entry, response: { status: entry.response.status, body: entry.response.body } };
  return `${expiresAt}:${JSON.stringify(copy)}`;
}

/** What a held idempotency key answers a second request with. */
export function parseIdempotencyValue(value: string): IdempotencyState {
  const entry = JSON.parse(value.slice(value.indexOf(':') + 1)) as IdempotencyEntry;
  return entry.state === 'pending'
    ? { state: 'pending', fingerprint: entry.fingerprint }
    : { state: 'completed', fingerprint: entry.fingerprint, response: { status: entry.response.status, body: entry.response.body } };
}
