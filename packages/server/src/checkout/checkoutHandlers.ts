import type { CheckoutContext } from './checkoutContext.js';
import type { CheckoutOptions } from './checkoutOptions.js';
import type { CheckoutRequest, CheckoutResponse, EventSink } from './http/checkoutRequest.js';
import { errorResponse, jsonResponse } from './http/checkoutResponses.js';
import { matchCheckoutRoute } from './http/checkoutRoutes.js';
import { createOrder } from './createOrder.js';
import { CurrencyCache } from './currencyCache.js';
import { getOrderStatus } from './getOrderStatus.js';
import { handleCallback } from './handleCallback.js';
import type { Fulfilment, FulfilmentOutcome, FulfilmentState } from './fulfilment/fulfilment.js';
import { FulfilmentRunner } from './fulfilment/fulfilmentRunner.js';
import { HookQueue } from './fulfilment/hookQueue.js';
import { orderEvents } from './streams/orderEvents.js';
import { OrderCache } from './status/orderCache.js';
import { OrderRefresher } from './status/orderRefresher.js';
import type { StoredOrder } from './stores/orderStore.js';
import { OrderWatchers } from './streams/orderWatchers.js';
import { CreationLimiter } from './creationLimiter.js';
import { Reconciler, type ReconcileReport } from './reconciliation/reconciler.js';
import { resolveCheckoutOptions } from './resolveCheckoutOptions.js';
import { StatusApplier } from './status/statusApplier.js';
import { StatusTokens } from './statusTokens.js';
import { CallbackKeys } from './callbackKeys.js';
import { StreamSlots } from './streams/streamSlots.js';
import { supportedCurrencies } from './supportedCurrencies.js';
import { toCheckoutHttpError } from './http/toCheckoutHttpError.js';
import { randomUUID } from 'node:crypto';

export interface CheckoutHandlers {
  /**
   * Routes and answers any request under the mount point. For `GET /orders/:id/events` pass a
   * `sink`: when the stream opens the result is null and everything goes through the sink.
   */
  handle(request: CheckoutRequest, sink?: EventSink): Promise<CheckoutResponse | null>;
  /**
   * Confirms an order's status with Aurpay now, even if it is terminal, applies it and fires the
   * hooks it calls for. For back-office tools: Aurpay sends no callback when a merchant resolves
   * an order that had already expired. Rejects with `order_not_found` or the gateway's error.
   */
  refreshOrder(orderId: string): Promise<StoredOrder>;
  /** The status token for an order, as `POST /orders` hands it out. */
  statusToken(orderId: string): string;
  /** Orders with a live server-side watcher (one per order with open event streams). */
  activeWatchers(): number;
  /** Event streams open now, and the clients holding them. */
  openStreams(): { streams: number; clients: number };
  /**
   * Runs a reconciliation pass now (see `reconcile` in the options) and owed fulfilments that are
   * due; resolves with what it did. Joins a pass already running.
   */
  reconcile(): Promise<ReconcileReport>;
  /** Owed and failed fulfilments, for an operator's script or admin route. */
  fulfilments: {
    /** Fulfilments in one state, earliest due first (at most `limit`, default 100). */
    list(state: FulfilmentState, limit?: number): Promise<Fulfilment[]>;
    /**
     * Makes a failed (or backed-off) fulfilment due now and runs it at once; resolves with its
     * record afterwards, or null when there is none to retry (done, or unknown).
     */
    retry(orderId: string, outcome: FulfilmentOutcome): Promise<Fulfilment | null>;
  };
  /** Resolves once every hook queued or running so far has settled. */
  idle(): Promise<void>;
  /**
   * Stops the reconciler (handing its lease back), the fulfilment retry timers, every watcher and
   * its timer, and leaves the event bus; open streams get no more events. Resolves once the
   * reconciliation pass and hook attempts already running have finished, so the store can be
   * closed after it. The store's connections stay open: close those with the store.
   */
  close(): Promise<void>;
}

/**
 * The checkout's routes as plain functions over `CheckoutRequest` → `CheckoutResponse`, for any
 * HTTP framework (`createCheckoutRouter` is the Express adapter). Options are checked here, once.
 *
 * | route | answer |
 * | --- | --- |
 * | `GET /currencies` | `CheckoutCurrency[]` |
 * | `POST /orders` | 201 `CheckoutOrder` |
 * | `GET /orders/:id` | `OrderStatusView` |
 * | `GET /orders/:id/events` | server-sent `status` events |
 * | `GET`/`POST /callback` | 200 `{ received: true }` |
 *
 * Errors answer `{ error: { code, message } }` with 400/401/403/404/405/409/413/429/502/503/504.
 *
 * @example
 * const checkout = createCheckoutHandlers({ client, publicUrl, priceFor, statusSecret, callback });
 * const res = await checkout.handle({ method: 'GET', url: '/currencies', headers: {} });
 */
