import { StoreUnavailableError } from '@aurpay-kit/server';
import type { CartStore } from './cartStore.js';

export interface SweepOptions {
  /** How often to sweep; default every 10 minutes. */
  everyMs?: number;
  /** Carts deleted per statement; default 500. */
  batch?: number;
  /** Statements per sweep at most, so one sweep never holds the store for long; default 20. */
  maxBatches?: number;
}

/**
 * Deletes unpaid carts past their lifetime every `everyMs`, in bounded batches, for stores that
 * do not expire entries by themselves (memory, SQLite, PostgreSQL). Several instances may sweep
 * one database at once. Resolves `stop()` once a sweep under way has finished.
 *
 * @example const stop = sweepExpiredCarts(carts); … await stop();
 */
export function sweepExpiredCarts(
  carts: CartStore,
  { everyMs = 600_000, batch = 500, maxBatches = 20 }: SweepOptions = {},
): () => Promise<void> {
  const deleteExpired = carts.deleteExpired?.bind(carts);
  if (deleteExpired === undefined) return async () => undefined;
  let running: Promise<void> | null = null;
  const sweep = async () => {
    try {
      for (let round = 0; round < maxBatches; round += 1) {
        if ((await deleteExpired(batch)) < batch) break;
      }
    } catch (error) {
      // An unreachable store is logged once where its connection is watched; the next sweep tries again.
      // No request is involved, so the database's own message is safe to log (cut short).
      if (!(error instanceof StoreUnavailableError))
        console.error(`Cart sweep failed, trying again at the next: ${String(error).slice(0, 200)}`);
    }
  };
  const timer = setInterval(() => {
    running ??= sweep().finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
