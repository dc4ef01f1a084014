import { CURRENCIES, formatAurpayTime } from '@aurpay-kit/core';

import { cashierPage } from './cashierPage.js';
import { controlView } from './controlView.js';
import { createOrder } from '../orders/createOrder.js';
import { okReply } from '../http/envelope.js';
import { optionalAmount, requireText } from '../routes/fieldReaders.js';
import { detectPayment } from '../orders/detectPayment.js';
import { detectionOf } from '../orders/detectionOf.js';
import { expireOrder, payOrder, resolveOrder, type Transition } from '../orders/orderTransitions.js';
import { jsonBody, type RequestContext } from '../http/requestContext.js';
import type { Route } from '../http/router.js';
import type { SandboxOrder } from '../orders/sandboxOrder.js';
import type { SandboxState } from '../sandboxState.js';
import { simulatedPayment } from '../chains/simulatedPayment.js';

function orderAction(change: (order: SandboxOrder, ctx: RequestContext, state: SandboxState, now: number) => Transition) {
  return (ctx: RequestContext, state: SandboxState) => {
    const order = state.orders.get(ctx.params.order_id ?? '');
    state.orders.apply(order, (o, now) => change(o, ctx, state, now));
    return okReply(controlView(order, state.baseUrl, state.config.profile.quirks));
  };
}

/** A hosted checkout as its page needs it: the price, the currencies to choose from, the order once chosen. */
function checkoutView(ctx: RequestContext, state: SandboxState) {
  const checkout = state.checkouts.get(ctx.params.token ?? '');
  return okReply({
    token: checkout.token,
    price: checkout.vsPrice,
    currency: checkout.vsCurrency,
    expires: formatAurpayTime(checkout.expiresAt),
    order_id: checkout.orderId,
    currencies: CURRENCIES.map(({ chain, currency }) => ({ chain, currency })),
  });
}

function chooseCurrency(ctx: RequestContext, state: SandboxState) {
  const body = jsonBody(ctx);
  const choice = { chain: requireText(body, 'chain'), currency: requireText(body, 'currency') };
  const order = state.checkouts.choose(
    ctx.params.token ?? '',
    choice,
    state.now(),
    (input) => createOrder(state, input),
    (orderId) => state.orders.get(orderId),
  );
  return okReply(controlView(order, state.baseUrl, state.config.profile.quirks));
}

/**
 * The control API under `/_sandbox/` (loopback only, no authentication): drive orders, choose a
 * hosted checkout's currency, inject faults, read request counts; every answer is an Aurpay-style
 * envelope. Also the hosted checkout page at `/`, which drives orders through the same API.
 */
export const CONTROL_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/', auth: 'none', handle: () => cashierPage() },
  {
    method: 'GET',
    pattern: '/_sandbox/orders/:order_id',
    auth: 'none',
    handle: (ctx, state) => okReply(controlView(state.orders.get(ctx.params.order_id ?? ''), state.baseUrl, state.config.profile.quirks)),
  },
  { method: 'GET', pattern: '/_sandbox/checkouts/:token', auth: 'none', handle: checkoutView },
  { method: 'POST', pattern: '/_sandbox/checkouts/:token/choose', auth: 'none', handle: chooseCurrency },
  {
    method: 'POST',
    pattern: '/_sandbox/orders/:order_id/pay',
    auth: 'none',
    handle: orderAction((order, ctx, state, now) => {
      const amount = optionalAmount(jsonBody(ctx), 'amount');
      return payOrder(order, { ...simulatedPayment(order, state.config.network), ...(amount === undefined ? {} : { amount }) }, now);
    }),
  },
  {
    method: 'POST',
    pattern: '/_sandbox/orders/:order_id/detect',
    auth: 'none',
    handle: orderAction((order, ctx, state, now) => detectPayment(order, detectionOf(jsonBody(ctx), order, state), now)),
  },
  {
    method: 'POST',
    pattern: '/_sandbox/orders/:order_id/expire',
    auth: 'none',
    handle: orderAction((order, _ctx, _state, now) => expireOrder(order, now)),
  },
  {
    method: 'POST',
    pattern: '/_sandbox/orders/:order_id/resolve',
    auth: 'none',
    handle: orderAction((order, _ctx, _state, now) => resolveOrder(order, now)),
  },
  { method: 'POST', pattern: '/_sandbox/faults', auth: 'none', handle: (ctx, state) => okReply(state.faults.add(jsonBody(ctx))) },
  { method: 'GET', pattern: '/_sandbox/faults', auth: 'none', handle: (_ctx, state) => okReply(state.faults.list()) },
  {
    method: 'DELETE',
    pattern: '/_sandbox/faults',
    auth: 'none',
    handle: (_ctx, state) => okReply({ cleared: state.faults.clear() }),
  },
  { method: 'GET', pattern: '/_sandbox/stats', auth: 'none', handle: (_ctx, state) => okReply(state.stats.snapshot()) },
  {
    method: 'POST',
    pattern: '/_sandbox/stats/reset',
    auth: 'none',
    handle: (_ctx, state) => {
      state.stats.reset();
      return okReply(state.stats.snapshot());
    },
  },
  {
    method: 'GET',
    pattern: '/_sandbox/info',
    auth: 'none',
    handle: (_ctx, state) =>
      okReply({
        url: state.baseUrl,
        network: state.config.network,
        user_id: state.userId,
        node_public_key: state.node.publicKey,
        order_ttl_seconds: state.config.orderTtlSeconds,
        callback_retries: state.config.callbackRetries,
        callback_retry_delay_ms: state.config.callbackRetryDelayMs,
        profile: state.config.profile.name,
        quirks: state.config.profile.quirks,
        require_lightning_key: state.config.requireLightningKey,
      }),
  },
];
