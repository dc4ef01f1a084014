import { createHmac, timingSafeEqual } from 'node:crypto';
import { AurpayKitError } from '@aurpay-kit/core';

export type CallbackVerificationCode =
  | 'callback_header_missing'
  | 'callback_token_invalid'
  | 'callback_signature_invalid'
  | 'callback_date_invalid'
  | 'callback_date_out_of_range';

/** A callback that did not prove it came from Aurpay; answer it with 4xx and do nothing else. */
export class CallbackVerificationError extends AurpayKitError {
  declare readonly code: CallbackVerificationCode;

  constructor(code: CallbackVerificationCode, message: string) {
    super(code, message);
  }
}

/** `Headers`, or a Node-style record such as `req.headers` (any case, arrays allowed). */
export type CallbackHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyCallbackOptions {
  headers: CallbackHeaders;
  /** The full URL registered at order creation (protocol and query included), built from your public base URL. */
  callbackUrl: string;
  /** The Callback-Token from Aurpay's callback authentication page. */
  token: string;
  /** The callback secret; when given, `Signature` is required and checked. */
  secret?: string;
  /** Default 300. */
  toleranceSeconds?: number;
  /** Epoch ms or a Date; default now. */
  now?: number | Date;
}

export const DEFAULT_CALLBACK_TOLERANCE_SECONDS = 300;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

function optionsError(message: string): AurpayKitError {
  return new AurpayKitError('callback_options_invalid', message);
}

function nonEmpty(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw optionsError(`${name} must be a non-empty string.`);
  return value;
}

function checkCallbackUrl(url: unknown): string {
  const value = nonEmpty(url, 'callbackUrl');
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) {
    throw optionsError(`callbackUrl must be the full URL registered with the order (https://…), got ${JSON.stringify(value)}.`);
  }
  return value;
}

function header(headers: CallbackHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  // Node's req.headers are already lower-case: look there first, then scan for other spellings.
  const direct = headers[wanted];
  if (direct !== undefined) return firstString(direct);
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return firstString(value);
  }
  return undefined;
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/**
 * Constant time in the content. A length difference answers at once: a base64 HMAC-SHA256 is
 * always 44 characters and Aurpay's callback tokens have a fixed length, so length reveals nothing.
 */
function constantTimeEqual(a: string, b: string): boolean {
  const da = Buffer.from(a, 'utf8');
  const db = Buffer.from(b, 'utf8');
  return da.length === db.length && timingSafeEqual(da, db);
}

function callbackSignature(secret: string, date: string, callbackUrl: string): string {
  return createHmac('sha256', secret).update(`${date} | ${callbackUrl}`, 'utf8').digest('base64');
}

function nowMs(now: number | Date | undefined): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw optionsError('now must be epoch milliseconds or a valid Date.');
  return ms;
}

/**
 * Checks that a callback came from Aurpay: `Callback-Token` equals your token, and with a secret,
 * `Signature` is `base64(HMAC-SHA256(secret, "{Date} | {callbackUrl}"))`; `Date` must be ISO-8601
 * and within ±300 s. Comparisons run in constant time. Throws `CallbackVerificationError`.
 *
 * @example
 * verifyCallback({ headers: req.headers, callbackUrl: `${PUBLIC_URL}/aurpay/callback?order=42`,
 *   token: process.env.AURPAY_CALLBACK_TOKEN, secret: process.env.AURPAY_CALLBACK_SECRET });
 */
export function verifyCallback(options: VerifyCallbackOptions): { date: string } {
  if (typeof options !== 'object' || options === null) throw optionsError('verifyCallback takes an options object.');
  const { headers } = options;
  if (!(headers instanceof Headers) && (typeof headers !== 'object' || headers === null)) {
    throw optionsError('headers must be a Headers object or a record such as req.headers.');
  }
  const callbackUrl = checkCallbackUrl(options.callbackUrl);
  const token = nonEmpty(options.token, 'token');
  const secret = options.secret === undefined ? undefined : nonEmpty(options.secret, 'secret');
  const tolerance = options.toleranceSeconds ?? DEFAULT_CALLBACK_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw optionsError('toleranceSeconds must be a non-negative number.');
  }
  const now = nowMs(options.now);

  const sentToken = header(headers, 'Callback-Token');
  const date = header(headers, 'Date');
  const signature = header(headers, 'Signature');
  const wanted = ['Callback-Token', 'Date', ...(secret === undefined ? [] : ['Signature'])];
  const sent: Record<string, string | undefined> = { 'Callback-Token': sentToken, Date: date, Signature: signature };
  const missing = wanted.filter((name) => !sent[name]);
  if (missing.length > 0 || sentToken === undefined || date === undefined) {
    throw new CallbackVerificationError('callback_header_missing', `The callback lacks the ${missing.join(', ')} header(s).`);
  }
  if (!constantTimeEqual(sentToken, token)) {
    throw new CallbackVerificationError('callback_token_invalid', 'Callback-Token does not match the configured callback token.');
  }
  if (secret !== undefined && !constantTimeEqual(signature ?? '', callbackSignature(secret, date, callbackUrl))) {
    throw new CallbackVerificationError(
      'callback_signature_invalid',
      'Signature does not match: check the callback secret and that callbackUrl is exactly the URL registered with the order.',
    );
  }
  const iso = ISO_8601.exec(date);
  // A zone-less time is UTC, as everywhere else in Aurpay's API.
  const sentAt = iso === null ? Number.NaN : Date.parse(iso[1] === undefined ? `${date}Z` : date);
  if (Number.isNaN(sentAt)) {
    throw new CallbackVerificationError('callback_date_invalid', `Date ${JSON.stringify(date)} is not an ISO-8601 timestamp.`);
  }
  if (Math.abs(now - sentAt) > tolerance * 1000) {
    throw new CallbackVerificationError(
      'callback_date_out_of_range',
      `Date ${date} is more than ${tolerance} s away from now (${new Date(now).toISOString()}): a replay, or a clock out of sync.`,
    );
  }
  return { date };
}

/**
 * Signs a callback the way Aurpay does, for tests and local tools.
 *
 * @example
 * const headers = signCallback({ callbackUrl, token: 'tok', secret: 'sec' });
 * await fetch(callbackUrl, { headers });
 */
export function signCallback(options: {
  callbackUrl: string;
  token: string;
  secret: string;
  date?: string | Date;
}): Record<'Callback-Token' | 'Date' | 'Signature', string> {
  if (typeof options !== 'object' || options === null) throw optionsError('signCallback takes an options object.');
  const callbackUrl = checkCallbackUrl(options.callbackUrl);
  const token = nonEmpty(options.token, 'token');
  const secret = nonEmpty(options.secret, 'secret');
  let date: string;
  if (options.date === undefined) date = new Date().toISOString();
  else if (options.date instanceof Date && !Number.isNaN(options.date.getTime())) date = options.date.toISOString();
  else if (typeof options.date === 'string' && options.date !== '') date = options.date;
  else throw optionsError('date must be an ISO-8601 string or a valid Date.');
  return { 'Callback-Token': token, Date: date, Signature: callbackSignature(secret, date, callbackUrl) };
}
