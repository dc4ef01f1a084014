import { authorizeOrder } from './authorizeOrder.js';
import type { CheckoutContext } from './checkoutContext.js';
import type { CheckoutRequest, EventSink } from './checkoutRequest.js';
import { headerValue } from './checkoutResponses.js';
import { CheckoutHttpError } from './checkoutHttpError.js';
import { lastEventIdSchema, parseOr400 } from './checkoutSchemas.js';
import { streamOrderEvents } from './eventStream.js';
import { statusView } from './orderView.js';

/**
 * `GET /orders/:id/events`: after the same checks as `GET /orders/:id` (answered as errors
 * before the stream opens), streams the order's status over `sink` through the order's single
 * server-side watcher.
 *
 * @example await orderEvents(ctx, request, orderId, sink)
 */
export async function orderEvents(ctx: CheckoutContext, request: CheckoutRequest, rawOrderId: string, sink: EventSink): Promise<void> {
  const order = await authorizeOrder(ctx, request, rawOrderId);
  const rawLastId = headerValue(request.headers, 'Last-Event-ID');
  if (rawLastId === undefined) throw new CheckoutHttpError(400, 'header_invalid', 'Last-Event-ID may be sent only once.');
  const lastEventId = rawLastId === null || rawLastId === '' ? null : parseOr400(lastEventIdSchema, rawLastId, 'header_invalid', 'Last-Event-ID');
  streamOrderEvents({
    sink,
    order,
    subscribe: (listener) => ctx.watchers.subscribe(order.orderId, listener),
    view: statusView,
    lastEventId,
    heartbeatMs: ctx.options.heartbeatMs,
  });
}
