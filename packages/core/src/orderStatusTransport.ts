import type { OrderStatusView } from './checkoutView.js';
import { RECONNECT_EVENT, STATUS_EVENT, STATUS_TOKEN_HEADER, STATUS_TOKEN_QUERY } from './checkoutView.js';
import { CHECKOUT_STATUSES } from './orderStatus.js';
import { RequestError, requestJson } from './requestJson.js';

// The wire side of `OrderSubscription` (one status request, one event stream), kept apart so the
// subscription reads as its schedule.

/**
 * The part of `EventSource` the subscription uses, so tests and polyfills can stand in. Written
 * without the DOM's types, so a server that type-checks with Node's alone can use the kit.
 */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { readonly data: string }) => void): void;
  close(): void;
}

export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** The part of `document` the subscription uses to pause while the tab is hidden. */
export interface VisibilityDocument {
  readonly visibilityState: 'visible' | 'hidden';
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

// Where the order's routes are, under the router's mount point.
const orderPath = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;

/** One `GET /orders/:id`; failures are `RequestError`s. */
export async function fetchOrderStatus(
  transport: { endpoint: string; fetch?: typeof fetch | undefined },
  orderId: string,
  statusToken: string,
  signal: AbortSignal,
): Promise<OrderStatusView> {
  const headers = { [STATUS_TOKEN_HEADER]: statusToken };
  const view = readOrderStatus(await requestJson(transport, orderPath(orderId), { headers, signal }));
  if (!view) throw new RequestError('bad_response', 'The answer is not an order status.');
  return view;
}

/**
 * Opens the order's event stream and returns its closer. `onError` runs once, on the first
 * failure, after the stream is closed: EventSource would retry by itself, but a buffering proxy
 * or a server without the route would leave the buyer looking at a stale status. The one retry
 * let through is the one the server asks for with a `reconnect` event at a stream's maximum
 * lifetime, which resumes from the `Last-Event-ID`.
 */
export function openStatusStream(
  Source: EventSourceConstructor,
  endpoint: string,
  orderId: string,
  statusToken: string,
  onView: (view: OrderStatusView) => void,
  onError: () => void,
): () => void {
  const query = `${STATUS_TOKEN_QUERY}=${encodeURIComponent(statusToken)}`;
  const source = new Source(`${endpoint.replace(/\/+$/, '')}${orderPath(orderId)}/events?${query}`);
  let open = true;
  const close = () => {
    open = false;
    source.close();
  };
  source.addEventListener(STATUS_EVENT, (event) => {
    let view: OrderStatusView | null = null;
    try {
      view = readOrderStatus(JSON.parse(event.data));
    } catch {
      // one malformed event is not worth dropping a working stream
    }
    if (view && open) onView(view);
  });
  // The server is about to end a stream at its maximum lifetime: the error that follows is the
  // EventSource reconnecting by itself with its Last-Event-ID, not a failure. A second error is.
  let resuming = false;
  source.addEventListener(RECONNECT_EVENT, () => {
    resuming = true;
  });
  source.addEventListener('error', () => {
    if (!open) return;
    if (resuming) {
      resuming = false;
      return;
    }
    close();
    onError();
  });
  return close;
}

/** Checks the shape that matters and maps a status this version does not know to `unknown`. */
function readOrderStatus(value: unknown): OrderStatusView | null {
  const view = value as OrderStatusView | null;
  if (typeof view?.orderId !== 'string' || typeof view.updatedAt !== 'string') return null;
  const known = (CHECKOUT_STATUSES as readonly string[]).includes(view.status);
  return known ? view : { ...view, status: 'unknown' };
}
