import { AurpayKitError } from '@aurpay-kit/core';
import { describe, expect, it } from 'vitest';
import { OptionChecks } from './optionChecks.js';

const check = new OptionChecks('thing_options_invalid', 'Thing options: ');

function failure(run: () => unknown): AurpayKitError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AurpayKitError);
    return error as AurpayKitError;
  }
  throw new Error('expected an AurpayKitError');
}

describe('OptionChecks', () => {
  it('fills in the default, and takes an integer in range', () => {
    expect(check.integer('waitMs', undefined, 500, { min: 1 })).toBe(500);
    expect(check.integer('waitMs', 1, 500, { min: 1 })).toBe(1);
    expect(check.integer('retries', 10, 2, { min: 0, max: 10 })).toBe(10);
  });

  it('names the option, its range and what it got', () => {
    expect(failure(() => check.integer('waitMs', 0, 500, { min: 1, unit: ' ms' }))).toMatchObject({
      code: 'thing_options_invalid',
      message: 'Thing options: waitMs must be an integer ≥ 1 ms, got 0.',
    });
    expect(failure(() => check.integer('retries', 11, 2, { min: 0, max: 10 })).message).toBe(
      'Thing options: retries must be an integer from 0 to 10, got 11.',
    );
    for (const bad of [1.5, Number.NaN, '3', 2 ** 53, null])
      expect(failure(() => check.integer('n', bad, 1, { min: 0 })).message).toMatch(/n must be an integer/);
  });

  it('checks strings, functions and the options object itself', () => {
    expect(check.nonEmptyString('token', 't')).toBe('t');
    expect(failure(() => check.nonEmptyString('token', '')).message).toBe('Thing options: token must be a non-empty string.');
    const now = () => 1;
    expect(check.optionalFunction('now', now)).toBe(now);
    expect(check.optionalFunction('now', undefined)).toBeUndefined();
    expect(failure(() => check.optionalFunction('now', 5 as unknown as () => number)).message).toBe(
      'Thing options: now must be a function.',
    );
    expect(failure(() => check.object(null, 'an options object with a url')).message).toBe(
      'Thing options: pass an options object with a url.',
    );
    expect(check.invalid('custom.')).toMatchObject({ code: 'thing_options_invalid', message: 'Thing options: custom.' });
  });
});
