import type { CheckoutEffect, CheckoutError, CheckoutEvent, CheckoutState } from './checkoutMachine.js';
import { initialCheckoutState, transition } from './checkoutMachine.js';
import type { CheckoutDetails, CheckoutObserverOptions, CheckoutSnapshot } from './checkoutOptions.js';
import type { CheckoutPlan } from './checkoutPlan.js';
import { checkoutPlan } from './checkoutPlan.js';
import { fetchCurrencies, newIdempotencyKey, postOrder } from './checkoutRequests.js';
import { arrangeCurrencies, pickCurrency } from './arrangeCurrencies.js';
import type { CheckoutCurrency, OrderStatusView, PaymentTransaction } from './checkoutView.js';
import { OrderSubscription } from './orderSubscription.js';
import { runCheckoutEffect } from './runCheckoutEffect.js';

/**
 * A checkout's life, framework-free: loads the currencies or creates the order (once per intent,
 * thanks to the idempotency key), follows its status through a shared subscription, runs each
 * step through `transition`, and fires the events. Requests, timers and connections exist only
 * while someone listens, and never on the server. `setOptions` takes new options at any time;
 * `CheckoutOptions` says what each change does mid-checkout.
 *
 * @example
 * const checkout = new CheckoutObserver({ endpoint: '/api/pay', chain: 'BTC', currency: 'BTC', onSuccess: showThanks });
 * const stop = checkout.subscribe(() => render(checkout.getSnapshot()));
 */
export class CheckoutObserver {
  #options: CheckoutObserverOptions;
  readonly #listeners = new Set<() => void>();
  // Events wait here while nobody listens: a given order's first status fires on the first subscribe.
  readonly #effects: CheckoutEffect[] = [];
  #state: CheckoutState = initialCheckoutState;
  #snapshot!: CheckoutSnapshot;
  #plan!: CheckoutPlan;
  // The given order last adopted, so that only another one replaces what is shown.
  #given = '';
  #details: CheckoutDetails | null = null;
  #currencies: CheckoutCurrency[] | null = null;
  #chosen: CheckoutCurrency | undefined;
  #asked = false;
  // A retry of the same body keeps its key, so the server answers with the order it may have made.
  #sent: { body: string; key: string } | undefined;
  #stop: (() => void) | undefined;
  #watching: OrderSubscription | undefined;

  constructor(options: CheckoutObserverOptions) {
    this.#options = options;
    // A given order renders at once, on the server too; its events wait for a listener.
    this.#restart(options.order ?? null, false);
  }

