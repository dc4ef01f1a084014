import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../shared/constantTimeEqual.js';

const DOMAIN = 'aurpay-kit/status-token/v1:';
/** Expected tokens kept, so a buyer's polls do not compute the HMAC each time. */
const REMEMBERED = 10_000;

/**
 * Signs and checks the per-order `statusToken` that authorises `GET /orders/:id` and its event
 * stream: base64url HMAC-SHA256 of the order id under the server's `statusSecret`. Only this
 * server can issue one, and one order's token opens no other order.
 *
 * @example
 * const tokens = new StatusTokens(process.env.STATUS_SECRET!);
 * tokens.verify(orderId, tokens.sign(orderId)) // true
 */
export class StatusTokens {
  readonly #secret: string;
  readonly #expected = new Map<string, Buffer>();

  constructor(secret: string) {
    this.#secret = secret;
  }

  sign(orderId: string): string {
    return createHmac('sha256', this.#secret)
      .update(DOMAIN + orderId, 'utf8')
      .digest('base64url');
  }

  /** Constant-time comparison; any malformed token is simply false. */
  verify(orderId: string, token: string): boolean {
    return constantTimeEqual(token, this.#expectedFor(orderId));
  }

  #expectedFor(orderId: string): Buffer {
    let expected = this.#expected.get(orderId);
    if (expected === undefined) {
      expected = Buffer.from(this.sign(orderId), 'utf8');
      if (this.#expected.size >= REMEMBERED) this.#expected.delete(this.#expected.keys().next().value as string);
      this.#expected.set(orderId, expected);
    }
    return expected;
  }
}
