import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret someone sent equals the expected one, in time that does not depend on where
 * they differ. A length difference answers at once: use it for values whose length is public
 * (base64 HMACs, tokens of a fixed format).
 *
 * @example constantTimeEqual(sentToken, tokens.sign(orderId))
 */
export function constantTimeEqual(sent: string | Uint8Array, expected: string | Uint8Array): boolean {
  const a = typeof sent === 'string' ? Buffer.from(sent, 'utf8') : sent;
  const b = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
  return a.length === b.length && timingSafeEqual(a, b);
}
