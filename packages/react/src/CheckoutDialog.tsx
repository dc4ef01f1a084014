import * as Dialog from '@radix-ui/react-dialog';
import type { HTMLAttributes, ReactElement, ReactNode } from 'react';
import { forwardRef, useCallback, useEffect, useRef, useState } from 'react';
import { DialogSuccessContext, cx, useRootLook, useTexts } from './context.js';

export interface CheckoutDialogProps extends HTMLAttributes<HTMLDivElement> {
  /** The checkout to show: a `<CryptoCheckout>` or a `<LightningInvoice>`. */
  children: ReactNode;
  /** An element (usually a button) that opens the dialog. */
  trigger?: ReactElement;
  /** The dialog's heading. Default: the "title" message. */
  title?: string;
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Closes the dialog this long after the payment succeeds; `null` (the default) keeps it open on the receipt. */
  closeAfterSuccessMs?: number | null;
  /** Leaves out the `aurpay` class, so the shipped stylesheet does not apply. */
  unstyled?: boolean;
}

/**
 * A checkout in a modal dialog (Radix): focus stays inside, Escape and the close button close
 * it, and with `closeAfterSuccessMs` it closes by itself that long after the payment succeeds.
 * Controlled (`open` and `onOpenChange`) or not (`defaultOpen`).
 *
 * @example
 * <CheckoutDialog trigger={<button>Pay with crypto</button>} onOpenChange={setOpen}>
 *   <CryptoCheckout chain="BTC" currency="BTC" onSuccess={markPaid} />
 * </CheckoutDialog>
 */
export const CheckoutDialog = forwardRef<HTMLDivElement, CheckoutDialogProps>(function CheckoutDialog(props, ref) {
  const {
    children,
    trigger,
    title,
    open: openProp,
    defaultOpen = false,
    onOpenChange,
    closeAfterSuccessMs = null,
    unstyled,
    className,
    ...rest
  } = props;
  const { messages } = useTexts();
  const look = useRootLook();
  const [uncontrolled, setUncontrolled] = useState(defaultOpen);
  const open = openProp ?? uncontrolled;
  // Read through a ref, so that a new onOpenChange each render neither changes setOpen nor
  // restarts the close timer.
  const latest = useRef({ onOpenChange, closeAfterSuccessMs });
  useEffect(() => {
    latest.current = { onOpenChange, closeAfterSuccessMs };
  });
  const setOpen = useCallback((next: boolean) => {
    setUncontrolled(next);
    latest.current.onOpenChange?.(next);
  }, []);
  const closing = useRef<ReturnType<typeof setTimeout>>(undefined);
  // A pending close ends with the dialog (or the component), never carrying over to a reopening.
  useEffect(() => () => clearTimeout(closing.current), [open]);
  const onSuccess = useCallback(() => {
    const delay = latest.current.closeAfterSuccessMs;
    if (delay !== null) closing.current = setTimeout(() => setOpen(false), delay);
  }, [setOpen]);
  const themed = { ...look, className: cx(!unstyled && 'aurpay') };
  // Without a trigger, Radix has nothing to return focus to on close; the element that had focus
  // when the dialog opened (the shop's own button) gets it back instead of <body>.
  const returnFocus = useRef<Element | null>(null);

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay {...themed} className={cx(themed.className, 'aurpay-overlay')} />
        <Dialog.Content
          aria-describedby={undefined}
          {...rest}
          {...themed}
          ref={ref}
          style={{ ...look.style, ...rest.style }}
          className={cx(themed.className, 'aurpay-dialog', className)}
          onOpenAutoFocus={() => {
            returnFocus.current = document.activeElement;
          }}
          onCloseAutoFocus={(event) => {
            const previous = returnFocus.current;
            if (trigger || !(previous instanceof HTMLElement) || !previous.isConnected) return;
            event.preventDefault();
            previous.focus();
          }}
        >
          <div className="aurpay-dialog-header">
            <Dialog.Title className="aurpay-title">{title ?? messages.title}</Dialog.Title>
            <Dialog.Close className="aurpay-close" aria-label={messages.close}>
              <span aria-hidden="true">×</span>
            </Dialog.Close>
          </div>
          <DialogSuccessContext.Provider value={onSuccess}>{children}</DialogSuccessContext.Provider>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
});
CheckoutDialog.displayName = 'CheckoutDialog';
