import type { OrderStatusView } from './checkoutView.js';
import { STATUS_EVENT, STATUS_TOKEN_HEADER, STATUS_TOKEN_QUERY } from './checkoutView.js';
import { AurpayKitError } from './errors.js';
import { CHECKOUT_STATUSES } from './orderStatus.js';

// The wire side of `orderSubscription` (one status request, one event stream), kept apart so the
// subscription reads as its schedule.

/** The part of `EventSource` the subscription uses, so tests and polyfills can stand in. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** The part of `document` the subscription uses to pause while the tab is hidden. */
export interface VisibilityDocument {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** A failed status request; `httpStatus` is 0 when the answer was not an order status. */
export class StatusRequestError extends AurpayKitError {
  constructor(
    code: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(code, message);
  }
}

export function orderUrl(endpoint: string, orderId: string): string {
  return `${endpoint.replace(/\/+$/, '')}/orders/${encodeURIComponent(orderId)}`;
}

export async function fetchOrderStatus(
  doFetch: typeof fetch,
  url: string,
  statusToken: string,
  signal: AbortSignal,
): Promise<OrderStatusView> {
  const response = await doFetch(url, { headers: { [STATUS_TOKEN_HEADER]: statusToken }, signal });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new StatusRequestError(
      typeof error?.code === 'string' ? error.code : `http_${response.status}`,
      typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
      response.status,
    );
  }
  const view = readOrderStatus(body);
  if (!view) throw new StatusRequestError('bad_response', 'The answer is not an order status.', 0);
  return view;
}

/**
 * Opens the order's event stream and returns its closer. `onError` runs once, on the first
 * failure, after the stream is closed: EventSource would retry by itself, but a buffering proxy
 * or a server without the route would leave the buyer looking at a stale status.
 */
export function openStatusStream(
  Source: EventSourceConstructor,
  url: string,
  statusToken: string,
  onView: (view: OrderStatusView) => void,
  onError: () => void,
): () => void {
  const source = new Source(`${url}/events?${STATUS_TOKEN_QUERY}=${encodeURIComponent(statusToken)}`);
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
  source.addEventListener('error', () => {
    if (!open) return;
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
