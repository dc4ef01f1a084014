import type { HTMLAttributes } from 'react';
import { forwardRef } from 'react';
import { CopyButton } from './CopyButton.js';
import { cx, usePhase, useTexts } from './context.js';

export interface AddressProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The address, or any long code such as an invoice. */
  value: string;
  /** The visible label. Default: the "address" message. */
  label?: string;
  /** The copy button's accessible name; `false` hides the button. */
  copyLabel?: string | false;
}

/**
 * A labelled address in a monospace block that wraps anywhere, with a copy button.
 *
 * @example <Address value={order.address} />
 */
export const Address = forwardRef<HTMLDivElement, AddressProps>(function Address(
  { value, label, copyLabel, className, ...rest },
  ref,
) {
  const { messages } = useTexts();
  return (
    <div data-state={usePhase()} {...rest} ref={ref} className={cx('aurpay-address', className)}>
      <span className="aurpay-label">
        {label ?? messages.address}
      </span>
      <code>{value}</code>
      {copyLabel !== false && <CopyButton value={value} label={copyLabel ?? messages.copyAddress} />}
    </div>
  );
});
Address.displayName = 'Address';
