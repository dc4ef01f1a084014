import { callbackOptions, callbackSignature, checkCallbackUrl } from './callbackSignature.js';

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
  if (typeof options !== 'object' || options === null) throw callbackOptions.invalid('signCallback takes an options object.');
  const callbackUrl = checkCallbackUrl(options.callbackUrl);
  const token = callbackOptions.nonEmptyString('token', options.token);
  const secret = callbackOptions.nonEmptyString('secret', options.secret);
  let date: string;
  if (options.date === undefined) date = new Date().toISOString();
  else if (options.date instanceof Date && !Number.isNaN(options.date.getTime())) date = options.date.toISOString();
  else if (typeof options.date === 'string' && options.date !== '') date = options.date;
  else throw callbackOptions.invalid('date must be an ISO-8601 string or a valid Date.');
  return { 'Callback-Token': token, Date: date, Signature: callbackSignature(secret, date, callbackUrl) };
}