  /** Adds a listener and returns its removal. The first listener starts the work. */
  subscribe = (listener: () => void): (() => void) => {
    if (typeof window === 'undefined') return () => {};
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#run();
    this.#flush();
    return () => {
      if (this.#listeners.delete(listener) && !this.#listeners.size) this.#stop?.();
    };
  };

  /** The current snapshot: the same object until something changes. */
  getSnapshot = (): CheckoutSnapshot => this.#snapshot;

  /** Replaces the options; `CheckoutOptions` says what a change does mid-checkout. */
  setOptions = (options: CheckoutObserverOptions): void => {
    const moved = options.endpoint !== this.#options.endpoint;
    this.#options = options;
    const given = checkoutPlan(options);
    if (given.type === 'watch' && JSON.stringify(given) !== this.#given) {
      return this.#restart(options.order ?? null, false);
    }
    const { type } = this.#plan;
    const started = type === 'watch' || (type === 'create' && this.#state.phase !== 'idle');
    const next = started ? this.#plan : checkoutPlan(options, this.#chosen, this.#asked);
    if (next !== this.#plan && JSON.stringify(next) !== JSON.stringify(this.#plan)) this.#go(next);
    // The work in hand moves with the endpoint (a creation keeps its key), as `useOrderStatus` does.
    else if (moved && this.#listeners.size) this.#run();
  };

  /** Creates an order in the buyer's currency, one of the snapshot's `currencies`. */
  choose = (selection: CheckoutCurrency): void => {
    this.#chosen = selection;
    this.#asked = true;
    this.#go(checkoutPlan(this.#options, selection, true));
  };

  /** After an error: the failed step again (a creation of the same body keeps its idempotency key). */
  retry = (): void => {
    if (this.#state.phase !== 'error') return;
    if (!this.#watching) return this.#go(checkoutPlan(this.#options, this.#chosen, true));
    this.#dispatch({ type: 'start' });
    this.#watching.retry();
  };

  /** Starts again with a new order, or back to the currency choice. */
  reset = (): void => this.#restart(null, true);

  /**
   * Back to the currency choice, forgetting the order shown: only before any money arrived for
   * it (awaiting payment, or after an error) and when the options do not fix the currency.
   */
  changeCurrency = (): void => {
    if (this.#canChangeCurrency()) this.#restart(null, true);
  };

  #canChangeCurrency(): boolean {
    const { chain, currency, order, orderId, kind } = this.#options;
    if ((chain && currency) || order || orderId || kind === 'lightning' || this.#plan.type === 'choose') return false;
    const { phase } = this.#state;
    const shown = this.#state.order;
    return phase === 'error' || (phase === 'awaiting_payment' && shown !== null && shown.paidAmount === '0' && !this.#state.sent?.length);
  }

  /**
   * A transaction the buyer's wallet sent for the order shown: the checkout shows it as detected
   * at once and fires \`onPaymentDetected\`. Only the server's status ever makes it paid.
   *
   * @example checkout.detect({ hash: '0x5c50…' })
   */
  detect = (transaction: Pick<PaymentTransaction, 'hash'> & Partial<PaymentTransaction>): void => {
    this.#dispatch({ type: 'detect', transaction: { confirmations: null, ...transaction } });
  };

  // From scratch: a new order asked for (`reset`), or the given one shown (`asked` false).
  #restart(details: CheckoutDetails | null, asked: boolean): void {
    const plan = checkoutPlan(this.#options, undefined, asked);
    if (!asked) this.#given = JSON.stringify(plan);
    [this.#plan, this.#details, this.#asked] = [plan, details, asked];
    this.#sent = this.#chosen = undefined;
    this.#dispatch({ type: 'reset' });
    if (details) this.#dispatch({ type: 'update', order: details });
    this.#go(plan);
  }

  #merge(order: OrderStatusView): CheckoutDetails {
    return this.#details ? { ...this.#details, ...order } : order;
  }

  #publish(state: CheckoutState): void {
    this.#state = state;
    const { phase, error } = state;
    const order = state.order ? this.#merge(state.order) : this.#details;
    const currencies = this.#currencies && arrangeCurrencies(this.#currencies, this.#options.currencyOptions);
    const choosing = this.#plan.type === 'choose';
    this.#snapshot = { phase, order, error, choosing, currencies, canChangeCurrency: this.#canChangeCurrency() };
    this.#listeners.forEach((listener) => listener());
  }

  #dispatch(event: CheckoutEvent): void {
    const next = transition(this.#state, event);
    for (const effect of next.effects) {
      this.#effects.push('order' in effect ? { ...effect, order: this.#merge(effect.order) } : effect);
    }
    if (next.state !== this.#state) this.#publish(next.state);
    if (this.#listeners.size) this.#flush();
  }

  // Reads the callbacks at each event, so the latest given are the ones called.
  #flush(): void {
    for (let effect; (effect = this.#effects.shift());) runCheckoutEffect(effect, this.#options);
  }

  #fail(error: unknown): void {
    const { code = 'unexpected', message = String(error) } = error as Partial<CheckoutError>;
    this.#dispatch({ type: 'fail', error: { code, message } });
  }

  #go(plan: CheckoutPlan): void {
    this.#plan = plan;
    this.#publish(this.#state);
    if (this.#listeners.size) this.#run();
  }

  #run(): void {
    this.#stop?.();
    this.#stop = this.#watching = undefined;
    const plan = this.#plan;
    if (plan.type === 'watch') this.#watch(plan.orderId, plan.statusToken);
    else if (plan.type === 'choose' && !this.#currencies) {
      this.#request(
        (signal) => fetchCurrencies(this.#options, signal),
        (list) => {
          this.#currencies = list;
          this.#dispatch({ type: 'reset' });
          // The merchant's default, when offered, is created at once; changing currency comes back here.
          const { currencyOptions } = this.#options;
          const start = !this.#asked && pickCurrency(arrangeCurrencies(list, currencyOptions), currencyOptions?.default);
          if (start) this.choose(start);
        },
      );
    } else if (plan.type === 'create') {
      const body = JSON.stringify({ ...this.#options.orderFields, kind: plan.kind, ...plan.selection });
      if (this.#sent?.body !== body) this.#sent = { body, key: newIdempotencyKey() };
      const { key } = this.#sent;
      this.#request(
        (signal) => postOrder(this.#options, body, key, signal),
        (order) => {
          this.#details = order;
          this.#plan = { type: 'watch', orderId: order.orderId, statusToken: order.statusToken };
          this.#dispatch({ type: 'update', order });
          this.#run();
        },
      );
    }
  }

  #request<T>(send: (signal: AbortSignal) => Promise<T>, done: (answer: T) => void): void {
    const controller = new AbortController();
    this.#stop = () => controller.abort();
    this.#dispatch({ type: 'start' });
    send(controller.signal).then(
      (answer) => controller.signal.aborted || done(answer),
      (error: unknown) => controller.signal.aborted || this.#fail(error),
    );
  }

  #watch(orderId: string, statusToken: string): void {
    const { endpoint, fetch, EventSource, pollIntervalMs: intervalMs, subscriptions } = this.#options;
    const options = { endpoint, orderId, statusToken, fetch, EventSource, intervalMs };
    const subscription = subscriptions?.get(options) ?? new OrderSubscription(options);
    if (this.#details) subscription.offer(this.#details);
    else this.#dispatch({ type: 'start' });
    const sync = () => {
      const { order, error } = subscription.getSnapshot();
      if (order) this.#dispatch({ type: 'update', order });
      // Once an order is shown a failed poll changes nothing on screen: polling recovers.
      else if (error) this.#fail(error);
    };
    this.#watching = subscription;
    sync();
    this.#stop = subscription.subscribe(sync);
  }
}
