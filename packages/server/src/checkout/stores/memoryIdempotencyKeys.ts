import type { IdempotencyState, StoredResponse } from './orderStore.js';

type Entry =
  | { state: 'pending'; fingerprint: string; expiresAt: number }
  | { state: 'completed'; fingerprint: string; response: StoredResponse; expiresAt: number };

/**
 * The idempotency keys of a `MemoryOrderStore`: each entry lives until `expiresAt` by the store's
 * clock, and stays in the map until `dropExpired` removes it. Answers are copied in and out.
 *
 * @example const keys = new MemoryIdempotencyKeys(Date.now); keys.reserve('orders:k', fingerprint, 60_000) // { state: 'reserved' }
 */
export class MemoryIdempotencyKeys {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** How many keys the map holds, expired ones not yet dropped included. */
  get size(): number {
    return this.#entries.size;
  }

  reserve(key: string, fingerprint: string, ttlMs: number): IdempotencyState {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) {
      return entry.state === 'pending'
        ? { state: 'pending', fingerprint: entry.fingerprint }
        : { state: 'completed', fingerprint: entry.fingerprint, response: structuredClone(entry.response) };
    }
    this.#entries.set(key, { state: 'pending', fingerprint, expiresAt: now + ttlMs });
    return { state: 'reserved' };
  }

  complete(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): void {
    this.#entries.set(key, { state: 'completed', fingerprint, response: structuredClone(response), expiresAt: this.#now() + ttlMs });
  }

  release(key: string): void {
    this.#entries.delete(key);
  }

  /** Removes the keys that expired by `now`. */
  dropExpired(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
