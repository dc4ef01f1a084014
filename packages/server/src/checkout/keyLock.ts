import { CheckoutHttpError } from './http/checkoutHttpError.js';
import type { OrderStore } from './stores/orderStore.js';

export interface KeyLock {
  store: Pick<OrderStore, 'reserveIdempotencyKey' | 'releaseIdempotencyKey'>;
  key: string;
  /** How long the lock holds if its holder dies. */
  holdMs: number;
  /** How long a second caller waits for it before a 409. */
  waitMs: number;
  now: () => number;
}

const POLL_MS = 25;

/**
 * Runs `work` while holding `key` in the store, across every instance that shares the store (the
 * idempotency-key reservation is the lock), then releases it; a caller that finds it held waits
 * for it, or answers 409 `order_in_progress` after `waitMs`.
 *
 * @example await withKeyLock({ store, key: 'open:cart-1|crypto|ETH|ETH', holdMs: 120_000, waitMs: 30_000, now }, create)
 */
export async function withKeyLock<T>(lock: KeyLock, work: () => Promise<T>): Promise<T> {
  const deadline = lock.now() + lock.waitMs;
  while ((await lock.store.reserveIdempotencyKey(lock.key, 'lock', lock.holdMs)).state !== 'reserved') {
    if (lock.now() >= deadline) {
      throw new CheckoutHttpError(409, 'order_in_progress', 'An order for this is being created; try again in a moment.', {
        headers: { 'Retry-After': '1' },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await lock.store.releaseIdempotencyKey(lock.key).catch(() => undefined);
  }
}
