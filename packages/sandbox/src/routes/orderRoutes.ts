import { randomUUID } from 'node:crypto';

import { AURPAY_ORDER_STATUSES } from '@aurpay-kit/core';

import { randomTxHash } from '../chains/randomTxHash.js';

import { parseTimeFilter } from './parseTimeFilter.js';

import { createOrder, supportedFiat } from '../orders/createOrder.js';
import { payInfoView, refundAnswer, refundView } from '../orders/creationViews.js';
import { okReply } from '../http/envelope.js';
import { requirePrice, requireText } from './fieldReaders.js';
import { GatewayError } from '../http/gatewayError.js';
import { refundOrder } from '../orders/orderTransitions.js';
import { orderDetail, orderListItem } from '../orders/orderViews.js';
import { paginate, readPaging } from './paging.js';
import { readOrderOptions } from './readOrderOptions.js';
import { refundQuote } from '../orders/refundQuote.js';
import { jsonBody, type RequestContext } from '../http/requestContext.js';
import type { Route } from '../http/router.js';
import type { SandboxState } from '../sandboxState.js';

const ORDER_TYPES = ['ORDER', 'INVOICE', 'WITHDRAW'];

function oneOf(query: URLSearchParams, name: string, allowed: readonly string[]): string | null {
  const value = query.get(name);
  if (value === null || value === '') return null;
  if (!allowed.includes(value))
    throw new GatewayError('fieldInvalid', `${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value;
}

function timeFilter(query: URLSearchParams, name: 'st' | 'et'): number | null {
  const value = query.get(name);
  return value === null || value === '' ? null : parseTimeFilter(name, value);
}

/** `GET /api/v2/order/`: newest first, filtered by status, type, chain, currency and creation time (`st`, `et`). */
function listOrders(ctx: RequestContext, state: SandboxState) {
  const paging = readPaging(ctx.query);
  const status = oneOf(ctx.query, 'status', AURPAY_ORDER_STATUSES);
  const orderType = oneOf(ctx.query, 'order_type', ORDER_TYPES);
  const filters = { order_id: ctx.query.get('order_id'), chain: ctx.query.get('chain'), currency: ctx.query.get('currency') };
  const st = timeFilter(ctx.query, 'st');
  const et = timeFilter(ctx.query, 'et');
  const orders = state.orders.all().filter(
    (order) =>
      // Aurpay's creation times have whole seconds: compare at that grain, both ends included.
      (st === null || Math.floor(order.shownCreatedAt / 1000) * 1000 >= st) &&
      (et === null || Math.floor(order.shownCreatedAt / 1000) * 1000 <= et) &&
      (!filters.order_id || order.orderId === filters.order_id) &&
      (!filters.chain || order.chain === filters.chain) &&
      (!filters.currency || order.currency === filters.currency) &&
      (status === null || order.status === status) &&
      (orderType === null || order.orderType === orderType),
  );
  return okReply(paginate(orders.map(orderListItem), paging));
}

/**
 * Aurpay's order endpoints: create (hosted, where the buyer's currency choice creates the order,
 * or direct), list, detail, refund.
 */
export const ORDER_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/api/order/pay-url',
    auth: 'merchant',
    handle: (ctx, state) => {
      const body = jsonBody(ctx);
      const vsPrice = requirePrice(body, 'price');
      const vsCurrency = requireText(body, 'currency');
      supportedFiat(vsCurrency, 'currency');
      const { urls, postCallback } = readOrderOptions(body);
      const checkout = state.checkouts.create(
        { vsPrice, vsCurrency, urls, postCallback },
        state.now(),
        state.config.orderTtlSeconds * 1000,
      );
      return okReply({ pay_url: `${state.baseUrl}/#/cashier/choose?token=${checkout.token}` });
    },
  },
  {
    method: 'POST',
    pattern: '/api/order/pay-info',
    auth: 'merchant',
    handle: (ctx, state) => {
      const body = jsonBody(ctx);
      const chain = requireText(body, 'chain');
      const currency = requireText(body, 'currency');
      const vsCurrency = requireText(body, 'vs_currency');
      const vsPrice = requirePrice(body, 'vs_price');
      const { urls, postCallback } = readOrderOptions(body);
      const order = createOrder(state, { chain, currency, vsCurrency, vsPrice, urls, postCallback });
      return okReply(payInfoView(order, state.baseUrl, state.config.profile.quirks));
    },
  },
  { method: 'GET', pattern: '/api/v2/order/', auth: 'merchant', handle: listOrders },
  {
    method: 'GET',
    pattern: '/api/v2/order/detail/:order_id',
    auth: 'merchant',
    handle: (ctx, state) => okReply(orderDetail(state.orders.get(ctx.params.order_id ?? ''), state.config.profile.quirks)),
  },
  {
    method: 'GET',
    pattern: '/api/v2/order/refund-info/:order_id',
    auth: 'merchant',
    handle: (ctx, state) => {
      const order = state.orders.get(ctx.params.order_id ?? '');
      return okReply(refundView(order, refundQuote(order)));
    },
  },
  {
    method: 'POST',
    pattern: '/api/v2/order/refund/:order_id',
    auth: 'merchant',
    handle: (ctx, state) => {
      const order = state.orders.get(ctx.params.order_id ?? '');
      const quote = refundQuote(order);
      state.orders.apply(order, (o, now) => refundOrder(o, { ...quote, txId: randomUUID(), txHash: randomTxHash(o.chain) }, now));
      return okReply(refundAnswer(order, quote, state.config.profile.quirks));
    },
  },
];
