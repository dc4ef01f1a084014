import { createHmac } from 'node:crypto';
import { OptionChecks } from '../shared/optionChecks.js';

/** The checks on what `verifyCallback` and `signCallback` are given. */
export const callbackOptions = new OptionChecks('callback_options_invalid', '');

/**
 * Aurpay's callback signature: `base64(HMAC-SHA256(secret, "{Date} | {callbackUrl}"))`.
 *
 * @example callbackSignature(secret, '2024-06-17T00:00:00Z', 'https://shop.example/api/pay/callback?ref=…')
 */
export function callbackSignature(secret: string, date: string, callbackUrl: string): string {
  return createHmac('sha256', secret).update(`${date} | ${callbackUrl}`, 'utf8').digest('base64');
}

/**
 * The full URL registered with the order, which the signature covers, or an options error.
 *
 * @example checkCallbackUrl('https://shop.example/api/pay/callback?ref=…')
 */
export function checkCallbackUrl(url: unknown): string {
  const value = callbackOptions.nonEmptyString('callbackUrl', url);
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) {
    throw callbackOptions.invalid(`callbackUrl must be the full URL registered with the order (https://…), got ${JSON.stringify(value)}.`);
  }
  return value;
}
