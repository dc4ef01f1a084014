import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../shared/constantTimeEqual.js';

const DOMAIN = 'aurpay-kit/callback-key/v1:';

/**
 * The unguessable per-order key carried in each callback URL (`…&key=…`), derived from the
 * server's secret and the order's callback reference. It authenticates a callback that comes
 * without Aurpay's signature headers (callback authentication is a merchant setting at Aurpay),
 * which is safe because a callback is only a hint: the order detail is the truth.
 *
 * @example keys.verify(ref, keys.sign(ref)) // true
 */
export class CallbackKeys {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  sign(callbackRef: string): string {
    return createHmac('sha256', this.#secret)
      .update(DOMAIN + callbackRef, 'utf8')
      .digest('base64url');
  }

  /** Constant-time comparison; any malformed key is simply false. */
  verify(callbackRef: string, key: string): boolean {
    return constantTimeEqual(key, this.sign(callbackRef));
  }
}
