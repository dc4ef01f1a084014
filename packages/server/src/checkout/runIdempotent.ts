import { CheckoutHttpError } from './http/checkoutHttpError.js';
import type { CheckoutResponse } from './http/checkoutRequest.js';
import { jsonResponse } from './http/checkoutResponses.js';
import type { OrderStore } from './stores/orderStore.js';

export interface IdempotentRun {
  store: OrderStore;
  key: string;
  fingerprint: string;
  /** How long a successful answer is replayed. */
  ttlMs: number;
  /** How long a claim lasts while its request runs (a crash frees the key after this). */
  pendingTtlMs: number;
  /** How long a duplicate waits for the first request's answer before a 409. */
  waitMs: number;
  now: () => number;
}

const POLL_MS = 25;

/**
 * Runs `run` once per idempotency key: the first request claims the key and its successful (2xx)
 * answer is kept; a duplicate with the same body gets that answer (`Idempotent-Replayed: true`),
 * waiting for it while the first is still running; a duplicate with a different body is a 409. A
 * failed first request frees the key, so a retry may try again.
 *
 * @example return runIdempotent({ store, key, fingerprint, ttlMs, pendingTtlMs, waitMs, now }, () => create());
 */
export async function runIdempotent(o: IdempotentRun, run: () => Promise<CheckoutResponse>): Promise<CheckoutResponse> {
  const deadline = o.now() + o.waitMs;
  for (;;) {
    const state = await o.store.reserveIdempotencyKey(o.key, o.fingerprint, o.pendingTtlMs);
    if (state.state === 'reserved') break;
    if (state.fingerprint !== o.fingerprint) {
      throw new CheckoutHttpError(409, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.');
    }
    if (state.state === 'completed') {
      return jsonResponse(state.response.status, state.response.body, { 'Idempotent-Replayed': 'true' });
    }
    if (o.now() >= deadline) {
      throw new CheckoutHttpError(409, 'idempotency_key_in_progress', 'A request with this Idempotency-Key is still being processed.', {
        headers: { 'Retry-After': '1' },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  let response: CheckoutResponse;
  try {
    response = await run();
  } catch (error) {
    await o.store.releaseIdempotencyKey(o.key).catch(() => undefined);
    throw error;
  }
  if (response.status >= 200 && response.status < 300) {
    await o.store.completeIdempotencyKey(o.key, o.fingerprint, { status: response.status, body: response.body }, o.ttlMs);
  } else {
    await o.store.releaseIdempotencyKey(o.key);
  }
  return response;
}
