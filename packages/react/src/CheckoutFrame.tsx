import type { CheckoutPhase } from '@aurpay-kit/core';
import type { HTMLAttributes, ReactNode } from 'react';
import { forwardRef } from 'react';
import { PhaseContext, cx, useTexts } from './context.js';
import { Status } from './Status.js';
import type { UseCheckoutResult } from './useCheckout.js';

export interface CheckoutFrameProps extends HTMLAttributes<HTMLDivElement> {
  checkout: UseCheckoutResult;
  phase: CheckoutPhase;
  unstyled?: boolean;
  /** Whether "start again" can create a new order. */
  canRestart: boolean;
  /** The payment view, shown while the buyer can pay (and while choosing a currency). */
  children?: ReactNode;
}

const OPTIONS = [
  'chain',
  'currency',
  'order',
  'orderId',
  'statusToken',
  'orderFields',
  'onSuccess',
  'onTimeout',
  'onStatusChange',
  'onError',
  'qrFormat',
  'paymentRequest',
];

/** A checkout component's props without its own options: the attributes for its root element. */
export function rootAttributes<T extends object>(props: T): HTMLAttributes<HTMLDivElement> {
  const attributes = { ...props } as Record<string, unknown>;
  for (const key of OPTIONS) delete attributes[key];
  return attributes;
}

/** The root both checkouts share: theme, `data-state`, the live status line and the end views. */
export const CheckoutFrame = forwardRef<HTMLDivElement, CheckoutFrameProps>(function CheckoutFrame(
  { checkout, phase, unstyled, canRestart, className, children, ...rest },
  ref,
) {
  const { messages, theme } = useTexts();
  let body: ReactNode = null;
  switch (phase) {
    case 'idle':
    case 'awaiting_payment':
    case 'partially_paid':
      body = children;
      break;
    case 'loading':
      body = <div className="aurpay-spinner" aria-hidden="true" />;
      break;
    case 'error':
      // The status line says what happened in the buyer's language; the details go to onError.
      body = (
        <button type="button" className="aurpay-button" onClick={checkout.retry}>
          {messages.retry}
        </button>
      );
      break;
    case 'expired':
    case 'failed':
      body = canRestart && (
        <button type="button" className="aurpay-button" onClick={checkout.reset}>
          {messages.startAgain}
        </button>
      );
      break;
    case 'paid':
      body = <div className="aurpay-done" aria-hidden="true" />;
      break;
    case 'refunded':
    case 'unknown':
      break;
    default:
      phase satisfies never;
  }
  return (
    <div
      data-state={phase}
      data-theme={theme}
      aria-busy={phase === 'loading' || undefined}
      {...rest}
      ref={ref}
      className={cx(!unstyled && 'aurpay', 'aurpay-checkout', className)}
    >
      <PhaseContext.Provider value={phase}>
        <Status />
        {body}
      </PhaseContext.Provider>
    </div>
  );
});
