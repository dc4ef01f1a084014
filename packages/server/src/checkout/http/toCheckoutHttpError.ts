import { AurpayError } from '../../client/aurpayError.js';
import { CheckoutHttpError } from './checkoutHttpError.js';
import { StoreUnavailableError } from '../stores/storeUnavailableError.js';

function gatewayMessage(error: AurpayError): string {
  switch (error.code) {
    case 'aurpay_timeout':
      return 'The payment gateway did not answer in time. Please try again.';
    case 'aurpay_aborted':
      return 'The request to the payment gateway was cancelled.';
    case 'aurpay_rejected':
      return `The payment gateway refused the request (Aurpay code ${error.aurpayCode ?? 'unknown'}).`;
    case 'aurpay_signature_rejected':
      return 'The payment gateway did not accept this shop’s credentials.';
    case 'aurpay_http_error':
      return `The payment gateway answered HTTP ${error.httpStatus ?? 'error'}.`;
    case 'aurpay_bad_response':
      return 'The payment gateway sent an answer that could not be used.';
    case 'aurpay_network':
      return 'The payment gateway could not be reached.';
    default:
      return error.code satisfies never;
  }
}

/**
 * Turns anything a route threw into the error it answers with. `CheckoutHttpError`s pass
 * through; gateway failures become 504 (no answer in time) or 502 (anything else), keeping
 * Aurpay's code and never the gateway's own message, trace or signature details; an unreachable
 * order store is a 503 `store_unavailable` with `Retry-After`; anything else is a 500 with a
 * generic message. `expected` is false for those last two, so the caller reports them.
 *
 * @example toCheckoutHttpError(new AurpayError('aurpay_timeout', '…')).status // 504
 */
export function toCheckoutHttpError(error: unknown): { error: CheckoutHttpError; expected: boolean } {
  if (error instanceof CheckoutHttpError) return { error, expected: true };
  if (error instanceof AurpayError) {
    const status = error.code === 'aurpay_timeout' || error.code === 'aurpay_aborted' ? 504 : 502;
    return { error: new CheckoutHttpError(status, error.code, gatewayMessage(error), { cause: error }), expected: true };
  }
  if (error instanceof StoreUnavailableError) {
    // Reported (expected: false): an unreachable store needs someone's attention.
    const answer = new CheckoutHttpError(503, 'store_unavailable', 'The checkout cannot reach its order store. Please try again shortly.', {
      headers: { 'Retry-After': '1' },
      cause: error,
    });
    return { error: answer, expected: false };
  }
  return { error: new CheckoutHttpError(500, 'internal_error', 'Something went wrong on the server.', { cause: error }), expected: false };
}
