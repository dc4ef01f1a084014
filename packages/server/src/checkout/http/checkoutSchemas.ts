import { z } from 'zod';
import { CheckoutHttpError } from './checkoutHttpError.js';

/** Aurpay order ids are 20 digits; a little room is left for other id shapes. */
export const orderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an order id');

/** 16 random bytes, base64url: the reference in callback URLs. */
export const callbackRefSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a callback reference');

/** Printable ASCII, 8 to 255 characters: a UUID fits. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{8,255}$/, 'must be 8 to 255 printable ASCII characters');

/** Our own event ids: the order's version number. */
export const lastEventIdSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'must be an event id this server sent')
  .transform((value) => Number(value));

const chainSchema = z.string().regex(/^[A-Z0-9]{2,12}$/, 'must be an Aurpay chain code such as "ETH"');
const currencySchema = z.string().regex(/^[A-Z0-9-]{2,24}$/, 'must be an Aurpay currency code such as "USDT-ERC20"');

/** `POST /orders`: which way to pay. Other fields pass through for `priceFor`; none sets a price. */
export const createOrderBodySchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('crypto'), chain: chainSchema, currency: currencySchema }),
  z.looseObject({ kind: z.literal('lightning') }),
]);

/** What `priceFor` must return. */
export const priceQuoteSchema = z.object({
  amount: z.string().max(40),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an upper-case ISO 4217 code such as "USD"'),
  metadata: z
    .record(z.string().max(64), z.string().max(1024))
    .refine((record) => Object.keys(record).length <= 20, 'must have at most 20 entries')
    .optional(),
  orderKey: z.string().min(1).max(200).optional(),
});

/**
 * Parses `value` with `schema`, or throws a 400 `CheckoutHttpError` with `code` and a message
 * naming the first problem (never echoing the input).
 *
 * @example const id = parseOr400(orderIdSchema, params.id, 'order_id_invalid', 'order id');
 */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, code: string, label: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` (${issue.path.join('.').slice(0, 60)})`;
  const message = `${label}${where}: ${issue?.message ?? 'invalid'}`.slice(0, 240);
  throw new CheckoutHttpError(400, code, message);
}
