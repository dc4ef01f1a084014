import type { CheckoutDetails } from '@aurpay-kit/core';
import { isZeroAmount } from '@aurpay-kit/core';
import type { HTMLAttributes } from 'react';
import { forwardRef } from 'react';
import { Amount } from './Amount.js';
import { cx, usePhase, useTexts } from './context.js';
import { tokenOf } from './format.js';
import { TransactionList } from './TransactionList.js';

export interface ReceiptProps extends Omit<HTMLAttributes<HTMLDListElement>, 'children'> {
  /** The order, as `onSuccess` or `useCheckout` give it. */
  order: CheckoutDetails;
  /** Shows BTC amounts in satoshis. */
  sats?: boolean;
}

/**
 * What the buyer keeps of a payment: the amount received (and its price), the order number, and
 * each transaction with a link to its block explorer page.
 *
 * @example <Receipt order={order} />
 */
export const Receipt = forwardRef<HTMLDListElement, ReceiptProps>(function Receipt({ order, sats, className, ...rest }, ref) {
  const { messages } = useTexts();
  const token = tokenOf(order.currency);
  const received = isZeroAmount(order.paidAmount) ? null : order.paidAmount;
  return (
    <dl data-state={usePhase()} {...rest} ref={ref} className={cx('aurpay-receipt', className)}>
      {received && (
        <>
          <dt>{messages.received}</dt>
          <dd>
            <Amount value={received} currency={token} sats={sats} />
          </dd>
        </>
      )}
      {order.fiatAmount && order.fiatCurrency && (
        <>
          <dt>{messages.total}</dt>
          <dd>
            <Amount value={order.amount} currency={token} sats={sats} /> ≈{' '}
            <Amount value={order.fiatAmount} currency={order.fiatCurrency} fiat />
          </dd>
        </>
      )}
      <dt>{messages.order}</dt>
      <dd>
        <code dir="ltr">{order.orderId}</code>
      </dd>
      {(order.transactions?.length ?? 0) > 0 && (
        <>
          <dt>{messages.transaction}</dt>
          <dd>
            <TransactionList order={order} />
          </dd>
        </>
      )}
    </dl>
  );
});
Receipt.displayName = 'Receipt';
