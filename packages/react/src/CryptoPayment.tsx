import type { CheckoutDetails, QrFormat } from '@aurpay-kit/core';
import { isZeroAmount, proportionalAmount } from '@aurpay-kit/core';
import { Amount } from './Amount.js';
import { amountStyle } from './checkoutText.js';
import { CopyButton } from './CopyButton.js';
import { fill, networkOf } from './format.js';
import { PaymentView } from './PaymentView.js';
import { AurpayContext, useTexts } from './context.js';
import { useContext } from 'react';
import { useModule } from './useModule.js';

const loadLinks = () => import('./paymentLinkFor.js');

/** The fiat value of what is still due: the price's share for the remainder. */
function fiatDue(order: CheckoutDetails, due: string): string | null {
  if (!order.fiatAmount || due === order.amount) return order.fiatAmount ?? null;
  try {
    return proportionalAmount(order.fiatAmount, due, order.amount, 2);
  } catch {
    return null;
  }
}

/**
 * An on-chain payment: the amount due (after a part payment, the remainder with its fiat value,
 * and what arrived), the network warning, QR code and address.
 */
export function CryptoPayment({
  order,
  qrFormat,
  qrLogo,
  onSent,
}: {
  order: CheckoutDetails;
  qrFormat?: QrFormat;
  qrLogo?: boolean;
  onSent: (hash: string) => void;
}) {
  const { messages, locale } = useTexts();
  const wallets = useModule(useContext(AurpayContext)?.wallets ?? null);
  const rest = !isZeroAmount(order.paidAmount);
  const due = rest ? order.remainingAmount : order.amount;
  const style = amountStyle(order, false, locale, messages);
  // The server's link pays the full amount; a remainder or another format is built on demand.
  const built = Boolean(qrFormat) || !order.qrValue || due !== order.amount;
  const links = useModule(built ? loadLinks : null);
  const link = built ? (links?.paymentLinkFor(order, due, qrFormat) ?? null) : { uri: order.paymentUri ?? null, qrValue: order.qrValue! };
  return (
    <PaymentView
      amount={due}
      style={style}
      rest={rest}
      fiat={{ amount: fiatDue(order, due), currency: order.fiatCurrency }}
      notes={
        <>
          {rest && (
            <dl className="aurpay-progress">
              <dt>{messages.received}</dt>
              <dd>
                <Amount value={order.paidAmount} currency={style.token} />
              </dd>
              <dt>{messages.total}</dt>
              <dd>
                <Amount value={order.amount} currency={style.token} />
              </dd>
            </dl>
          )}
          {order.chain && (
            <p className="aurpay-warning" role="note">
              {fill(messages.warning, { token: style.token, network: networkOf(order.chain, order.currency) })}
            </p>
          )}
        </>
      }
      qrValue={link?.qrValue ?? (built && order.address ? null : undefined)}
      qrLogo={qrLogo ? order.currency : null}
      code={order.address}
      uri={link?.uri}
      actions={
        <>
          {wallets && <wallets.WalletPay order={order} amount={due} onSent={onSent} />}
          <CopyButton value={due} label={messages.copyAmount} />
        </>
      }
      deadline={order.expiresAt}
    />
  );
}
