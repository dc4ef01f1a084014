import { randomBytes } from 'node:crypto';
import {
  compareAmounts,
  currencyInfo,
  decodeInvoice,
  isZeroAmount,
  parseAurpayTime,
  type BlnOrderRequest,
  type QrFormat,
} from '@aurpay-kit/core';
import { AurpayError } from '../client/aurpayError.js';
import type { Accepted, BlnOrder, PayInfo } from '../client/aurpayResults.js';
import type { CallbackKeys } from './callbackKeys.js';
import type { CheckoutClient } from './checkoutOptions.js';
import { orderDeadline, type Deadline } from './orderDeadline.js';
import { orderIdSchema } from './http/checkoutSchemas.js';
import type { StoredOrder } from './stores/orderStore.js';
import { paymentTarget } from './orderView.js';

export type OrderChoice = { kind: 'crypto'; chain: string; currency: string } | { kind: 'lightning' };

export interface PlaceOrderInput {
  client: CheckoutClient;
  publicUrl: string;
  /** Signs each order's callback key. */
  callbackKeys: CallbackKeys;
  orderTtlMs: number;
  qrFormat: QrFormat;
  now: () => number;
  /** Where a corrected reading of the gateway's answer is reported. */
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
  choice: OrderChoice;
  /** Canonical decimal fiat price, its exact JSON number, and its currency. */
  price: { amount: string; number: number; currency: string; metadata: Record<string, string> };
  /** Scopes the shop's `orderKey` to the payment method; null when the shop gave none. */
  openOrderKey: string | null;
}

function badResponse(message: string, cause?: unknown): AurpayError {
  return new AurpayError('aurpay_bad_response', message, { cause });
}

