import { authorizeOrder } from './authorizeOrder.js';
import type { CheckoutContext } from './checkoutContext.js';
import type { CheckoutRequest, CheckoutResponse } from './http/checkoutRequest.js';
import { jsonTextResponse } from './http/checkoutResponses.js';
import type { StoredOrder } from './stores/orderStore.js';
import { statusView } from './orderView.js';

const renderView = (order: StoredOrder): string => JSON.stringify(statusView(order));

/**
 * `GET /orders/:id`: the order's `OrderStatusView`, brought up to date through the coalescing
 * refresher (terminal orders straight from the store). A gateway failure answers 502/504 and
 * leaves the stored status as it was.
 *
 * @example await getOrderStatus(ctx, request, orderId)
 */
export async function getOrderStatus(ctx: CheckoutContext, request: CheckoutRequest, rawOrderId: string): Promise<CheckoutResponse> {
  const stored = await authorizeOrder(ctx, request, rawOrderId);
  const order = ctx.cache.set(await ctx.refresher.refresh(stored.orderId, { order: stored }));
  return jsonTextResponse(200, ctx.cache.viewText(order, renderView));
}
