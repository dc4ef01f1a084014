import type { ButtonHTMLAttributes } from 'react';
import { forwardRef, useEffect, useState } from 'react';
import { cx, useTexts } from './context.js';

export interface CopyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The text put on the clipboard. */
  value: string;
  /** The accessible name, e.g. "Copy address". Default: the "copy" message. The visible text is
   * `children` (default: the "copy" message), replaced by the outcome for two seconds. */
  label?: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies `value` to the clipboard and announces the outcome in a polite live region.
 * `data-state` is `idle`, `copied` or `failed`.
 *
 * @example <CopyButton value={order.address} label="Copy address" />
 */
export const CopyButton = forwardRef<HTMLButtonElement, CopyButtonProps>(function CopyButton(
  { value, label, className, onClick, children, ...rest },
  ref,
) {
  const { messages } = useTexts();
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const said = state === 'copied' ? messages.copied : state === 'failed' ? messages.error : '';
  return (
    <>
      <button
        type="button"
        aria-label={label ?? messages.copy}
        data-state={state}
        {...rest}
        ref={ref}
        className={cx('aurpay-copy', className)}
        onClick={(event) => {
          onClick?.(event);
          if (event.defaultPrevented) return;
          // navigator.clipboard exists only in secure contexts; its absence is a failed copy.
          Promise.resolve()
            .then(() => navigator.clipboard.writeText(value))
            .then(
              () => setState('copied'),
              () => setState('failed'),
            );
        }}
      >
        {said || (children ?? messages.copy)}
      </button>
      <span role="status" className="aurpay-sr">
        {said}
      </span>
    </>
  );
});
CopyButton.displayName = 'CopyButton';
