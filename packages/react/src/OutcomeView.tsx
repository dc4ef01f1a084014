import type { CheckoutDetails } from '@aurpay-kit/core';
import { isZeroAmount } from '@aurpay-kit/core';
import type { ReactNode } from 'react';
import { useTexts } from './context.js';
import { fill } from './format.js';
import { Receipt } from './Receipt.js';
import { TransactionList } from './TransactionList.js';

export interface OutcomeViewProps {
  phase: 'detected' | 'confirming' | 'paid' | 'overpaid' | 'expired' | 'failed';
  order: CheckoutDetails | null;
  /** What the state means, with its amounts (the live region says the same). */
  text: string;
  sats: boolean;
  merchant: string | undefined;
  supportUrl?: string;
  onContact?: (order: CheckoutDetails) => void;
  receipt?: (order: CheckoutDetails) => ReactNode;
  /** "Start again" after an unpaid expiry, or null where it cannot create an order. */
  restart: (() => void) | null;
}

/**
 * Everything after the buyer paid or the time ran out, loaded after the first paint: a payment on
 * its way with its transactions, the paid view with the receipt and the merchant's slot, an
 * overpayment, and an expiry, which after a part payment shows what arrived and how to reach the
 * shop, never a new order at the full price.
 */
export function OutcomeView({ phase, order, text, sats, merchant, supportUrl, onContact, receipt, restart }: OutcomeViewProps) {
  const { messages } = useTexts();
  const paidSome = order !== null && !isZeroAmount(order.paidAmount);
  const label = fill(messages.contact, { merchant: merchant ?? messages.merchant });
  const contact =
    order &&
    (supportUrl ? (
      <a className="aurpay-button aurpay-primary" href={supportUrl} onClick={onContact && (() => onContact(order))}>
        {label}
      </a>
    ) : (
      onContact && (
        <button type="button" className="aurpay-button aurpay-primary" onClick={() => onContact(order)}>
          {label}
        </button>
      )
    ));
  const message = <p className="aurpay-message">{text}</p>;
  switch (phase) {
    case 'detected':
    case 'confirming':
      return (
        <>
          <div className="aurpay-pending" aria-hidden="true" />
          {message}
          {order && <TransactionList order={order} />}
        </>
      );
    case 'paid':
    case 'overpaid':
      return (
        <>
          <div className="aurpay-done" aria-hidden="true" />
          {message}
          {order && <Receipt order={order} sats={sats} />}
          {phase === 'overpaid' && contact}
          {order && receipt?.(order)}
        </>
      );
    case 'expired':
    case 'failed':
      return (
        <>
          {message}
          {paidSome && order ? (
            <>
              <Receipt order={order} sats={sats} />
              {contact}
            </>
          ) : (
            restart && (
              <button type="button" className="aurpay-button aurpay-primary" onClick={restart}>
                {messages.startAgain}
              </button>
            )
          )}
        </>
      );
    default:
      return phase satisfies never;
  }
}
