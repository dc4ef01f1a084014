import { constantTimeEqual } from '../shared/constantTimeEqual.js';
import { headerValue, type HeaderSource } from '../shared/headerValue.js';
import { CallbackVerificationError, type CallbackVerificationCode } from './callbackVerificationError.js';
import { callbackOptions, callbackSignature, checkCallbackUrl } from './callbackSignature.js';

/** `Headers`, or a Node-style record such as `req.headers` (any case, arrays allowed). */
export type CallbackHeaders = HeaderSource;

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

/** What a wrong value of each header is reported as; a header sent twice has no one value to check. */
const INVALID: Record<'Callback-Token' | 'Date' | 'Signature', CallbackVerificationCode> = {
  'Callback-Token': 'callback_token_invalid',
  Date: 'callback_date_invalid',
  Signature: 'callback_signature_invalid',
};

function header(headers: CallbackHeaders, name: keyof typeof INVALID): string | undefined {
  const value = headerValue(headers, name);
  if (value === undefined) throw new CallbackVerificationError(INVALID[name], `The callback sends ${name} more than once.`);
  return value ?? undefined;
}

function nowMs(now: number | Date | undefined): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw callbackOptions.invalid('now must be epoch milliseconds or a valid Date.');
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
  if (typeof options !== 'object' || options === null) throw callbackOptions.invalid('verifyCallback takes an options object.');
  const { headers } = options;
  if (!(headers instanceof Headers) && (typeof headers !== 'object' || headers === null)) {
    throw callbackOptions.invalid('headers must be a Headers object or a record such as req.headers.');
  }
  const callbackUrl = checkCallbackUrl(options.callbackUrl);
  const token = callbackOptions.nonEmptyString('token', options.token);
  const secret = options.secret === undefined ? undefined : callbackOptions.nonEmptyString('secret', options.secret);
  const tolerance = options.toleranceSeconds ?? DEFAULT_CALLBACK_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw callbackOptions.invalid('toleranceSeconds must be a non-negative number.');
  }
  const now = nowMs(options.now);

  const sentToken = header(headers, 'Callback-Token');
  const date = header(headers, 'Date');
  const signature = secret === undefined ? undefined : header(headers, 'Signature');
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
