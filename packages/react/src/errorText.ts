import type { CheckoutError } from '@aurpay-kit/core';
import type { AurpayMessages } from './enMessages.js';

type ErrorKey = 'errorNetwork' | 'errorTimeout' | 'errorGateway' | 'errorCurrency' | 'errorBusy' | 'errorUnavailable';

// The checkout router's codes (and the HTTP status a body without one gave), by what they mean to a buyer.
const BY_CODE: Record<string, ErrorKey> = {
  network_error: 'errorNetwork',
  aurpay_network: 'errorNetwork',
  aurpay_timeout: 'errorTimeout',
  aurpay_aborted: 'errorTimeout',
  http_504: 'errorTimeout',
  aurpay_rejected: 'errorGateway',
  aurpay_http_error: 'errorGateway',
  aurpay_bad_response: 'errorGateway',
  aurpay_signature_rejected: 'errorGateway',
  http_502: 'errorGateway',
  currency_unsupported: 'errorCurrency',
  rate_limited: 'errorBusy',
  http_429: 'errorBusy',
  store_unavailable: 'errorUnavailable',
  http_503: 'errorUnavailable',
  internal_error: 'errorUnavailable',
  http_500: 'errorUnavailable',
  bad_response: 'errorUnavailable',
};

/**
 * What went wrong, in the buyer's words and language: the gateway's reason (unreachable, too
 * slow, refused, this currency off) rather than a code. A reason the kit does not know keeps the
 * server's own message (a shop's `priceFor` writes those for buyers) under the general one.
 *
 * @example errorText({ code: 'aurpay_timeout', message: '…' }, enMessages) // { text: 'The payment provider took too long…', detail: null }
 */
export function errorText(error: CheckoutError | null, messages: AurpayMessages): { text: string; detail: string | null } {
  const key = error && Object.hasOwn(BY_CODE, error.code) ? BY_CODE[error.code] : undefined;
  if (key) return { text: messages[key], detail: null };
  return { text: messages.error, detail: error?.message || null };
}
