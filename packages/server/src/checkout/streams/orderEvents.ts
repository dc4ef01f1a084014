import { authorizeOrder } from '../authorizeOrder.js';
import type { CheckoutContext } from '../checkoutContext.js';
import { CheckoutHttpError } from '../http/checkoutHttpError.js';
import type { CheckoutRequest, EventSink } from '../http/checkoutRequest.js';
import { headerValue } from '../../shared/headerValue.js';
import { lastEventIdSchema, parseOr400 } from '../http/checkoutSchemas.js';
import { clientKey } from '../http/clientKey.js';
import { streamOrderEvents } from './streamOrderEvents.js';
import { statusView } from '../orderView.js';

/** What a refused stream is told to wait before trying again (EventSource reconnects, or polls). */
const RETRY_AFTER_S = 5;

/**
 * `GET /orders/:id/events`: takes one of the client's stream slots (429 past its own cap, 503 past
 * the process's), then, after the same checks as `GET /orders/:id` (answered as errors before the
 * stream opens), streams the order's status over `sink` through the order's single server-side
 * watcher, for at most `streams.maxLifetimeMs`. The close listener is registered before anything
 * is awaited, so a client that leaves during the checks leaves nothing behind.
 *
 * @example await orderEvents(ctx, request, orderId, sink)
 */
export async function orderEvents(ctx: CheckoutContext, request: CheckoutRequest, rawOrderId: string, sink: EventSink): Promise<void> {
  const rawLastId = headerValue(request.headers, 'Last-Event-ID');
  if (rawLastId === undefined) throw new CheckoutHttpError(400, 'header_invalid', 'Last-Event-ID may be sent only once.');
  const lastEventId =
    rawLastId === null || rawLastId === '' ? null : parseOr400(lastEventIdSchema, rawLastId, 'header_invalid', 'Last-Event-ID');
  const slot = ctx.streams.take(clientKey(request.clientId));
  if ('refused' in slot) {
    const [status, code, message] =
      slot.refused === 'client'
        ? ([429, 'too_many_streams', 'This client has too many status streams open; close some, or poll GET /orders/:id.'] as const)
        : ([
            503,
            'streams_full',
            'The server holds as many status streams as it can; try again shortly, or poll GET /orders/:id.',
          ] as const);
    throw new CheckoutHttpError(status, code, message, { headers: { 'Retry-After': String(RETRY_AFTER_S) } });
  }
  let gone = false;
  sink.onClose(() => {
    gone = true;
    slot.release();
  });
  try {
    const order = await authorizeOrder(ctx, request, rawOrderId);
    if (gone) return;
    streamOrderEvents({
      sink,
      order,
      subscribe: (listener) => ctx.watchers.subscribe(order.orderId, listener),
      view: statusView,
      lastEventId,
      heartbeatMs: ctx.options.heartbeatMs,
      maxLifetimeMs: ctx.options.streams.maxLifetimeMs,
      onFinish: slot.release,
    });
  } catch (error) {
    slot.release();
    throw error;
  }
}
