import { AurpayKitError } from '@aurpay-kit/core';

/** The range an integer option must fall in; `unit` follows the bound in messages (` ms`). */
export interface IntegerRange {
  min: number;
  max?: number;
  unit?: string;
}

/**
 * The checks every options object of the package runs at construction: each failure is an
 * `AurpayKitError` with the object's `code` and a message that starts with its `prefix` and
 * names the option and what to set, so a misconfigured shop fails at start-up.
 *
 * @example
 * const check = new OptionChecks('redis_options_invalid', 'Redis store options: ');
 * check.integer('retainMs', options.retainMs, 604_800_000, { min: 0, unit: ' ms' });
 */
export class OptionChecks {
  readonly #code: string;
  readonly #prefix: string;

  constructor(code: string, prefix: string) {
    this.#code = code;
    this.#prefix = prefix;
  }

  /** The error for a problem the caller found itself. */
  invalid(message: string): AurpayKitError {
    return new AurpayKitError(this.#code, `${this.#prefix}${message}`);
  }

  /** An options object, or an error saying what to pass. */
  object<T>(value: T, what: string): NonNullable<T> {
    if (typeof value !== 'object' || value === null) throw this.invalid(`pass ${what}.`);
    return value as NonNullable<T>;
  }

  /** A safe integer in `range`; `fallback` when not given. */
  integer(name: string, value: unknown, fallback: number, range: IntegerRange): number {
    if (value === undefined) return fallback;
    const { min, max, unit = '' } = range;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
      const bounds = max === undefined ? `≥ ${min}${unit}` : `from ${min} to ${max}${unit}`;
      throw this.invalid(`${name} must be an integer ${bounds}, got ${String(value)}.`);
    }
    return value;
  }

  /** A string with something in it. */
  nonEmptyString(name: string, value: unknown): string {
    if (typeof value !== 'string' || value === '') throw this.invalid(`${name} must be a non-empty string.`);
    return value;
  }

  /** A function, or undefined when not given. */
  optionalFunction<T>(name: string, value: T | undefined): T | undefined {
    if (value !== undefined && typeof value !== 'function') throw this.invalid(`${name} must be a function.`);
    return value;
  }
}
