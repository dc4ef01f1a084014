import { CheckoutHttpError } from './checkoutHttpError.js';
import { CHECKOUT_BODY_LIMIT_BYTES } from './checkoutRequest.js';

/** The media types `POST /orders` accepts, as `type-is` patterns. */
export const ORDER_BODY_TYPES: readonly string[] = ['application/json', 'application/*+json'];

/**
 * What every adapter answers when it cannot read `POST /orders`' body, so Express and the fetch
 * handler refuse the same bodies with the same codes and words.
 *
 * @example throw orderBodyErrors.tooLarge();
 */
export const orderBodyErrors = {
  /** 415: a body that is not JSON. */
  notJson: () => new CheckoutHttpError(415, 'body_unsupported', 'Send the order request as application/json.'),
  /** 415: a charset other than UTF-8, or a content encoding. */
  notUtf8: () => new CheckoutHttpError(415, 'body_unsupported', 'Send the body as JSON in UTF-8, without a content encoding.'),
  /** 413: over `CHECKOUT_BODY_LIMIT_BYTES`. */
  tooLarge: () => new CheckoutHttpError(413, 'body_too_large', `The body is larger than ${CHECKOUT_BODY_LIMIT_BYTES / 1024} kB.`),
  /** 400: not JSON text (or JSON that is neither an object nor an array). */
  malformed: () => new CheckoutHttpError(400, 'body_malformed', 'The body is not valid JSON.'),
  /** 400 (or the reader's own 4xx): the body could not be read at all. */
  unreadable: (status = 400) => new CheckoutHttpError(status, 'body_invalid', 'The request body could not be read.'),
};
