import { isTerminalStatus, RECONNECT_EVENT, STATUS_EVENT, type OrderStatusView } from '@aurpay-kit/core';
import type { EventSink } from '../http/checkoutRequest.js';
import type { StoredOrder } from '../stores/orderStore.js';

export interface OrderEventStreamOptions {
  sink: EventSink;
  /** The order as it stands when the stream opens. */
  order: StoredOrder;
  /** Subscribes to the order's newer versions; returns the unsubscribe. */
  subscribe: (listener: (order: StoredOrder) => void) => () => void;
  view: (order: StoredOrder) => OrderStatusView;
  /** The `Last-Event-ID` the client reconnected with, if any. */
  lastEventId: number | null;
  heartbeatMs: number;
  /** The stream ends after this; the browser reconnects with its `Last-Event-ID` and resumes. */
  maxLifetimeMs?: number;
  /** What `retry:` tells EventSource to wait before reconnecting. */
  retryMs?: number;
  /** Called once when the stream ends or the client goes away. */
  onFinish?: () => void;
}

export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store, no-transform',
  Connection: 'keep-alive',
  // Proxies such as nginx would otherwise hold events back.
  'X-Accel-Buffering': 'no',
};

/**
 * One server-sent event carrying an order's status view; its id is the order's version.
 *
 * @example statusEventFrame(order, view) // 'id: 2\nevent: status\ndata: {…}\n\n'
 */
export function statusEventFrame(order: StoredOrder, view: (order: StoredOrder) => OrderStatusView): string {
  return `id: ${order.version}\nevent: ${STATUS_EVENT}\ndata: ${JSON.stringify(view(order))}\n\n`;
}

/**
 * Streams an order's status over server-sent events: the current status at once (unless the
 * client's `Last-Event-ID` says it has it), then every newer version, a `: heartbeat` comment every
 * `heartbeatMs`, and the end of the stream after a terminal status or `maxLifetimeMs`. Everything
 * is released when the stream ends or the client goes away.
 *
 * @example streamOrderEvents({ sink, order, subscribe, view: statusView, lastEventId: null, heartbeatMs: 15_000 });
 */
export function streamOrderEvents(options: OrderEventStreamOptions): void {
  const { sink, order, view } = options;
  // An id above the current version is not ours (say, before a restart): start afresh.
  let sent = options.lastEventId !== null && options.lastEventId <= order.version ? options.lastEventId : 0;
  let finished = false;
  let unsubscribe: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let lifetime: ReturnType<typeof setTimeout> | null = null;

  const finish = (endStream: boolean): void => {
    if (finished) return;
    finished = true;
    if (heartbeat !== null) clearInterval(heartbeat);
    if (lifetime !== null) clearTimeout(lifetime);
    unsubscribe?.();
    if (endStream) sink.end();
    options.onFinish?.();
  };
  const send = (next: StoredOrder): void => {
    if (finished || next.version <= sent) return;
    sent = next.version;
    sink.write(statusEventFrame(next, view));
    if (isTerminalStatus(next.status)) finish(true);
  };

  sink.onClose(() => finish(false));
  sink.open({ ...EVENT_STREAM_HEADERS });
  sink.write(`retry: ${options.retryMs ?? 3000}\n\n`);
  if (isTerminalStatus(order.status) && sent >= order.version) {
    finish(true);
    return;
  }
  send(order);
  if (finished) return;
  unsubscribe = options.subscribe(send);
  // The subscription may have delivered a terminal version already.
  if (finished) {
    unsubscribe();
    return;
  }
  heartbeat = setInterval(() => {
    if (!finished) sink.write(': heartbeat\n\n');
  }, options.heartbeatMs);
  if (options.maxLifetimeMs !== undefined) {
    lifetime = setTimeout(() => {
      // Tells core's subscription that the end is a reconnect with Last-Event-ID, not a failure.
      if (!finished) sink.write(`event: ${RECONNECT_EVENT}\ndata:\n\n`);
      finish(true);
    }, options.maxLifetimeMs);
  }
}
