import { expect } from 'vitest';
import { AurpayKitError } from '../errors.js';

/** Runs `run`, expects it to throw an `AurpayKitError` (or the given subclass), returns its code. */
export function errorCode(run: () => unknown, type: typeof AurpayKitError = AurpayKitError): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(AurpayKitError);
    return (error as AurpayKitError).code;
  }
  throw new Error('expected the call to throw');
}
