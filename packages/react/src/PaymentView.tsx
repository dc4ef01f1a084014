import type { ReactNode } from 'react';
import { Address } from './Address.js';
import { Amount } from './Amount.js';
import type { AmountStyle } from './checkoutText.js';
import { amountText } from './checkoutText.js';
import { Countdown } from './Countdown.js';
import { CurrencyLogo } from './CurrencyLogo.js';
import { fill } from './format.js';
import { QRCode, qrCentreShare } from './QRCode.js';
import { useTexts } from './context.js';

export interface PaymentViewProps {
  /** What to send now; unknown for an invoice that names no amount. */
  amount: string | null | undefined;
  /** How amounts are written: the token, or satoshis. */
  style: AmountStyle;
  /** The fiat value of `amount`. */
  fiat?: { amount?: string | null; currency?: string } | null;
  /** Part of it arrived already: "Send the remaining". */
  rest?: boolean;
  /** Between the amount and the QR code: progress, warnings. */
  notes?: ReactNode;
  /** What the QR code encodes; null keeps its place while it is worked out, undefined shows none. */
  qrValue: string | null | undefined;
  /** The currency whose logo sits in the QR code's centre, when one should. */
  qrLogo?: string | null;
  /** The address or invoice, with its label and copy button text. */
  code: string | null | undefined;
  codeLabel?: string;
  copyLabel?: string;
  uri: string | null | undefined;
  /** Beside the wallet link: more buttons. */
  actions?: ReactNode;
  deadline: string | number;
}

/** The layout both checkouts share while the buyer can pay. */
export function PaymentView(props: PaymentViewProps) {
  const { amount, style, fiat, qrValue, code, uri, qrLogo } = props;
  const { messages } = useTexts();
  return (
    <>
      {amount && (
        <p className="aurpay-due">
          {props.rest ? messages.sendRest : messages.send} <Amount value={amount} currency={style.token} sats={style.sats} />
          {fiat?.amount && fiat.currency && (
            <span className="aurpay-fiat">
              ≈ <Amount value={fiat.amount} currency={fiat.currency} fiat />
            </span>
          )}
        </p>
      )}
      {props.notes}
      {qrValue !== undefined && (
        <div className="aurpay-qr-frame">
          {qrValue && (
            <QRCode
              value={qrValue}
              clearCentre={Boolean(qrLogo)}
              label={fill(messages.qr, { amount: amount ? amountText(amount, style) : style.token })}
            />
          )}
          {qrValue && qrLogo && (
            <CurrencyLogo currency={qrLogo} size={Math.round(208 * qrCentreShare(qrValue)) - 6} className="aurpay-qr-logo" />
          )}
        </div>
      )}
      {code && <Address value={code} label={props.codeLabel} copyLabel={props.copyLabel} />}
      <div className="aurpay-actions">
        {props.actions}
        {uri && (
          <a className="aurpay-button aurpay-primary" href={uri}>
            {messages.wallet}
          </a>
        )}
      </div>
      <Countdown to={props.deadline} />
    </>
  );
}
