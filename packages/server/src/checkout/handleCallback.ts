import { isTerminalStatus } from '@aurpay-kit/core';
import { verifyCallback } from '../callbackVerifier.js';
import type { CheckoutContext } from './checkoutContext.js';
import { CheckoutHttpError } from './checkoutHttpError.js';
import type { CheckoutRequest, CheckoutResponse } from './checkoutRequest.js';
import { jsonResponse } from './checkoutResponses.js';
import { callbackRefSchema } from './checkoutSchemas.js';
import { singleQueryValue, splitRequestUrl } from './requestUrl.js';

function unauthorized(): CheckoutHttpError {
  // One answer for every failure: a forger learns nothing about which check failed.
  return new CheckoutHttpError(401, 'callback_unauthorized', 'Callback authentication failed.');
}

function notOurs(): CheckoutHttpError {
  return new CheckoutHttpError(404, 'order_not_found', 'No such order.');
}

/**
 * `GET` and `POST /callback`: Aurpay's success and timeout callbacks. The `Callback-Token`,
 * `Signature` and `Date` (±300 s) are checked in constant time against the URL rebuilt from
 * `publicUrl` and the request's path and raw query (never the Host header); any failure is a
 * bare 401. The `ref` in the URL must name an order this server created (else 404). The callback
 * is only a hint: the status is confirmed with Aurpay's order detail and applied, and the answer
 * is 200 once that is done. When the confirmation fails upstream the answer is 502/504, so Aurpay
 * calls again. A POST body is never read: the order detail is the truth.
 *
 * @example await handleCallback(ctx, { method: 'GET', url: '/callback?ref=…&event=paid', headers })
 */
export async function handleCallback(ctx: CheckoutContext, request: CheckoutRequest): Promise<CheckoutResponse> {
  const { options } = ctx;
  const url = splitRequestUrl(request.url);
  try {
    verifyCallback({
      headers: request.headers as Record<string, string | string[] | undefined>,
      callbackUrl: options.publicUrl + request.url,
      token: options.callback.token,
      secret: options.callback.secret,
      now: options.now(),
    });
  } catch {
    throw unauthorized();
  }
  let ref: string | null;
  let event: string | null;
  try {
    ref = singleQueryValue(url.query, 'ref');
    event = singleQueryValue(url.query, 'event');
  } catch {
    throw notOurs();
  }
  if (!callbackRefSchema.safeParse(ref).success) throw notOurs();
  const order = await options.store.findByCallbackRef(ref as string);
  if (order === null) throw notOurs();
  const announced = event === 'paid' ? 'paid' : event === 'expired' ? 'expired' : null;
  if (isTerminalStatus(order.status) && order.status === announced) {
    // A retried callback for what is already recorded needs no new confirmation; but if the store
    // failed before the fulfilment was recorded (the reason Aurpay is retrying), record it now.
    await ctx.applier.settle(order);
    return jsonResponse(200, { received: true });
  }
  await ctx.refresher.refresh(order.orderId, { order, force: true });
  return jsonResponse(200, { received: true });
}
