import { createHash } from 'node:crypto';
import { CheckoutHttpError } from './http/checkoutHttpError.js';
import { CHECKOUT_BODY_LIMIT_BYTES } from './http/checkoutRequest.js';

const MAX_DEPTH = 32;

function canonical(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new CheckoutHttpError(400, 'body_invalid', `The body is nested more than ${MAX_DEPTH} levels deep.`);
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, depth + 1)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key], depth + 1)}`).join(',')}}`;
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  throw new CheckoutHttpError(400, 'body_invalid', 'The body must be plain JSON.');
}

/**
 * Checks that a parsed body is plain JSON within the size and depth limits, and returns a hash of
 * its canonical form (keys sorted), so the same request sent twice has the same fingerprint
 * whatever its key order. 413 when over `CHECKOUT_BODY_LIMIT_BYTES`, 400 when not plain JSON.
 *
 * @example bodyFingerprint({ kind: 'lightning' }) === bodyFingerprint({ kind: 'lightning' }) // true
 */
export function bodyFingerprint(body: unknown): string {
  const text = canonical(body, 0);
  if (Buffer.byteLength(text, 'utf8') > CHECKOUT_BODY_LIMIT_BYTES) {
    throw new CheckoutHttpError(413, 'body_too_large', `The body is larger than ${CHECKOUT_BODY_LIMIT_BYTES / 1024} kB.`);
  }
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}
