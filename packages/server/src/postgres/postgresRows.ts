import type { Fulfilment, FulfilmentOutcome, FulfilmentState } from '../checkout/fulfilment/fulfilment.js';
import type { StoredOrder } from '../checkout/stores/orderStore.js';
import { upgradeStoredOrder } from '../checkout/stores/storeRecords.js';

/** A fulfilment row as `pg` returns it: bigint columns arrive as strings. */
export interface FulfilmentRow {
  order_id: string;
  outcome: FulfilmentOutcome;
  state: FulfilmentState;
  attempts: number;
  due_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** `pg` returns int8 as a string (it may not fit a double); the kit's times and counts always do. */
function number(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * A fulfilment row as the `Fulfilment` record the checkout reads.
 *
 * @example const fulfilment = toFulfilment(result.rows[0]);
 */
export function toFulfilment(row: FulfilmentRow): Fulfilment {
  return {
    orderId: row.order_id,
    outcome: row.outcome,
    state: row.state,
    attempts: number(row.attempts),
    dueAt: number(row.due_at),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until === null ? null : number(row.lease_until),
    lastError: row.last_error,
    createdAt: number(row.created_at),
    updatedAt: number(row.updated_at),
  };
}

/**
 * An order's `record` column as a `StoredOrder`: `pg` parses jsonb itself, unless a pool's own type
 * parsers say otherwise, so text is parsed here. Fields added since it was written are filled in.
 *
 * @example const order = toStoredOrder(result.rows[0].record);
 */
export function toStoredOrder(record: unknown): StoredOrder {
  return upgradeStoredOrder((typeof record === 'string' ? JSON.parse(record) : record) as StoredOrder);
}
