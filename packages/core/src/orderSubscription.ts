import type { OrderStatusView } from './checkoutView.js';
import { AurpayKitError } from './errors.js';
import { isTerminalStatus } from './orderStatus.js';
import type { EventSourceConstructor, EventSourceLike } from './orderStatusTransport.js';
import { StatusRequestError, fetchOrderStatus, openStatusStream, orderUrl } from './orderStatusTransport.js';

export type { EventSourceConstructor, EventSourceLike } from './orderStatusTransport.js';

/** What a status subscription holds: the server's last word and the last failure, if any. */
export interface OrderStatusSnapshot {
  /** The last status the server sent; `null` until one arrives. */
  order: OrderStatusView | null;
  /** The last failure, cleared by the next success. */
  error: { code: string; message: string } | null;
}

/** The part of `document` the subscription uses to pause while the tab is hidden. */
export interface VisibilityDocument {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
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
const registry = new Map<string, OrderSubscription>();
// Answers that asking again cannot change: a bad token or an unknown order.
const FATAL_HTTP = [400, 401, 403, 404, 410];

/**
 * The live status of one order: server-sent events first, polling as the fallback. Network
 * activity exists only while someone listens; it stops at a terminal status, polling pauses while
 * the tab is hidden, and errors back off exponentially. Get instances from `orderSubscription()`
 * so that subscribers to one order share one connection.
 */
export class OrderSubscription {
  readonly key: string;
  #options: OrderSubscriptionOptions;
  #snapshot = EMPTY;
  #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | undefined;
  #source: EventSourceLike | undefined;
  #failures = 0;
  #waiting = false;
  #stopped = true;

  constructor(options: OrderSubscriptionOptions) {
    this.#options = options;
    this.key = `${options.endpoint}\n${options.orderId}`;
  }

  /** Adds a listener and returns its removal. The first listener starts the network activity. */
  subscribe = (listener: () => void): (() => void) => {
    if (typeof window === 'undefined') return () => {};
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      if (!registry.has(this.key)) registry.set(this.key, this);
      this.#start();
    }
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      this.#stop();
      if (registry.get(this.key) === this) registry.delete(this.key);
    };
  };

  /** The current snapshot: the same object until something changes. */
  getSnapshot = (): OrderStatusSnapshot => this.#snapshot;

  /** Starts over, at once and without back-off, e.g. after a rejected token stopped it. */
  retry = (): void => {
    if (this.#listeners.size === 0) return;
    this.#stop();
    this.#start();
  };

  /** Takes a status learnt elsewhere (the order creation answer) unless a newer one is known. */
  offer(view: OrderStatusView): void {
    this.#apply(view);
  }

  #start(): void {
    const { order } = this.#snapshot;
    if (order && isTerminalStatus(order.status)) return;
    this.#stopped = false;
    this.#failures = 0;
    this.#doc()?.addEventListener('visibilitychange', this.#onVisibility);
    const { endpoint, orderId, statusToken, EventSource: Source = globalThis.EventSource } =
      this.#options;
    if (!Source) return this.#poll();
    this.#source = openStatusStream(
      Source,
      orderUrl(endpoint, orderId),
      statusToken,
      (view) => this.#apply(view),
      () => {
        this.#source = undefined;
        this.#poll();
      },
    );
  }

  #stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#request?.abort();
    this.#request = undefined;
    this.#source?.close();
    this.#source = undefined;
    this.#waiting = false;
    this.#doc()?.removeEventListener('visibilitychange', this.#onVisibility);
  }

  #doc(): VisibilityDocument | undefined {
    return this.#options.document ?? (typeof document === 'undefined' ? undefined : document);
  }

  #hidden(): boolean {
    return this.#doc()?.visibilityState === 'hidden';
  }

  #onVisibility = (): void => {
    if (this.#stopped || this.#source || this.#request) return;
    if (this.#hidden()) {
      clearTimeout(this.#timer);
      this.#waiting = true;
    } else if (this.#waiting) this.#poll();
  };

  #poll(): void {
    clearTimeout(this.#timer);
    this.#waiting = this.#hidden();
    if (this.#waiting) return;
    const request = (this.#request = new AbortController());
    const { endpoint, orderId, statusToken, intervalMs = 2000, maxBackoffMs = 30_000 } =
      this.#options;
    const url = orderUrl(endpoint, orderId);
    fetchOrderStatus(this.#options.fetch ?? globalThis.fetch, url, statusToken, request.signal).then(
      (view) => {
        if (request.signal.aborted) return;
        this.#request = undefined;
        this.#failures = 0;
        this.#apply(view);
        if (!this.#stopped) this.#schedule(intervalMs);
      },
      (error: unknown) => {
        if (request.signal.aborted) return;
        this.#request = undefined;
        this.#failures += 1;
        const failure = error instanceof StatusRequestError ? error : null;
        this.#fail(failure ?? new AurpayKitError('network_error', String(error)));
        if (failure && FATAL_HTTP.includes(failure.httpStatus)) return this.#stop();
        this.#schedule(Math.min(intervalMs * 2 ** this.#failures, maxBackoffMs));
      },
    );
  }

  #schedule(delay: number): void {
    this.#timer = setTimeout(() => this.#poll(), delay);
  }

  #apply(view: OrderStatusView): void {
    const { order, error } = this.#snapshot;
    if (order && Date.parse(view.updatedAt) < Date.parse(order.updatedAt)) return;
    if (!error && JSON.stringify(order) === JSON.stringify(view)) return;
    this.#set({ order: view, error: null });
    if (isTerminalStatus(view.status)) this.#stop();
  }

  #fail({ code, message }: { code: string; message: string }): void {
    const last = this.#snapshot.error;
    if (last?.code !== code || last.message !== message) {
      this.#set({ order: this.#snapshot.order, error: { code, message } });
    }
  }

  #set(snapshot: OrderStatusSnapshot): void {
    this.#snapshot = snapshot;
    for (const listener of [...this.#listeners]) listener();
  }
}

/**
 * The shared status subscription of one order: one per endpoint and order id while anyone
 * listens. On the server it returns a fresh, inert instance and keeps nothing.
 *
 * @example
 * const status = orderSubscription({ endpoint: '/api/pay', orderId, statusToken });
 * const stop = status.subscribe(() => render(status.getSnapshot()));
 */
export function orderSubscription(options: OrderSubscriptionOptions): OrderSubscription {
  const existing = registry.get(`${options.endpoint}\n${options.orderId}`);
  if (existing) return existing;
  const created = new OrderSubscription(options);
  if (typeof window !== 'undefined') registry.set(created.key, created);
  return created;
}
