import { AurpayKitError } from '@aurpay-kit/core';

/**
 * Where Aurpay's documents disagree with themselves or are silent, each reading the sandbox can
 * play. Every quirk is off in the `examples` profile, which answers as the collection's example
 * responses do.
 */
export interface SandboxQuirks {
  /** Refunds answer `{ order_id, refund_status, refund_amount, refund_date }`, as the refund's description has it, not the refund-info shape of its example. */
  refundStatusAnswer: boolean;
  /** `bln/withdraw` answers without `fee`, as the description's schema has it. */
  blnWithdrawWithoutFee: boolean;
  /** `bln/order` answers as the description's example: `amount` a number, no `currency`, no `payment_addr`. */
  blnOrderDescriptionShape: boolean;
  /** Lightning orders show a `create_time` 51 min 36 s before the invoice's timestamp, as the official BLN example does (12:00:00 against 12:51:36). */
  laggingCreateTime: boolean;
  /** `obtained` is net of Aurpay's 0.8 % fee, as `obtained` is in the refund-info example (7.6883 − 0.353 = 7.3353); otherwise it is what the buyer paid. */
  netObtained: boolean;
  /** `pay-info` leaves `contract_addr` out for native coins and Lightning instead of sending null. */
  noNativeContractAddr: boolean;
  /** Callbacks carry no `Callback-Token`, `Date` or `Signature`: the merchant set up no callback authentication. */
  unsignedCallbacks: boolean;
  /** A callback on every status change ("whenever the order status changes", says the overview), not only on SUCCESS and OVERDUE. */
  callbackEveryChange: boolean;
}

export const SANDBOX_QUIRK_NAMES = [
  'refundStatusAnswer',
  'blnWithdrawWithoutFee',
  'blnOrderDescriptionShape',
  'laggingCreateTime',
  'netObtained',
  'noNativeContractAddr',
  'unsignedCallbacks',
  'callbackEveryChange',
] as const satisfies readonly (keyof SandboxQuirks)[];

export type SandboxProfileName = 'examples' | 'descriptions' | 'worst-case';

/** A named set of quirks: the one place that says how a profile answers. */
export interface SandboxProfile {
  name: SandboxProfileName;
  quirks: Readonly<SandboxQuirks>;
}

const NONE: SandboxQuirks = Object.fromEntries(SANDBOX_QUIRK_NAMES.map((name) => [name, false])) as unknown as SandboxQuirks;

/**
 * The profiles: `examples` answers as the collection's example responses (the default);
 * `descriptions` as the endpoints' descriptions and schemas; `worst-case` plays every reading that
 * can trip a client at once.
 */
export const SANDBOX_PROFILES: Readonly<Record<SandboxProfileName, Readonly<SandboxQuirks>>> = Object.freeze({
  examples: Object.freeze({ ...NONE }),
  descriptions: Object.freeze({ ...NONE, refundStatusAnswer: true, blnWithdrawWithoutFee: true, blnOrderDescriptionShape: true }),
  'worst-case': Object.freeze(Object.fromEntries(SANDBOX_QUIRK_NAMES.map((name) => [name, true])) as unknown as SandboxQuirks),
});

/** How far the lagging `create_time` trails the invoice: 12:51:36 − 12:00:00 in Aurpay's example. */
export const CREATE_TIME_LAG_SECONDS = 51 * 60 + 36;

function invalid(message: string): never {
  throw new AurpayKitError('sandbox_option_invalid', message);
}

/**
 * A profile by name, with single quirks switched on or off over it; unknown names and quirks
 * throw `sandbox_option_invalid`.
 *
 * @example resolveSandboxProfile('examples', { unsignedCallbacks: true }).quirks.unsignedCallbacks // true
 */
export function resolveSandboxProfile(name: unknown = 'examples', overrides: unknown = {}): SandboxProfile {
  if (typeof name !== 'string' || !Object.hasOwn(SANDBOX_PROFILES, name)) {
    invalid(`profile must be one of ${Object.keys(SANDBOX_PROFILES).join(', ')}, got ${JSON.stringify(name)}`);
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) invalid('quirks must be an object of booleans');
  const quirks: SandboxQuirks = { ...SANDBOX_PROFILES[name as SandboxProfileName] };
  for (const [quirk, on] of Object.entries(overrides)) {
    if (!(SANDBOX_QUIRK_NAMES as readonly string[]).includes(quirk))
      invalid(`unknown quirk ${JSON.stringify(quirk)}; known: ${SANDBOX_QUIRK_NAMES.join(', ')}`);
    if (on === undefined) continue;
    if (typeof on !== 'boolean') invalid(`quirks.${quirk} must be true or false`);
    quirks[quirk as keyof SandboxQuirks] = on;
  }
  return { name: name as SandboxProfileName, quirks: Object.freeze(quirks) };
}
