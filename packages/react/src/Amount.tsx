import type { HTMLAttributes } from 'react';
import { forwardRef } from 'react';
import { formatDecimal, formatFiat, formatSats } from './format.js';
import { cx, usePhase, useTexts } from './context.js';

export interface AmountProps extends HTMLAttributes<HTMLSpanElement> {
  /** A decimal string such as `'0.00019044'`; every digit is shown. */
  value: string;
  /** `BTC`, `USDT`… or, with `fiat`, an ISO 4217 code such as `USD`. */
  currency: string;
  /** Formats as money in the locale's currency style. */
  fiat?: boolean;
  /** Shows a BTC amount in satoshis ("19,044 sats"). */
  sats?: boolean;
}

/**
 * An amount in the provider's locale, digit for digit (never through a binary float), always in
 * Latin digits.
 *
 * @example <Amount value="18.0098" currency="USDT" />  // "18.0098 USDT"
 * @example <Amount value="0.00019044" currency="BTC" sats />  // "19,044 sats"
 */
export const Amount = forwardRef<HTMLSpanElement, AmountProps>(function Amount({ value, currency, fiat, sats, className, ...rest }, ref) {
  const { locale, messages } = useTexts();
  const text = fiat
    ? formatFiat(value, currency, locale)
    : sats
      ? `${formatSats(value, locale)} ${messages.sats}`
      : `${formatDecimal(value, locale)} ${currency}`;
  return (
    <span data-state={usePhase()} {...rest} ref={ref} className={cx('aurpay-amount', className)}>
      {text}
    </span>
  );
});
Amount.displayName = 'Amount';
