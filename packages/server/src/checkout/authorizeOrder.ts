import { STATUS_TOKEN_HEADER, STATUS_TOKEN_QUERY } from '@aurpay-kit/core';
import type { CheckoutContext } from './checkoutContext.js';
import { CheckoutHttpError } from './http/checkoutHttpError.js';
import type { CheckoutRequest } from './http/checkoutRequest.js';
import { headerValue } from '../shared/headerValue.js';
import { orderIdSchema, parseOr400 } from './http/checkoutSchemas.js';
import type { StoredOrder } from './stores/orderStore.js';
import { singleQueryValue, splitRequestUrl } from './http/requestUrl.js';

/**
 * Checks the order id and its status token (the `X-Status-Token` header, or the `token` query
 * parameter for EventSource) and loads the order: 400 for a malformed id, 401 without a token,
 * 403 for a token that does not open this order, 404 for an order the store does not have. A
 * recent copy of the order (see `OrderCache`) saves the store read.
 *
 * @example const order = await authorizeOrder(ctx, request, '20240613093614690315');
 */
export async function authorizeOrder(ctx: CheckoutContext, request: CheckoutRequest, rawOrderId: string): Promise<StoredOrder> {
  const orderId = parseOr400(orderIdSchema, rawOrderId, 'order_id_invalid', 'Order id');
  const fromHeader = headerValue(request.headers, STATUS_TOKEN_HEADER);
  if (fromHeader === undefined) throw new CheckoutHttpError(400, 'header_invalid', `${STATUS_TOKEN_HEADER} may be sent only once.`);
  const token = fromHeader ?? singleQueryValue(splitRequestUrl(request.url).query, STATUS_TOKEN_QUERY);
  if (token === null || token === '') {
    throw new CheckoutHttpError(
      401,
      'status_token_missing',
      `Send the order's status token in ${STATUS_TOKEN_HEADER} or ?${STATUS_TOKEN_QUERY}=.`,
    );
  }
  if (!ctx.tokens.verify(orderId, token))
    throw new CheckoutHttpError(403, 'status_token_invalid', 'This status token does not open this order.');
  const cached = ctx.cache.get(orderId);
  if (cached !== undefined) return cached;
  const order = await ctx.options.store.get(orderId);
  if (order === null) throw new CheckoutHttpError(404, 'order_not_found', 'No such order.');
  return ctx.cache.set(order);
}
