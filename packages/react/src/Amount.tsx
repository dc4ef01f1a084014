import type { HTMLAttributes } from 'react';
import { forwardRef } from 'react';
import { formatDecimal, formatFiat } from './format.js';
import { cx, usePhase, useTexts } from './context.js';

export interface AmountProps extends HTMLAttributes<HTMLSpanElement> {
  /** A decimal string such as `'0.00019044'`; every digit is shown. */
  value: string;
  /** `BTC`, `USDT`… or, with `fiat`, an ISO 4217 code such as `USD`. */
  currency: string;
  /** Formats as money in the locale's currency style. */
  fiat?: boolean;
}

/**
 * An amount in the provider's locale, digit for digit (never through a binary float).
 *
 * @example <Amount value="18.0098" currency="USDT" />  // "18.0098 USDT"
 */
export const Amount = forwardRef<HTMLSpanElement, AmountProps>(function Amount(
  { value, currency, fiat, className, ...rest },
  ref,
) {
  const { locale } = useTexts();
  const text = fiat
    ? formatFiat(value, currency, locale)
    : `${formatDecimal(value, locale)} ${currency}`;
  return (
    <span data-state={usePhase()} {...rest} ref={ref} className={cx('aurpay-amount', className)}>
      {text}
    </span>
  );
});
Amount.displayName = 'Amount';
