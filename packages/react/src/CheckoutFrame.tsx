import type { CheckoutDetails, CheckoutPhase } from '@aurpay-kit/core';
import { isZeroAmount } from '@aurpay-kit/core';
import type { HTMLAttributes, ReactNode } from 'react';
import { forwardRef, useContext, useEffect, useRef } from 'react';
import { amountStyle, stateText, stateTitle } from './checkoutText.js';
import { DialogSuccessContext, PhaseContext, cx, useRootLook, useTexts } from './context.js';
import { errorText } from './errorText.js';
import type { MerchantDetails } from './MerchantSummary.js';
import { MerchantSummary } from './MerchantSummary.js';
import type { CryptoCheckoutProps } from './CryptoCheckout.js';
import type { LightningInvoiceProps } from './LightningInvoice.js';
import { Status } from './Status.js';
import type { UseCheckoutResult } from './useCheckout.js';
import { useModule } from './useModule.js';

const loadOutcome = () => import('./OutcomeView.js');

/** What both checkouts take beyond the order: who is paid, for what, and what to show at the end. */
export interface CheckoutPresentation extends MerchantDetails {
  /** Where a buyer whose part payment expired (or who overpaid) reaches the shop: a page or `mailto:`. */
  supportUrl?: string;
  /** Called by the "Contact …" button, instead of or besides `supportUrl`. */
  onContact?: (order: CheckoutDetails) => void;
  /** More for the paid view, under the receipt: a "Continue" button, the delivery date… */
  receipt?: (order: CheckoutDetails) => ReactNode;
  /** Lays the currency's logo over the QR code's centre. */
  qrLogo?: boolean;
  /** Leaves out the `aurpay` class, so the shipped stylesheet does not apply. */
  unstyled?: boolean;
}

export interface CheckoutFrameProps extends CheckoutPresentation, Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** The checkout's own `onError`, which never reaches the element. */
  onError?: unknown;
  checkout: UseCheckoutResult;
  phase: CheckoutPhase;
  /** Whether "start again" can create a new order. */
  canRestart: boolean;
  /** Amounts in satoshis (Lightning). */
  sats?: boolean;
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
  'onPaymentDetected',
  'qrFormat',
  'qrLogo',
  'paymentRequest',
  'currencyOptions',
  'unit',
  'merchant',
  'description',
  'lineItems',
  'supportUrl',
  'onContact',
  'receipt',
] as const satisfies readonly CheckoutOption[];

/** The checkouts' own props: everything but the root element's attributes (and `unstyled`, read by the frame). */
type CheckoutOption = Exclude<
  keyof CryptoCheckoutProps | keyof LightningInvoiceProps,
  Exclude<keyof HTMLAttributes<HTMLDivElement>, 'onError'> | 'unstyled'
>;
/** Fails to compile when a checkout gains a prop that OPTIONS does not list, which would reach the DOM. */
type NoneUnlisted<Unlisted> = [Unlisted] extends [never] ? true : { unlisted: Unlisted };
type _EveryOptionListed = Assert<NoneUnlisted<Exclude<CheckoutOption, (typeof OPTIONS)[number]>>>;
type Assert<T extends true> = T;

/** A checkout component's props without its own options: the attributes for its root element. */
export function rootAttributes<T extends object>(props: T): HTMLAttributes<HTMLDivElement> {
  const attributes = { ...props } as Record<string, unknown>;
  for (const key of OPTIONS) delete attributes[key];
  return attributes;
}

/**
 * The root both checkouts share: theme, direction, `data-state`, the shop's summary, a heading
 * per state that takes focus when the state changes, a polite live region that says the state
 * with its amounts, and the views of every state but paying (`children`).
 */
