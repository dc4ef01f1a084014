import type { ReactNode } from 'react';
import { Address } from './Address.js';
import { Amount } from './Amount.js';
import { Countdown } from './Countdown.js';
import { fill, formatDecimal } from './format.js';
import { QRCode } from './QRCode.js';
import { useTexts } from './context.js';

export interface PaymentViewProps {
  /** What to send now, in `token` units; unknown for an invoice that names no amount. */
  amount: string | null | undefined;
  token: string;
  /** The fiat price, shown beside the amount when it is the full price. */
  fiat?: { amount?: string; currency?: string } | null;
  /** Between the amount and the QR code: progress, warnings. */
  notes?: ReactNode;
  qrValue: string | null | undefined;
  /** The address or invoice, with its label and copy button name. */
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
  const { amount, token, fiat, qrValue, code, uri } = props;
  const { messages, locale } = useTexts();
  return (
    <>
      {amount && (
        <p className="aurpay-due">
          {messages.send} <Amount value={amount} currency={token} />
          {fiat?.amount && fiat.currency && (
            <span className="aurpay-fiat">
              ≈ <Amount value={fiat.amount} currency={fiat.currency} fiat />
            </span>
          )}
        </p>
      )}
      {props.notes}
      {qrValue && (
        <QRCode
          value={qrValue}
          label={fill(messages.qr, {
            amount: amount ? `${formatDecimal(amount, locale)} ${token}` : token,
          })}
        />
      )}
      {code && <Address value={code} label={props.codeLabel} copyLabel={props.copyLabel} />}
      <div className="aurpay-actions">
        {props.actions}
        {uri && (
          <a className="aurpay-button" href={uri}>
            {messages.wallet}
          </a>
        )}
      </div>
      <Countdown to={props.deadline} />
    </>
  );
}
