import { isTerminalStatus, type CheckoutStatus } from '@aurpay-kit/core';
import { verifyCallback } from '../callbacks/verifyCallback.js';
import type { CheckoutContext } from './checkoutContext.js';
import { CheckoutHttpError } from './http/checkoutHttpError.js';
import type { CheckoutRequest, CheckoutResponse } from './http/checkoutRequest.js';
import { jsonResponse } from './http/checkoutResponses.js';
import { callbackRefSchema } from './http/checkoutSchemas.js';
import { singleQueryValue, splitRequestUrl } from './http/requestUrl.js';

function unauthorized(): CheckoutHttpError {
  // One answer for every failure: a forger learns nothing about which check failed.
  return new CheckoutHttpError(401, 'callback_unauthorized', 'Callback authentication failed.');
}

function notOurs(): CheckoutHttpError {
  return new CheckoutHttpError(404, 'order_not_found', 'No such order.');
}

/**
 * Whether a callback announcing `announced` can change nothing: the order is paid or refunded
 * (which no callback undoes), or already in the state announced.
 */
function settled(status: CheckoutStatus, announced: 'paid' | 'expired' | null): boolean {
  return status === 'paid' || status === 'refunded' || (isTerminalStatus(status) && status === announced);
}

/**
 * `GET` and `POST /callback`: Aurpay's success and timeout callbacks. A callback is authenticated
 * by Aurpay's `Callback-Token`, `Signature` and `Date` (±300 s), checked in constant time against
 * the URL rebuilt from `publicUrl` and the request's path and raw query (never the Host header),
 * or, when Aurpay sends none, by the order's key in the URL; any failure is a bare 401. The `ref` in the URL must name an order this server created (else 404). The callback
 * is only a hint: the status is confirmed with Aurpay's order detail and applied, and the answer
 * is 200 once that is done. When the confirmation fails upstream the answer is 502/504, so Aurpay
 * calls again. A POST body is never read: the order detail is the truth.
 *
 * @example await handleCallback(ctx, { method: 'GET', url: '/callback?ref=…&event=paid', headers })
 */
export async function handleCallback(ctx: CheckoutContext, request: CheckoutRequest): Promise<CheckoutResponse> {
  const { options } = ctx;
  const url = splitRequestUrl(request.url);
  let ref: string | null;
  let event: string | null;
  let key: string | null;
  try {
    ref = singleQueryValue(url.query, 'ref');
    event = singleQueryValue(url.query, 'event');
    key = singleQueryValue(url.query, 'key');
  } catch {
    throw unauthorized();
  }
  if (!signedByAurpay(ctx, request) && !(ref !== null && key !== null && ctx.callbackKeys.verify(ref, key))) throw unauthorized();
  if (!callbackRefSchema.safeParse(ref).success) throw notOurs();
  const order = await options.store.findByCallbackRef(ref as string);
  if (order === null) throw notOurs();
  const announced = event === 'paid' ? 'paid' : event === 'expired' ? 'expired' : null;
  if (settled(order.status, announced)) {
    // A retried or replayed callback for what is already recorded costs no upstream call; but if
    // the store failed before the fulfilment was recorded (why Aurpay retries), it is recorded now.
    await ctx.applier.settle(order);
    return jsonResponse(200, { received: true });
  }
  // Forced past the status throttle, but at most one such fetch per order per minRefreshMs:
  // replays inside that window share the next one.
  await ctx.refresher.refresh(order.orderId, { order, force: true });
  return jsonResponse(200, { received: true });
}

/** Aurpay's `Callback-Token`, `Signature` and `Date` check out (when the merchant configured them). */
function signedByAurpay(ctx: CheckoutContext, request: CheckoutRequest): boolean {
  const { callback, publicUrl, now } = ctx.options;
  if (callback === null) return false;
  try {
    verifyCallback({
      headers: request.headers as Record<string, string | string[] | undefined>,
      callbackUrl: publicUrl + request.url,
      token: callback.token,
      secret: callback.secret,
      now: now(),
    });
    return true;
  } catch {
    return false;
  }
}
