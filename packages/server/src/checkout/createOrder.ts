import type { CheckoutContext } from './checkoutContext.js';
import { CheckoutHttpError } from './http/checkoutHttpError.js';
import type { CreateOrderBody } from './checkoutOptions.js';
import type { CheckoutRequest, CheckoutResponse } from './http/checkoutRequest.js';
import { jsonResponse } from './http/checkoutResponses.js';
import { headerValue } from '../shared/headerValue.js';
import { createOrderBodySchema, idempotencyKeySchema, parseOr400 } from './http/checkoutSchemas.js';
import { bodyFingerprint } from './bodyFingerprint.js';
import { checkoutOrderView } from './orderView.js';
import { placeOrder, type OrderChoice } from './placeOrder.js';
import { readPrice, type CheckedPrice } from './readPrice.js';
import { runIdempotent } from './runIdempotent.js';
import { AurpayError } from '../client/aurpayError.js';
import { clientKey } from './http/clientKey.js';
import type { StoredOrder } from './stores/orderStore.js';
import { withKeyLock } from './keyLock.js';

const PENDING_TTL_MS = 120_000;
const DUPLICATE_WAIT_MS = 30_000;
/** An open order is handed out again only while this much of its time is left. */
const REUSE_MARGIN_MS = 300_000;

async function chooseCurrency(ctx: CheckoutContext, body: CreateOrderBody): Promise<OrderChoice> {
  const supported = await ctx.currencies.get();
  if (body.kind === 'lightning') {
    if (supported.some((c) => c.chain === 'BLN' && c.currency === 'BTC-LN')) return { kind: 'lightning' };
    throw new CheckoutHttpError(400, 'currency_unsupported', 'Lightning payments are not offered.');
  }
  if (body.chain === 'BLN') throw new CheckoutHttpError(400, 'currency_unsupported', 'For Lightning, send { "kind": "lightning" }.');
  if (supported.some((c) => c.chain === body.chain && c.currency === body.currency)) {
    return { kind: 'crypto', chain: body.chain, currency: body.currency };
  }
  throw new CheckoutHttpError(
    400,
    'currency_unsupported',
    `${body.currency} on ${body.chain} is not offered; GET /currencies lists what is.`,
  );
}

function choiceKey(choice: OrderChoice): string {
  return choice.kind === 'lightning' ? 'lightning|BLN|BTC-LN' : `crypto|${choice.chain}|${choice.currency}`;
}

async function create(ctx: CheckoutContext, request: CheckoutRequest, body: CreateOrderBody): Promise<CheckoutResponse> {
  const choice = await chooseCurrency(ctx, body);
  const { options } = ctx;
  // The price comes from the shop alone: no field of the body is read as a price, amount or address.
  const price = await readPrice(options.priceFor, request, body);
  if (price.orderKey === null) return place(ctx, request, choice, price, null);
  const openOrderKey = `${price.orderKey}|${choiceKey(choice)}`;
  const { store, now, orderTtlMs } = options;
  return withKeyLock({ store, key: `open:${openOrderKey}`, holdMs: PENDING_TTL_MS, waitMs: DUPLICATE_WAIT_MS, now }, async () => {
    const open = await store.findOpenOrder(openOrderKey, now() + Math.min(REUSE_MARGIN_MS, Math.floor(orderTtlMs / 3)));
    if (open !== null) return jsonResponse(200, checkoutOrderView(open, ctx.tokens.sign(open.orderId), options.qrFormat));
    return place(ctx, request, choice, price, openOrderKey);
  });
}

/** Counts the creation against the client's limit, creates the order at Aurpay and stores it. */
async function place(
  ctx: CheckoutContext,
  request: CheckoutRequest,
  choice: OrderChoice,
  price: CheckedPrice,
  openOrderKey: string | null,
): Promise<CheckoutResponse> {
  const decision = (await ctx.rateLimiter?.take(clientKey(request.clientId))) ?? { allowed: true };
  if (!decision.allowed) {
    throw new CheckoutHttpError(429, 'rate_limited', 'Too many orders from this client; try again shortly.', {
      headers: { 'Retry-After': String(Math.ceil(decision.retryAfterMs / 1000)) },
    });
  }
  const { options } = ctx;
  const { client, publicUrl, orderTtlMs, qrFormat, now, onError } = options;
  let order: StoredOrder;
  try {
    order = await placeOrder({
      client,
      publicUrl,
      callbackKeys: ctx.callbackKeys,
      orderTtlMs,
      qrFormat,
      now,
      onError,
      choice,
      price,
      openOrderKey,
    });
  } catch (error) {
    // The gateway took the order but said it unreadably: someone should look at what it sent.
    if (error instanceof AurpayError && typeof error.cause === 'object' && error.cause !== null && 'unreadable' in error.cause)
      onError(error, { where: 'order creation' });
    throw error;
  }
  await options.store.put(order);
  ctx.cache.set(order);
  return jsonResponse(201, checkoutOrderView(order, ctx.tokens.sign(order.orderId), options.qrFormat));
}

/**
 * `POST /orders`: validates the payment choice against what the gateway supports, prices the
 * order with `priceFor`, creates it at Aurpay, stores it and answers 201 with a `CheckoutOrder`.
 * With an `Idempotency-Key` header, a repeated request answers like the first one did.
 *
 * @example await createOrder(ctx, { method: 'POST', url: '/orders', headers: {}, body: { kind: 'lightning' } })
 */
export async function createOrder(ctx: CheckoutContext, request: CheckoutRequest): Promise<CheckoutResponse> {
  const fingerprint = bodyFingerprint(request.body ?? null);
  const body = parseOr400(createOrderBodySchema, request.body, 'body_invalid', 'Order request') as CreateOrderBody;
  const rawKey = headerValue(request.headers, 'Idempotency-Key');
  if (rawKey === undefined) throw new CheckoutHttpError(400, 'idempotency_key_invalid', 'Idempotency-Key may be sent only once.');
  if (rawKey === null) return create(ctx, request, body);
  const key = parseOr400(idempotencyKeySchema, rawKey, 'idempotency_key_invalid', 'Idempotency-Key');
  const { store, idempotencyTtlMs, now } = ctx.options;
  return runIdempotent(
    // Scoped to the client that sent it: another client with the same key and body gets its own order.
    {
      store,
      key: `orders:${clientKey(request.clientId)}:${key}`,
      fingerprint,
      ttlMs: idempotencyTtlMs,
      pendingTtlMs: PENDING_TTL_MS,
      waitMs: DUPLICATE_WAIT_MS,
      now,
    },
    () => create(ctx, request, body),
  );
}
