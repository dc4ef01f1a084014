import type {
  CheckoutCurrency,
  CheckoutEffect,
  CheckoutError,
  CheckoutEvent,
  CheckoutKind,
  CheckoutOrder,
  CheckoutState,
  OrderStatusView,
} from '@aurpay-kit/core';
import { AurpayKitError, initialCheckoutState, orderSubscription, transition } from '@aurpay-kit/core';
import type { AurpayConfig } from './context.js';
import { requestJson } from './requestJson.js';

/** An order as the checkout knows it: the creation answer, when there is one, under the latest status. */
export type CheckoutDetails = OrderStatusView & Partial<Omit<CheckoutOrder, keyof OrderStatusView>>;

/** What the checkout does when connected: nothing, offer currencies, create an order, or watch one. */
export type CheckoutTarget =
  | { type: 'none' }
  | { type: 'choose' }
  | { type: 'create'; kind: CheckoutKind; selection: CheckoutCurrency | null }
  | { type: 'watch'; orderId: string; statusToken: string };

export interface CheckoutSnapshot {
  state: CheckoutState;
  order: CheckoutDetails | null;
  /** True while a currency must be chosen before an order can be created. */
  choosing: boolean;
  /** What the server takes on chain (`GET /currencies`), once loaded for the choice. */
  currencies: CheckoutCurrency[] | null;
}

export interface CheckoutStore {
  /** Read at each request, so the hook keeps them current. */
  config: Pick<AurpayConfig, 'endpoint' | 'fetch' | 'EventSource' | 'pollIntervalMs'>;
  fields: Record<string, unknown> | undefined;
  subscribe(listener: () => void): () => void;
  getSnapshot(): CheckoutSnapshot;
  /** Effects queued since the last call, for the hook to run after React commits. */
  takeEffects(): CheckoutEffect[];
  /** Starts the work for the current target; the returned function stops all of it. */
  connect(): () => void;
  choose(selection: CheckoutCurrency): void;
  /** After an error: the failed step again (a creation keeps its idempotency key). */
  retry(): void;
  /** Starts again with a new order, or back to the currency choice. */
  reset(): void;
}

const newKey = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * A checkout's life outside React: loads the currencies or creates the order (once per intent,
 * thanks to the idempotency key), follows its status through the shared subscription, runs each
 * step through core's `transition`, and queues the effects for the hook to fire after commit.
 */
export function createCheckoutStore(
  config: CheckoutStore['config'],
  target: CheckoutTarget,
  restart: CheckoutTarget,
  given: CheckoutDetails | null,
): CheckoutStore {
  const listeners = new Set<() => void>();
  const effects: CheckoutEffect[] = [];
  let details = given;
  let currencies: CheckoutCurrency[] | null = null;
  let snapshot: CheckoutSnapshot;
  let connected = false;
  let key = newKey();
  let stop: (() => void) | undefined;
  let retryWatch: (() => void) | undefined;

  const merge = (order: OrderStatusView): CheckoutDetails => (details ? { ...details, ...order } : order);

  function publish(state: CheckoutState) {
    const order = state.order ? merge(state.order) : details;
    snapshot = { state, order, choosing: target.type === 'choose', currencies };
    listeners.forEach((listener) => listener());
  }

  function dispatch(event: CheckoutEvent) {
    const next = transition(snapshot.state, event);
    for (const effect of next.effects) {
      effects.push('order' in effect ? { ...effect, order: merge(effect.order) } : effect);
    }
    if (next.state !== snapshot.state) publish(next.state);
  }

  function fail(error: unknown) {
    const { code = 'unexpected', message = String(error) } = error as Partial<CheckoutError>;
    dispatch({ type: 'fail', error: { code, message } });
  }

  function request<T>(path: string, init: RequestInit, done: (answer: T) => void) {
    const controller = new AbortController();
    stop = () => controller.abort();
    dispatch({ type: 'start' });
    requestJson<T>(store.config, path, { ...init, signal: controller.signal })
      .then((answer) => controller.signal.aborted || done(answer))
      .catch((error: unknown) => controller.signal.aborted || fail(error));
  }

  function watch(orderId: string, statusToken: string) {
    const { endpoint, fetch, EventSource, pollIntervalMs } = store.config;
    const subscription = orderSubscription({ endpoint, orderId, statusToken, fetch, EventSource, intervalMs: pollIntervalMs });
    if (details) subscription.offer(details);
    else dispatch({ type: 'start' });
    const sync = () => {
      const { order, error } = subscription.getSnapshot();
      if (order) dispatch({ type: 'update', order });
      // Once an order is shown a failed poll changes nothing on screen: polling recovers.
      else if (error) fail(error);
    };
    retryWatch = () => {
      dispatch({ type: 'start' });
      subscription.retry();
    };
    sync();
    stop = subscription.subscribe(sync);
  }

  function run() {
    stop?.();
    stop = retryWatch = undefined;
    if (target.type === 'watch') watch(target.orderId, target.statusToken);
    else if (target.type === 'choose' && !currencies) {
      request<CheckoutCurrency[]>('/currencies', {}, (list) => {
        if (!Array.isArray(list)) throw new AurpayKitError('bad_response', 'The answer is not a list.');
        currencies = list.filter((c) => c.chain !== 'BLN');
        dispatch({ type: 'reset' });
      });
    } else if (target.type === 'create') {
      const body = JSON.stringify({ ...store.fields, kind: target.kind, ...target.selection });
      const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key };
      request<CheckoutOrder>('/orders', { method: 'POST', headers, body }, (order) => {
        if (typeof order.orderId !== 'string' || typeof order.statusToken !== 'string') {
          throw new AurpayKitError('bad_response', 'The answer is not an order.');
        }
        details = order;
        target = { type: 'watch', orderId: order.orderId, statusToken: order.statusToken };
        dispatch({ type: 'update', order });
        run();
      });
    }
  }

  function go(next: CheckoutTarget) {
    target = next;
    publish(snapshot.state);
    if (connected) run();
  }

  const store: CheckoutStore = {
    config,
    fields: undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    takeEffects: () => effects.splice(0),
    connect() {
      connected = true;
      run();
      return () => {
        connected = false;
        stop?.();
      };
    },
    choose(selection) {
      restart = { type: 'choose' };
      go({ type: 'create', kind: 'crypto', selection });
    },
    retry() {
      if (snapshot.state.phase !== 'error') return;
      if (retryWatch) retryWatch();
      else run();
    },
    reset() {
      details = null;
      key = newKey();
      dispatch({ type: 'reset' });
      go(restart);
    },
  };
  snapshot = { state: initialCheckoutState, order: given, choosing: target.type === 'choose', currencies };
  // A given order renders at once, on the server too; its effects fire after the first commit.
  if (given) dispatch({ type: 'update', order: given });
  return store;
}
