/**
 * The English texts, the default. Other languages pass a complete set of the same keys to
 * `<AurpayProvider messages>`; `{name}` marks a value filled in at render.
 *
 * @example <AurpayProvider endpoint="/api/pay" locale="es" messages={esMessages}>
 */
export const enMessages = {
  idle: 'Choose how to pay',
  loading: 'Preparing payment…',
  error: 'Something went wrong',
  awaiting_payment: 'Awaiting payment',
  partially_paid: 'Partly paid: send the rest',
  paid: 'Payment received',
  expired: 'Payment expired',
  failed: 'Payment failed',
  refunded: 'Payment refunded',
  unknown: 'Checking status…',
  retry: 'Try again',
  startAgain: 'Start again',
  send: 'Send',
  warning: 'Send only {token} on {network}: anything else may be lost.',
  address: 'Address',
  invoice: 'Lightning invoice',
  qr: 'QR code to pay {amount}',
  copy: 'Copy',
  copyAddress: 'Copy address',
  copyAmount: 'Copy amount',
  copyInvoice: 'Copy invoice',
  copied: 'Copied',
  wallet: 'Open in wallet',
  webln: 'Pay with browser wallet',
  received: 'Received',
  remaining: 'Remaining',
  timeLeft: 'Time left',
  close: 'Close',
  title: 'Checkout',
};

/** Every text the components show, by key. */
export type AurpayMessages = Record<keyof typeof enMessages, string>;
