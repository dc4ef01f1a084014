import { randomBytes } from 'node:crypto';

import { parseAmount } from '@aurpay-kit/core';

// A per-process nonce, so no string a client sends can be mistaken for a marked number.
const NONCE = randomBytes(6).toString('hex');
const MARK = `\u0000num-${NONCE}:`;
const MARKED = new RegExp(`"\\\\u0000num-${NONCE}:(-?\\d+(?:\\.\\d+)?)\\\\u0000"`, 'g');

/**
 * A decimal written into JSON as a number with exactly these digits, never through a binary
 * float: Aurpay's creation responses carry amounts as JSON numbers.
 *
 * @example toJsonText({ amount: new JsonDecimal('18.0098') }) // '{"amount":18.0098}'
 */
export class JsonDecimal {
  readonly text: string;

  constructor(value: string) {
    this.text = parseAmount(value, { allowNegative: true });
  }

  toJSON(): string {
    return `${MARK}${this.text}\u0000`;
  }
}

/** Shorthand for `new JsonDecimal(value)`. */
export function jsonDecimal(value: string): JsonDecimal {
  return new JsonDecimal(value);
}

/**
 * Serializes like `JSON.stringify`, writing every `JsonDecimal` as a bare JSON number.
 *
 * @example toJsonText([jsonDecimal('0.00000001')]) // '[0.00000001]'
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(MARKED, '$1');
}
