import type { CheckoutDetails, CheckoutPhase } from '@aurpay-kit/core';
import { findCurrency, isZeroAmount, subtractAmounts } from '@aurpay-kit/core';
import type { AurpayMessages } from './enMessages.js';
import { errorText } from './errorText.js';
import { fill, formatDecimal, formatSats, tokenOf } from './format.js';
import type { CheckoutError } from '@aurpay-kit/core';

/** How a checkout writes its amounts: the token's, or satoshis. */
export interface AmountStyle {
  token: string;
  sats: boolean;
  locale: string | undefined;
  messages: AurpayMessages;
}

/** An amount as the checkout writes it in sentences: "0.00029134 BTC", "19,044 sats". */
export function amountText(value: string, style: AmountStyle): string {
  return style.sats ? `${formatSats(value, style.locale)} ${style.messages.sats}` : `${formatDecimal(value, style.locale)} ${style.token}`;
}

/** The order's token and whether its amounts are shown in satoshis. */
export function amountStyle(
  order: CheckoutDetails | null,
  sats: boolean,
  locale: string | undefined,
  messages: AurpayMessages,
): AmountStyle {
  const currency = order?.currency ?? 'BTC';
  return { token: tokenOf(currency), sats: sats && findCurrency(currency)?.decimals === 8, locale, messages };
}

/** Whether a transaction the order shows was sent by a Lightning wallet (Lightning has no mempool to detect in). */
const isLightning = (order: CheckoutDetails | null) => order?.kind === 'lightning' || order?.currency === 'BTC-LN';

/** The heading of each state. */
export function stateTitle(phase: CheckoutPhase, order: CheckoutDetails | null, messages: AurpayMessages): string {
  if (phase === 'detected' && isLightning(order)) return messages.sent;
  return messages[phase];
}

/**
 * What a state means for the buyer, with the amounts: the sentence shown under its heading and
 * read out when it changes. Empty for states the heading says all of.
 */
export function stateText(
  phase: CheckoutPhase,
  order: CheckoutDetails | null,
  error: CheckoutError | null,
  style: AmountStyle,
  merchant: string | undefined,
): string {
  const { messages } = style;
  const amount = (value: string) => amountText(value, style);
  const shop = merchant ?? messages.merchant;
  if (phase === 'error') return error ? errorText(error, messages).text : '';
  if (!order) return '';
  const received = order.paidAmount;
  const paidSome = !isZeroAmount(received);
  const due = paidSome ? order.remainingAmount : order.amount;
  switch (phase) {
    case 'awaiting_payment':
      return fill(messages.sayDue, { amount: amount(due) });
    case 'partially_paid':
      return fill(messages.sayPartial, { received: amount(received), amount: amount(due) });
    case 'detected':
      return fill(isLightning(order) ? messages.sentText : messages.detectedText, { amount: amount(due) });
    case 'confirming':
      return fill(messages.confirmingText, { amount: amount(due) });
    case 'paid':
      return fill(messages.paidText, { amount: amount(paidSome ? received : order.amount) });
    case 'overpaid':
      return fill(messages.overpaidText, {
        extra: amount(subtractAmounts(received, order.amount)),
        amount: amount(order.amount),
        merchant: shop,
      });
    case 'expired':
      return paidSome
        ? fill(messages.expiredPartText, { received: amount(received), amount: amount(order.amount), merchant: shop })
        : messages.expiredText;
    case 'failed':
      return messages.failedText;
    default:
      return '';
  }
}
