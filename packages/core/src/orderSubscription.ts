import type { OrderStatusView } from './checkoutView.js';
import { isTerminalStatus } from './orderStatus.js';
import type { EventSourceConstructor, VisibilityDocument } from './orderStatusTransport.js';
import { fetchOrderStatus, openStatusStream } from './orderStatusTransport.js';
import type { RequestError } from './requestJson.js';

export type { EventSourceConstructor, EventSourceLike, VisibilityDocument } from './orderStatusTransport.js';

/** What a status subscription holds: the server's last word and the last failure, if any. */
export interface OrderStatusSnapshot {
  /** The last status the server sent; `null` until one arrives. */
  order: OrderStatusView | null;
  /** The last failure, cleared by the next success. */
  error: { code: string; message: string } | null;
}

export interface OrderSubscriptionOptions {
  /** Where the checkout router is mounted, e.g. `/api/pay`. */
  endpoint: string;
  orderId: string;
  statusToken: string;
  fetch?: typeof fetch;
  /** Server-sent events are tried first; `null` polls only. Defaults to the global one. */
  EventSource?: EventSourceConstructor | null;
  /** Pause between polls, counted from when the previous one settled. Default 2000. */
  intervalMs?: number;
  /** Ceiling of the error back-off. Default 30000. */
  maxBackoffMs?: number;
  document?: VisibilityDocument;
}

const EMPTY: OrderStatusSnapshot = { order: null, error: null };
// Answers that asking again cannot change: a bad token or an unknown order.
const FATAL_HTTP = [400, 401, 403, 404, 410];

/**
 * The live status of one order: server-sent events first, polling as the fallback. Network
 * activity exists only while someone listens, and never on the server; it stops at a terminal
 * status, polling pauses while the tab is hidden, and errors back off exponentially. Get instances
 * from an `OrderSubscriptionCache` so that watchers of one order with one token share one
 * connection.
 *
 * @example
 * const status = new OrderSubscription({ endpoint: '/api/pay', orderId, statusToken });
 * const stop = status.subscribe(() => render(status.getSnapshot()));
 */
export class OrderSubscription {
  readonly #options: OrderSubscriptionOptions;
  readonly #onListening: ((listening: boolean) => void) | undefined;
  #snapshot = EMPTY;
  #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | undefined;
  #closeStream: (() => void) | undefined;
  #failures = 0;
  #waiting = false;
  #stopped = true;

  /** `onListening` tells an owner (the cache) when the first listener arrives and the last leaves. */
  constructor(options: OrderSubscriptionOptions, onListening?: (listening: boolean) => void) {
    this.#options = options;
    this.#onListening = onListening;
  }

  /** Adds a listener and returns its removal. The first listener starts the network activity. */
  subscribe = (listener: () => void): (() => void) => {
    if (typeof window === 'undefined') return () => {};
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      this.#onListening?.(true);
      this.#start();
    }
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      this.#stop();
      this.#onListening?.(false);
    };
  };

  /** The current snapshot: the same object until something changes. */
  getSnapshot = (): OrderStatusSnapshot => this.#snapshot;

  /** Starts over, at once and without back-off, e.g. after a rejected token stopped it. */
  retry = (): void => {
    if (this.#listeners.size === 0) return;
    this.#stop();
    // Forget the failure, so that the same one again is news to the listeners.
    if (this.#snapshot.error) this.#set({ order: this.#snapshot.order, error: null });
    this.#start();
  };

  /** Takes a status learnt elsewhere (the order creation answer) unless a newer one is known. */
  offer = (view: OrderStatusView): void => {
    const { order, error } = this.#snapshot;
    if (order && Date.parse(view.updatedAt) < Date.parse(order.updatedAt)) return;
    if (!error && JSON.stringify(order) === JSON.stringify(view)) return;
    this.#set({ order: view, error: null });
    if (isTerminalStatus(view.status)) this.#stop();
  };

  #start(): void {
    const { order } = this.#snapshot;
    if (order && isTerminalStatus(order.status)) return;
    this.#stopped = false;
    this.#failures = 0;
    this.#doc()?.addEventListener('visibilitychange', this.#onVisibility);
    const { endpoint, orderId, statusToken, intervalMs = 2000 } = this.#options;
    const { EventSource: Source = globalThis.EventSource } = this.#options;
    if (Source) {
      this.#closeStream = openStatusStream(Source, endpoint, orderId, statusToken, this.offer, () => {
        this.#closeStream = undefined;
        this.#poll();
      });
    } else if (order) {
      // A status in hand (the creation answer, say) is fresh: the first poll can wait its turn.
      this.#timer = setTimeout(this.#poll, intervalMs);
    } else this.#poll();
  }

  #stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#request?.abort();
    this.#closeStream?.();
    this.#request = this.#closeStream = undefined;
    this.#waiting = false;
    this.#doc()?.removeEventListener('visibilitychange', this.#onVisibility);
  }

  #doc(): VisibilityDocument | undefined {
    return this.#options.document ?? (typeof document === 'undefined' ? undefined : document);
  }

  #hidden = (): boolean => this.#doc()?.visibilityState === 'hidden';

  #onVisibility = (): void => {
    if (this.#stopped || this.#closeStream || this.#request) return;
    if (this.#hidden()) {
      clearTimeout(this.#timer);
      this.#waiting = true;
    } else if (this.#waiting) this.#poll();
  };

  #poll = (): void => {
    clearTimeout(this.#timer);
    this.#waiting = this.#hidden();
    if (this.#waiting) return;
    const request = (this.#request = new AbortController());
    const { orderId, statusToken, intervalMs = 2000, maxBackoffMs = 30_000 } = this.#options;
    fetchOrderStatus(this.#options, orderId, statusToken, request.signal).then(
      (view) => {
        if (request.signal.aborted) return;
        this.#request = undefined;
        this.#failures = 0;
        this.offer(view);
        if (!this.#stopped) this.#timer = setTimeout(this.#poll, intervalMs);
      },
      (error: unknown) => {
        if (request.signal.aborted) return;
        this.#request = undefined;
        this.#failures += 1;
        // Every failure of the request is a RequestError; anything else is a fault worth seeing.
        const { code = 'unexpected', message = String(error), httpStatus = 0 } = error as Partial<RequestError>;
        this.#fail({ code, message });
        if (FATAL_HTTP.includes(httpStatus)) return this.#stop();
        this.#timer = setTimeout(this.#poll, Math.min(intervalMs * 2 ** this.#failures, maxBackoffMs));
      },
    );
  };

  #fail({ code, message }: { code: string; message: string }): void {
    const last = this.#snapshot.error;
    if (last?.code !== code || last.message !== message) {
      this.#set({ order: this.#snapshot.order, error: { code, message } });
    }
  }

  #set(snapshot: OrderStatusSnapshot): void {
    this.#snapshot = snapshot;
    this.#listeners.forEach((listener) => listener());
  }
}
