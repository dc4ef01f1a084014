import { AurpayKitError, isZeroAmount, parseAmount } from '@aurpay-kit/core';
import type { CheckoutRequest } from './http/checkoutRequest.js';
import type { CreateOrderBody, PriceQuote } from './checkoutOptions.js';
import { priceQuoteSchema } from './http/checkoutSchemas.js';

export interface CheckedPrice {
  /** Canonical decimal string. */
  amount: string;
  /** The same amount as the JSON number Aurpay's API takes; serialises to exactly `amount`. */
  number: number;
  currency: string;
  metadata: Record<string, string>;
  /** The shop's open-order key, or null. */
  orderKey: string | null;
}

function priceInvalid(message: string, cause?: unknown): AurpayKitError {
  return new AurpayKitError(
    'price_invalid',
    `priceFor returned an unusable price: ${message}`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Asks the shop's `priceFor` what the buyer pays and checks the answer: a positive decimal string
 * amount that a JSON number carries exactly (Aurpay's `vs_price` is a number), an ISO currency
 * code, optional string metadata. A bad answer is the shop's bug, not the buyer's: it becomes a
 * 500 reported to `onError`. A `CheckoutHttpError` thrown by `priceFor` passes through.
 *
 * @example const price = await readPrice(options.priceFor, request, body);
 */
export async function readPrice(
  priceFor: (req: CheckoutRequest, body: CreateOrderBody) => PriceQuote | Promise<PriceQuote>,
  request: CheckoutRequest,
  body: CreateOrderBody,
): Promise<CheckedPrice> {
  const quote: unknown = await priceFor(request, body);
  const parsed = priceQuoteSchema.safeParse(quote);
  if (!parsed.success) throw priceInvalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  let amount: string;
  try {
    amount = parseAmount(parsed.data.amount);
  } catch (error) {
    throw priceInvalid('amount must be a decimal string such as "18.50".', error);
  }
  if (isZeroAmount(amount)) throw priceInvalid('amount must be above zero.');
  const number = Number(amount);
  if (parseAmount(number) !== amount) throw priceInvalid(`${amount} has more digits than a JSON number carries exactly.`);
  return { amount, number, currency: parsed.data.currency, metadata: parsed.data.metadata ?? {}, orderKey: parsed.data.orderKey ?? null };
}