/** Runs a check on the gateway's answer; a failure is the gateway's, answered 502. */
function fromGateway<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw badResponse(`The gateway's ${what} is unusable: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

/**
 * The callback URLs registered with an order. Aurpay calls them as registered and adds nothing,
 * so the URL itself must say which order (a random `ref` stored with it) and, for merchants
 * without Aurpay's callback signature, carry the order's key.
 *
 * @example callbackUrls('https://shop.example/api/pay', ref, key).paid // 'https://shop.example/api/pay/callback?ref=…&event=paid&key=…'
 */
export function callbackUrls(publicUrl: string, ref: string, key: string): { paid: string; expired: string } {
  const base = `${publicUrl}/callback?ref=${ref}`;
  return { paid: `${base}&event=paid&key=${key}`, expired: `${base}&event=expired&key=${key}` };
}

/**
 * The answer of a creation the gateway accepted, read in full, or an `aurpay_bad_response` naming
 * what could not be read (the order may exist at Aurpay; it is never stored nor shown).
 */
function readable<T extends object>(answer: T | Accepted<T>, what: string): T {
  if ('complete' in answer && answer.complete === false) {
    throw new AurpayError(
      'aurpay_bad_response',
      `The gateway accepted the ${what} but its answer could not be read (${answer.unreadable.join(', ')}).`,
      { cause: answer },
    );
  }
  return answer as T;
}

/**
 * Creates the order at Aurpay (`pay-info` for crypto, `bln/order` for Lightning) with callback
 * URLs under `publicUrl`, checks what came back (order id, amount, token contract against core's
 * table, address, BOLT11 amount) and returns the record to store. A gateway answer that fails a
 * check is an `aurpay_bad_response`.
 *
 * @example const order = await placeOrder({ client, publicUrl, orderTtlMs, qrFormat: 'auto', choice, price });
 */
export async function placeOrder(input: PlaceOrderInput): Promise<StoredOrder> {
  const { client, choice, price } = input;
  const callbackRef = randomBytes(16).toString('base64url');
  const urls = callbackUrls(input.publicUrl, callbackRef, input.callbackKeys.sign(callbackRef));
  // GET callbacks (Aurpay's default): the body is never needed, since the order detail is the truth.
  const common = { callback_url: urls.paid, timeout_callback: urls.expired };
  const base = {
    callbackRef,
    fiatAmount: price.amount,
    fiatCurrency: price.currency,
    paidAmount: '0',
    openOrderKey: input.openOrderKey,
    version: 1,
    metadata: price.metadata,
  };
  let order: StoredOrder;
  if (choice.kind === 'crypto') {
    const info = currencyInfo(choice.currency, choice.chain);
    const res = readable<PayInfo>(
      await client.createPayInfo({
        chain: info.chain,
        currency: info.currency,
        vs_currency: price.currency,
        vs_price: price.number,
        ...common,
      }),
      'order',
    );
    const contract = res.contract_addr === null || res.contract_addr === undefined || res.contract_addr === '' ? null : res.contract_addr;
    if (info.contract !== null ? contract?.toLowerCase() !== info.contract.toLowerCase() : contract !== null) {
      throw badResponse(`The gateway's token contract for ${info.currency} is ${String(contract)}, not ${String(info.contract)}.`);
    }
    const createdAt = fromGateway('create_time', () => parseAurpayTime(res.create_time));
    const deadline = orderDeadline({ createdAt, ttlMs: input.orderTtlMs, now: input.now() });
    order = {
      ...base,
      ...created(res.order_id, res.status, res.amount, createdAt),
      gatewayUpdatedAt: res.create_time,
      kind: 'crypto',
      chain: info.chain,
      currency: info.currency,
      address: res.address,
      contractAddress: info.contract,
      paymentRequest: null,
      payUrl: res.pay_url || null,
      expiresAt: deadline.expiresAt,
    };
    report(input, deadline, order.orderId);
  } else {
    const req: BlnOrderRequest = { price: price.number, currency: price.currency, ...common };
    const res = readable<BlnOrder>(await client.createBlnOrder(req), 'Lightning order');
    // The endpoint makes BTC-LN orders only; its described answer carries no currency at all.
    if (res.currency !== null && res.currency !== undefined && res.currency !== 'BTC-LN')
      throw badResponse(`The gateway's Lightning order is in ${res.currency}, not BTC-LN.`);
    const invoice = fromGateway('invoice', () => decodeInvoice(res.payment_request));
    if (invoice.amountBtc !== null && compareAmounts(invoice.amountBtc, res.amount) !== 0) {
      throw badResponse(`The gateway's invoice is for ${invoice.amountBtc} BTC but the order for ${res.amount} BTC.`);
    }
    const createdAt = fromGateway('create_time', () => parseAurpayTime(res.create_time));
    const deadline = orderDeadline({ createdAt, ttlMs: input.orderTtlMs, now: input.now(), invoice });
    order = {
      ...base,
      ...created(res.order_id, res.status, res.amount, createdAt),
      gatewayUpdatedAt: res.create_time,
      kind: 'lightning',
      chain: 'BLN',
      currency: 'BTC-LN',
      address: null,
      contractAddress: null,
      paymentRequest: res.payment_request,
      payUrl: res.pay_url || null,
      expiresAt: deadline.expiresAt,
    };
    report(input, deadline, order.orderId);
  }
  fromGateway('payment address', () => paymentTarget(order, input.qrFormat));
  return order;
}

/** A corrected deadline is a reading error of the gateway's answer: worth a line in the shop's log. */
function report(input: PlaceOrderInput, deadline: Deadline, orderId: string): void {
  if (deadline.correction === null) return;
  input.onError(badResponse(`Order ${orderId}: ${deadline.correction}.`), { where: 'order deadline', orderId });
}

function created(orderId: string, aurpayStatus: string, amount: string, createdAt: number) {
  if (!orderIdSchema.safeParse(orderId).success) throw badResponse('The gateway returned no usable order id.');
  if (fromGateway('amount', () => isZeroAmount(amount))) throw badResponse('The gateway returned an order for nothing.');
  return {
    orderId,
    amount,
    // Only a fresh order is trusted at creation; anything else waits for the order detail.
    status: aurpayStatus === 'PENDING' ? ('awaiting_payment' as const) : ('unknown' as const),
    aurpayStatus,
    createdAt,
    updatedAt: createdAt,
  };
}
