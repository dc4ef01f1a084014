import type { HTMLAttributes, ReactNode } from 'react';
import { forwardRef } from 'react';
import { CopyButton } from './CopyButton.js';
import { cx, usePhase, useTexts } from './context.js';

export interface AddressProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The address, or any long code such as an invoice. */
  value: string;
  /** The visible label. Default: the "address" message. */
  label?: string;
  /** The copy button's text; `false` hides the button. Default: "Copy address". */
  copyLabel?: string | false;
}

/**
 * A code cut into groups of four characters that lines break between, never inside: no line ends
 * with one or two stray characters, and what is selected and copied has no added spaces.
 *
 * @example groupedCode('bc1qf99rryu8') // ['bc1q', <wbr />, 'f99r', <wbr />, 'ryu8']
 */
function groupedCode(value: string): ReactNode[] {
  const groups = value.match(/.{1,4}/g) ?? [];
  // A last group of one or two characters joins the one before it.
  if (groups.length > 1 && (groups.at(-1)?.length ?? 0) < 3) groups.splice(-2, 2, groups.at(-2)! + groups.at(-1)!);
  return groups.flatMap((group, i) => (i ? [<wbr key={i} />, group] : [group]));
}

/**
 * A labelled address in a monospace block, written left to right in any language, with a copy
 * button. A long code (an invoice) shows its first lines; all of it is read out and copied.
 *
 * @example <Address value={order.address} />
 */
export const Address = forwardRef<HTMLDivElement, AddressProps>(function Address({ value, label, copyLabel, className, ...rest }, ref) {
  const { messages } = useTexts();
  return (
    <div data-state={usePhase()} {...rest} ref={ref} className={cx('aurpay-address', className)}>
      <span className="aurpay-label">{label ?? messages.address}</span>{' '}
      <code dir="ltr" className={value.length > 120 ? 'aurpay-long' : undefined}>
        {groupedCode(value)}
      </code>{' '}
      {copyLabel !== false && <CopyButton value={value} label={copyLabel ?? messages.copyAddress} />}
    </div>
  );
});
Address.displayName = 'Address';
