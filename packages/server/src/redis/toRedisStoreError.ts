import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';

/** Redis replies that mean "not now" rather than "wrong command". */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|READONLY|MISCONF|OOM|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|NOREPLICAS)\b/;

/**
 * Turns what a Redis command threw into what the checkout understands: a lost, refused or
 * timed-out connection (and Redis busy loading, read-only or out of memory) becomes a
 * `StoreUnavailableError`, answered 503; a reply error that means a bug in the command passes
 * through unchanged, answered 500.
 *
 * @example throw toRedisStoreError(error, 'read the order');
 */
export function toRedisStoreError(error: unknown, what: string): Error {
  if (error instanceof StoreUnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const isReply = error instanceof Error && error.name === 'ReplyError';
  if (isReply && !UNAVAILABLE_REPLY.test(message)) return error;
  return new StoreUnavailableError(`Redis could not ${what}: ${message}`, { cause: error });
}