export function createCheckoutHandlers(checkoutOptions: CheckoutOptions): CheckoutHandlers {
  const options = resolveCheckoutOptions(checkoutOptions);
  const { client, now } = options;
  const { events, onError } = options;
  const hooks = new HookQueue(onError);
  const announce = (order: StoredOrder): void => {
    // The write stands whatever the bus does; a lost event is made up by the watchers' polls.
    const report = (error: unknown) => onError(error, { where: 'order events', orderId: order.orderId });
    try {
      Promise.resolve(events.publish(order)).catch(report);
    } catch (error) {
      report(error);
    }
  };
  const owner = randomUUID();
  const runner = new FulfilmentRunner({
    store: options.store,
    hooks: { paid: options.onPaid, expired: options.onExpired },
    policy: options.fulfilment,
    owner,
    now,
    onError,
  });
  const applier = new StatusApplier({ options, hooks, fulfilments: runner, publish: announce });
  const refresher = new OrderRefresher({
    client,
    store: options.store,
    applier,
    minRefreshMs: options.minRefreshMs,
    now,
    lock: options.refreshLock,
  });
  const reconciler =
    options.reconcile === null
      ? null
      : new Reconciler({
          client: client as Required<Pick<typeof client, 'listOrders'>>,
          store: options.store,
          confirm: (orderId) => refresher.refresh(orderId, { force: true }),
          fulfilments: runner,
          owner,
          ...options.reconcile,
          unpaidOrderRetentionMs: options.unpaidOrderRetentionMs,
          now,
          onError,
        });
  reconciler?.start();
  const watchers = new OrderWatchers({
    refresh: (orderId) => refresher.refresh(orderId),
    pollIntervalMs: options.pollIntervalMs,
    budgetPerSecond: options.pollBudgetPerSecond,
    onError,
    now,
  });
  const cache = new OrderCache({ maxEntries: 10_000, openTtlMs: options.minRefreshMs, finalTtlMs: 60_000, now });
  // Every process's writes, this one's included, reach the cache and the streams open here.
  const stopEvents = events.subscribe((order) => {
    cache.set(order);
    watchers.publish(order);
  });
  const ctx: CheckoutContext = {
    options,
    tokens: new StatusTokens(options.statusSecret),
    callbackKeys: new CallbackKeys(options.statusSecret),
    currencies: new CurrencyCache({
      load: async () => supportedCurrencies(await client.listCryptoCurrencies(), options.allowedCurrencies),
      ttlMs: options.currencyCacheMs,
      now,
    }),
    rateLimiter:
      options.rateLimit === null
        ? null
        : new CreationLimiter(options.rateLimitBackend, {
            points: options.rateLimit.max,
            durationMs: options.rateLimit.windowMs,
            keyPrefix: 'aurpay-orders',
          }),
    applier,
    refresher,
    watchers,
    hooks,
    cache,
    streams: new StreamSlots(options.streams),
  };

  async function route(request: CheckoutRequest, sink?: EventSink): Promise<CheckoutResponse | null> {
    const url = typeof request.url === 'string' ? request.url : '';
    const path = url.split('?', 1)[0] ?? '';
    const target = matchCheckoutRoute(typeof request.method === 'string' ? request.method : '', path);
    switch (target.name) {
      case 'currencies':
        return jsonResponse(200, await ctx.currencies.get());
      case 'createOrder':
        return createOrder(ctx, request);
      case 'orderStatus':
        return getOrderStatus(ctx, request, target.orderId);
      case 'orderEvents':
        if (sink === undefined) return getOrderStatus(ctx, request, target.orderId);
        await orderEvents(ctx, request, target.orderId, sink);
        return null;
      case 'callback':
        return handleCallback(ctx, request);
      default:
        return target satisfies never;
    }
  }

  return {
    async handle(request, sink) {
      try {
        // Passed on as it is: a spread would read every getter (the adapter's clientId) on every request.
        return await route(request.headers == null ? { ...request, headers: {} } : request, sink);
      } catch (thrown) {
        const { error, expected } = toCheckoutHttpError(thrown);
        if (!expected) onError(thrown, { where: 'checkout route' });
        return errorResponse(error);
      }
    },
    refreshOrder: (orderId) => refresher.refresh(orderId, { force: true }),
    statusToken: (orderId) => ctx.tokens.sign(orderId),
    activeWatchers: () => ctx.watchers.size,
    openStreams: () => ({ streams: ctx.streams.open, clients: ctx.streams.clients }),
    reconcile: async () => {
      if (reconciler !== null) return reconciler.pass();
      const fulfilments = await runner.runDue();
      return { reconciled: false, watched: 0, listCalls: 0, detailCalls: 0, changed: 0, fulfilments, pruned: 0, errors: 0 };
    },
    fulfilments: {
      list: (state, limit = 100) => options.store.listFulfilments({ state, limit }),
      retry: async (orderId, outcome) => {
        const record = await options.store.retryFulfilment(orderId, outcome, now());
        if (record === null) return null;
        const order = await options.store.get(orderId);
        if (order !== null) await runner.run(order, outcome);
        return options.store.getFulfilment(orderId, outcome);
      },
    },
    idle: async () => {
      await hooks.idle();
      await runner.idle();
      await hooks.idle();
    },
    close: async () => {
      reconciler?.stop();
      stopEvents();
      runner.close();
      watchers.close();
      // What was running finishes before the caller closes the store under it.
      await reconciler?.settled();
      await runner.idle();
    },
  };
}
