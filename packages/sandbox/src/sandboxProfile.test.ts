import { AurpayKitError } from '@aurpay-kit/core';
import { describe, expect, it } from 'vitest';

import { CREATE_TIME_LAG_SECONDS, resolveSandboxProfile, SANDBOX_PROFILES, SANDBOX_QUIRK_NAMES } from './sandboxProfile.js';

describe('sandbox profiles', () => {
  it('examples: no quirk; descriptions: the described answer shapes; worst-case: every quirk', () => {
    expect(Object.values(SANDBOX_PROFILES.examples).some(Boolean)).toBe(false);
    const described = Object.entries(SANDBOX_PROFILES.descriptions)
      .filter(([, on]) => on)
      .map(([name]) => name);
    expect(described.sort()).toEqual(['blnOrderDescriptionShape', 'blnWithdrawWithoutFee', 'refundStatusAnswer']);
    expect(Object.values(SANDBOX_PROFILES['worst-case']).every(Boolean)).toBe(true);
    for (const quirks of Object.values(SANDBOX_PROFILES)) expect(Object.keys(quirks).sort()).toEqual([...SANDBOX_QUIRK_NAMES].sort());
  });

  it('the lag is the official BLN example’s: 12:51:36 against 12:00:00', () => {
    expect(CREATE_TIME_LAG_SECONDS).toBe((Date.parse('2024-04-28T12:51:36Z') - Date.parse('2024-04-28T12:00:00Z')) / 1000);
  });

  it('defaults to examples and switches single quirks over a profile', () => {
    expect(resolveSandboxProfile()).toEqual({ name: 'examples', quirks: SANDBOX_PROFILES.examples });
    const profile = resolveSandboxProfile('descriptions', { refundStatusAnswer: false, netObtained: true, unsignedCallbacks: undefined });
    expect(profile.quirks).toMatchObject({
      refundStatusAnswer: false,
      netObtained: true,
      unsignedCallbacks: false,
      blnWithdrawWithoutFee: true,
    });
    expect(Object.isFrozen(profile.quirks)).toBe(true);
    expect(SANDBOX_PROFILES.descriptions.refundStatusAnswer).toBe(true);
  });

  it.each<[unknown, unknown, RegExp]>([
    ['strict', {}, /profile must be one of examples, descriptions, worst-case, got "strict"/],
    [42, {}, /profile must be one of/],
    ['toString', {}, /profile must be one of/],
    ['examples', { netObtain: true }, /unknown quirk "netObtain"; known: refundStatusAnswer/],
    ['examples', { netObtained: 'yes' }, /quirks\.netObtained must be true or false/],
    ['examples', ['netObtained'], /quirks must be an object/],
  ])('rejects profile %j with quirks %j', (name, quirks, message) => {
    expect(() => resolveSandboxProfile(name, quirks)).toThrow(AurpayKitError);
    expect(() => resolveSandboxProfile(name, quirks)).toThrow(message);
  });
});
