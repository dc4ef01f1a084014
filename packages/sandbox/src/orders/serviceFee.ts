import { fromBaseUnits, parseAmount, toBaseUnits } from '@aurpay-kit/core';

/** Aurpay's service fee as the sandbox charges it, per mille: 0.8 %, as Aurpay's examples show. */
const FEE_PER_MILLE = 8n;

/**
 * The sandbox's service fee on an amount, exactly: 0.8 %, three decimals finer than the amount.
 *
 * @example serviceFee('18.0001') // '0.1440008'
 */
export function serviceFee(amount: string): string {
  const canonical = parseAmount(amount);
  const decimals = canonical.split('.')[1]?.length ?? 0;
  return fromBaseUnits(toBaseUnits(canonical, decimals) * FEE_PER_MILLE, decimals + 3);
}
