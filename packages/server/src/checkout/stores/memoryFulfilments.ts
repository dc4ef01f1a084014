import type { Fulfilment, FulfilmentOutcome } from '../fulfilment/fulfilment.js';
import type { FulfilmentQuery, LeaseRequest } from './orderStore.js';
import { byDue, newFulfilment } from './storeRecords.js';

const OUTCOMES: readonly FulfilmentOutcome[] = ['paid', 'expired'];
const keyOf = (orderId: string, outcome: FulfilmentOutcome) => `${outcome}:${orderId}`;

/**
 * The fulfilment records of a `MemoryOrderStore`, with the `OrderStore` fulfilment methods'
 * meaning (synchronous here, so each is atomic by itself). Records are copied out, never shared.
 *
 * @example const fulfilments = new MemoryFulfilments(); fulfilments.owe(orderId, 'paid', Date.now()).state // 'owed'
 */
export class MemoryFulfilments {
  readonly #records = new Map<string, Fulfilment>();

  /** How many records the map holds. */
  get size(): number {
    return this.#records.size;
  }

  /** Records the fulfilment as owed (due `now`) unless the order has one for that outcome; returns the record. */
  owe(orderId: string, outcome: FulfilmentOutcome, now: number): Fulfilment {
    let record = this.#records.get(keyOf(orderId, outcome));
    if (record === undefined) {
      record = newFulfilment(orderId, outcome, now);
      this.#records.set(keyOf(orderId, outcome), record);
    }
    return { ...record };
  }

  get(orderId: string, outcome: FulfilmentOutcome): Fulfilment | null {
    const record = this.#records.get(keyOf(orderId, outcome));
    return record === undefined ? null : { ...record };
  }

  claim(orderId: string, outcome: FulfilmentOutcome, { owner, now, leaseMs }: LeaseRequest & { leaseMs: number }): Fulfilment | null {
    const record = this.#records.get(keyOf(orderId, outcome));
    if (record === undefined || record.state !== 'owed' || record.dueAt > now) return null;
    if (record.leaseUntil !== null && record.leaseUntil > now) return null;
    Object.assign(record, { attempts: record.attempts + 1, leaseOwner: owner, leaseUntil: now + leaseMs, updatedAt: now });
    return { ...record };
  }

  renew(orderId: string, outcome: FulfilmentOutcome, { owner, now, leaseMs }: LeaseRequest & { leaseMs: number }): boolean {
    const record = this.#records.get(keyOf(orderId, outcome));
    if (record === undefined || record.state !== 'owed' || record.leaseOwner !== owner || (record.leaseUntil ?? 0) <= now) return false;
    record.leaseUntil = now + leaseMs;
    return true;
  }

  complete(orderId: string, outcome: FulfilmentOutcome, { now }: LeaseRequest): boolean {
    const record = this.#records.get(keyOf(orderId, outcome));
    if (record === undefined || record.state !== 'owed') return false;
    Object.assign(record, { state: 'done', leaseOwner: null, leaseUntil: null, updatedAt: now });
    return true;
  }

  fail(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, error, retryAt }: LeaseRequest & { error: string; retryAt: number | null },
  ): Fulfilment | null {
    const record = this.#records.get(keyOf(orderId, outcome));
    if (record === undefined || record.state !== 'owed' || record.leaseOwner !== owner) return null;
    Object.assign(record, {
      state: retryAt === null ? 'failed' : 'owed',
      dueAt: retryAt ?? record.dueAt,
      leaseOwner: null,
      leaseUntil: null,
      lastError: error,
      updatedAt: now,
    });
    return { ...record };
  }

  retry(orderId: string, outcome: FulfilmentOutcome, now: number): Fulfilment | null {
    const record = this.#records.get(keyOf(orderId, outcome));
    if (record === undefined || record.state === 'done') return null;
    Object.assign(record, { state: 'owed', dueAt: now, updatedAt: now });
    return { ...record };
  }

  list({ state, dueBy, limit }: FulfilmentQuery): Fulfilment[] {
    return [...this.#records.values()]
      .filter((record) => record.state === state && (dueBy === undefined || record.dueAt <= dueBy))
      .sort(byDue)
      .slice(0, limit)
      .map((record) => ({ ...record }));
  }

  /** Whether a fulfilment of the order is still owed or failed: the order is kept until it is done. */
  holds(orderId: string): boolean {
    return OUTCOMES.some((outcome) => {
      const record = this.#records.get(keyOf(orderId, outcome));
      return record !== undefined && record.state !== 'done';
    });
  }

  /** Forgets the order's records, with the order. */
  drop(orderId: string): void {
    for (const outcome of OUTCOMES) this.#records.delete(keyOf(orderId, outcome));
  }
}