export const CheckoutFrame = forwardRef<HTMLDivElement, CheckoutFrameProps>(function CheckoutFrame(props, ref) {
  const { checkout, phase, canRestart, sats = false, children, merchant, description, lineItems, ...others } = props;
  const { supportUrl, onContact, receipt, unstyled, className, ...remaining } = others;
  const rest = rootAttributes(remaining);
  const { messages, locale } = useTexts();
  const look = useRootLook();
  const { order, error } = checkout;
  const style = amountStyle(order, sats, locale, messages);
  const shop = merchant?.name;
  const title = phase === 'idle' && !checkout.choosing ? messages.loading : stateTitle(phase, order, messages);
  const text = stateText(phase, order, error, style, shop);

  const root = useRef<HTMLDivElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(phase);
  // Whether the buyer is working in the checkout: focus went in, and has not gone elsewhere on
  // the page (a view that goes away takes focus with it, to nowhere: that still counts as in).
  const inside = useRef(false);
  useEffect(() => {
    const node = root.current;
    if (!node) return;
    const enter = () => (inside.current = true);
    const leave = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && !node.contains(event.relatedTarget)) inside.current = false;
    };
    node.addEventListener('focusin', enter);
    node.addEventListener('focusout', leave);
    return () => {
      node.removeEventListener('focusin', enter);
      node.removeEventListener('focusout', leave);
    };
  }, []);
  // Focus follows the state: to the new heading, when the buyer was working in the checkout;
  // never taken from elsewhere on the page, nor on the page's first load.
  useEffect(() => {
    if (shown.current === phase) return;
    shown.current = phase;
    const active = document.activeElement;
    if (root.current?.contains(active) || (inside.current && (!active || active === document.body))) heading.current?.focus();
  }, [phase]);
  const Heading = useContext(DialogSuccessContext) ? 'h3' : 'h2';

  const paidSome = order !== null && !isZeroAmount(order.paidAmount);
  // The views after payment load after the first paint, whatever the state, so they are there
  // (from the cache, offline too) by the time the payment comes.
  const outcome = useModule(loadOutcome);
  const change = checkout.canChangeCurrency && (
    <button type="button" className="aurpay-button aurpay-link" onClick={checkout.changeCurrency}>
      {messages.changeCurrency}
    </button>
  );

  let body: ReactNode = null;
  switch (phase) {
    case 'idle':
    case 'awaiting_payment':
    case 'partially_paid':
      body = (
        <>
          {children}
          {change}
        </>
      );
      break;
    case 'loading':
      body = <div className="aurpay-spinner" aria-hidden="true" />;
      break;
    case 'error': {
      const { detail } = errorText(error, messages);
      body = (
        <>
          {text && <p className="aurpay-message">{text}</p>}
          {detail && <p className="aurpay-detail">{detail}</p>}
          {checkout.phase === 'error' && (
            <div className="aurpay-actions">
              <button type="button" className="aurpay-button aurpay-primary" onClick={checkout.retry}>
                {messages.retry}
              </button>
              {change}
            </div>
          )}
        </>
      );
      break;
    }
    case 'detected':
    case 'confirming':
    case 'paid':
    case 'overpaid':
    case 'expired':
    case 'failed':
      body = outcome ? (
        <outcome.OutcomeView
          phase={phase}
          order={order}
          text={text}
          sats={style.sats}
          merchant={shop}
          supportUrl={supportUrl}
          onContact={onContact}
          receipt={receipt}
          restart={canRestart ? checkout.reset : null}
        />
      ) : (
        <p className="aurpay-message">{text}</p>
      );
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
      data-received={paidSome ? 'some' : undefined}
      aria-busy={phase === 'loading' || undefined}
      {...look}
      {...rest}
      style={{ ...look.style, ...rest.style }}
      ref={(node) => {
        root.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      className={cx(!unstyled && 'aurpay', 'aurpay-checkout', className)}
    >
      <PhaseContext.Provider value={phase}>
        <MerchantSummary merchant={merchant} description={description} lineItems={lineItems} />
        <Heading ref={heading} tabIndex={-1} className="aurpay-heading">
          {title}
        </Heading>
        <Status className="aurpay-sr">{text ? `${title}. ${text}` : title}</Status>
        {body}
      </PhaseContext.Provider>
    </div>
  );
});
