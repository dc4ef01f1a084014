import { AurpayKitError } from '@aurpay-kit/core';

/**
 * The order store cannot be reached right now: its connection is down, a command timed out, or
 * it is still loading its data. A shared store (the Redis one) throws it so the checkout can answer
 * 503 `store_unavailable` and change nothing; a callback answered so is retried by Aurpay.
 *
 * @example throw new StoreUnavailableError('Redis at 10.0.0.5:6379 did not answer in 2000 ms.', { cause: error });
 */
export class StoreUnavailableError extends AurpayKitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store_unavailable', message, options);
  }
}
