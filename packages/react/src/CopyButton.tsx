import type { ButtonHTMLAttributes } from 'react';
import { forwardRef, useEffect, useState } from 'react';
import { cx, useTexts } from './context.js';

export interface CopyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The text put on the clipboard. */
  value: string;
  /** What the button says, e.g. "Copy address". Default: the "copy" message. */
  label?: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies `value` to the clipboard and says so, for two seconds, on the button ("Copied") and in a
 * polite live region. The button's name is what it shows, and it keeps its width: both texts sit
 * in the same place, the one not shown hidden. `data-state` is `idle`, `copied` or `failed`.
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
  const idle = children ?? label ?? messages.copy;
  return (
    <>
      <button
        type="button"
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
        <span hidden={Boolean(said)}>{idle}</span>
        <span hidden={!said}>{said || messages.copied}</span>
      </button>
      <span role="status" className="aurpay-sr">
        {said}
      </span>
    </>
  );
});
CopyButton.displayName = 'CopyButton';
