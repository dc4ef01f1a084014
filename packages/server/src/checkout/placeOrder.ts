import { randomBytes } from 'node:crypto';
import { compareAmounts, currencyInfo, decodeInvoice, isZeroAmount, parseAurpayTime, type BlnOrderRequest, type QrFormat } from '@aurpay-kit/core';
import { AurpayError } from '../aurpayError.js';
import type { CheckoutClient } from './checkoutOptions.js';
import { orderIdSchema } from './checkoutSchemas.js';
import type { StoredOrder } from './orderStore.js';
import { paymentTarget } from './orderView.js';

export type OrderChoice = { kind: 'crypto'; chain: string; currency: string } | { kind: 'lightning' };

export interface PlaceOrderInput {
  client: CheckoutClient;
  publicUrl: string;
  orderTtlMs: number;
  qrFormat: QrFormat;
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
 * so the URL itself must say which order: a random `ref` stored with it.
 *
 * @example callbackUrls('https://shop.example/api/pay', ref).paid // 'https://shop.example/api/pay/callback?ref=…&event=paid'
 */
export function callbackUrls(publicUrl: string, ref: string): { paid: string; expired: string } {
  const base = `${publicUrl}/callback?ref=${ref}`;
  return { paid: `${base}&event=paid`, expired: `${base}&event=expired` };
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
  const urls = callbackUrls(input.publicUrl, callbackRef);
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
    const res = await client.createPayInfo({ chain: info.chain, currency: info.currency, vs_currency: price.currency, vs_price: price.number, ...common });
    const contract = res.contract_addr === null || res.contract_addr === '' ? null : res.contract_addr;
    if (info.contract !== null ? contract?.toLowerCase() !== info.contract.toLowerCase() : contract !== null) {
      throw badResponse(`The gateway's token contract for ${info.currency} is ${String(contract)}, not ${String(info.contract)}.`);
    }
    const createdAt = fromGateway('create_time', () => parseAurpayTime(res.create_time));
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
      expiresAt: createdAt + input.orderTtlMs,
    };
  } else {
    const req: BlnOrderRequest = { price: price.number, currency: price.currency, ...common };
    const res = await client.createBlnOrder(req);
    if (res.currency !== 'BTC-LN') throw badResponse(`The gateway's Lightning order is in ${res.currency}, not BTC-LN.`);
    const invoice = fromGateway('invoice', () => decodeInvoice(res.payment_request));
    if (invoice.amountBtc !== null && compareAmounts(invoice.amountBtc, res.amount) !== 0) {
      throw badResponse(`The gateway's invoice is for ${invoice.amountBtc} BTC but the order for ${res.amount} BTC.`);
    }
    const createdAt = fromGateway('create_time', () => parseAurpayTime(res.create_time));
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
      expiresAt: Math.min(createdAt + input.orderTtlMs, invoice.expiresAt * 1000),
    };
  }
  fromGateway('payment address', () => paymentTarget(order, input.qrFormat));
  return order;
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
