import type { CheckoutPhase } from '@aurpay-kit/core';
import type { HTMLAttributes } from 'react';
import { forwardRef } from 'react';
import { cx, usePhase, useTexts } from './context.js';

export interface StatusProps extends HTMLAttributes<HTMLDivElement> {
  /** Defaults to the phase of the checkout around it. */
  phase?: CheckoutPhase;
}

/**
 * The checkout's status in words, in a polite live region so screen readers announce changes.
 *
 * @example <Status phase={checkout.phase} />
 */
export const Status = forwardRef<HTMLDivElement, StatusProps>(function Status({ phase, className, children, ...rest }, ref) {
  const { messages } = useTexts();
  const around = usePhase();
  const shown = phase ?? around ?? 'idle';
  return (
    <div role="status" aria-live="polite" data-state={shown} {...rest} ref={ref} className={cx('aurpay-status', className)}>
      {children ?? messages[shown]}
    </div>
  );
});
Status.displayName = 'Status';
