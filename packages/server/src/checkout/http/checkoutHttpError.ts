import { AurpayKitError, type CheckoutErrorBody } from '@aurpay-kit/core';

/**
 * An error a checkout route answers with: an HTTP status, a stable snake_case `code` and a message
 * safe to show a buyer. `priceFor` may throw one (say 404 `cart_not_found`) to refuse an order.
 *
 * @example throw new CheckoutHttpError(404, 'cart_not_found', 'This cart does not exist.');
 */
export class CheckoutHttpError extends AurpayKitError {
  readonly status: number;
  /** Extra response headers, such as `Retry-After` or `Allow`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, options: { headers?: Record<string, string>; cause?: unknown } = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`CheckoutHttpError status must be an HTTP error status (400–599), got ${status}.`);
    }
    this.status = status;
    this.headers = Object.freeze({ ...options.headers });
  }

  /** The JSON body every error answer carries. */
  toBody(): CheckoutErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
