import type { AmountOptions, Json } from './normalizeFields.js';
import { amount, orderId, record, text } from './normalizeFields.js';

/** Whether every documented shape has the field (`required`) or only some (`optional`). */
export type Presence = 'required' | 'optional';

/**
 * Reads the fields of an answer the gateway accepted without ever throwing: a field it cannot
 * read is `null` and its JSON path goes to `unreadable`. A `required` field (one every documented
 * shape has) is unreadable when missing too; an `optional` one is `null` when missing, null or "".
 *
 * @example
 * const r = new AnswerReader({ amount: 'x' });
 * r.amount('amount', 'required'); // null
 * r.unreadable; // ['data.amount']
 */
export class AnswerReader {
  readonly unreadable: string[] = [];
  readonly #obj: Json | null;
  readonly #path: string;

  constructor(data: unknown, path = 'data') {
    this.#path = path;
    let obj: Json | null = null;
    try {
      obj = record(data, path);
    } catch {
      this.unreadable.push(path);
    }
    this.#obj = obj;
  }

  /** The answer's fields as sent, so that what the kit does not read is kept; {} when not an object. */
  get fields(): Json {
    return { ...this.#obj };
  }

  /** Whether the answer has this key at all. */
  has(key: string): boolean {
    return this.#obj !== null && Object.hasOwn(this.#obj, key);
  }

  text(key: string, presence: Presence): string | null {
    return this.#read(key, presence, (obj) => text(obj, key, this.#path));
  }

  orderId(key: string, presence: Presence): string | null {
    return this.#read(key, presence, (obj) => orderId(obj, key, this.#path));
  }

  amount(key: string, presence: Presence, options: Omit<AmountOptions, 'nullable'> = {}): string | null {
    return this.#read(key, presence, (obj) => amount(obj, key, this.#path, options));
  }

  /** A finite JSON number (such as refund-info's `refund_et`). */
  number(key: string, presence: Presence): number | null {
    return this.#read(key, presence, (obj) => {
      const value = obj[key];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${key} is not a number`);
      return value;
    });
  }

  #read<T>(key: string, presence: Presence, read: (obj: Json) => T): T | null {
    const obj = this.#obj;
    if (obj === null) return null;
    const value = obj[key];
    if (presence === 'optional' && (value === undefined || value === null || value === '')) return null;
    try {
      return read(obj);
    } catch {
      this.unreadable.push(`${this.#path}.${key}`);
      return null;
    }
  }
}
