// Formatting shared by the parts. Amounts stay decimal strings all the way: Intl.NumberFormat
// reads a string as an exact decimal (ECMA-402 2023), so no digit passes through a float. Digits
// are always Latin (0-9), whatever the language: wallets take no other.

import { CURRENCIES, findCurrency, toBaseUnits } from '@aurpay-kit/core';

// TypeScript's Intl types predate decimal-string input.
type Formattable = number;

const number = (locale: string | undefined, options: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(locale, { numberingSystem: 'latn', ...options });

/** `'1234.5'` → `'1,234.5'` in English, `'1.234,5'` in German; every digit kept, Latin digits. */
export function formatDecimal(value: string, locale: string | undefined): string {
  return number(locale, { maximumFractionDigits: 20 }).format(value as unknown as Formattable);
}

/** A BTC amount in whole satoshis: `'0.00019044'` → `'19,044'`. */
export function formatSats(btc: string, locale: string | undefined): string {
  return number(locale, {}).format(toBaseUnits(btc, 8));
}

/** A fiat price in the locale's currency style; Intl reads the decimal string exactly. */
export function formatFiat(value: string, currency: string, locale: string | undefined): string {
  try {
    return number(locale, { style: 'currency', currency }).format(value as unknown as Formattable);
  } catch {
    return `${formatDecimal(value, locale)} ${currency}`;
  }
}

/** `mm:ss`, or `hh:mm:ss` past an hour. */
export function formatDuration(seconds: number, locale: string | undefined): string {
  const two = number(locale, { minimumIntegerDigits: 2 });
  const parts = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  return parts
    .slice(parts[0] ? 0 : 1)
    .map((n) => two.format(n))
    .join(':');
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}

/** The token a currency code names: `USDT-ERC20` → `USDT`, `BTC-LN` → `BTC`. */
export function tokenOf(currency: string): string {
  return currency.split('-')[0] ?? currency;
}

/** The network's proper name, from core's one table of chain names. */
export function networkName(chain: string): string {
  return CURRENCIES.find((c) => c.chain === chain)?.chainName ?? chain;
}

/** The network's proper name, with the token standard where the currency names one. */
export function networkOf(chain: string, currency: string): string {
  const standard = /-(ERC20|TRC20)$/.exec(currency)?.[1]?.replace('20', '-20');
  const name = findCurrency(currency, chain)?.chainName ?? networkName(chain);
  return standard ? `${name} (${standard})` : name;
}

/** A long hash shortened for display: its first 8 and last 6 characters. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-6)}` : hash;
}
