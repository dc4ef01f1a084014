import type { CheckoutDetails, QrFormat } from '@aurpay-kit/core';
import { paymentLink } from '@aurpay-kit/core';
import { Amount } from './Amount.js';
import { CopyButton } from './CopyButton.js';
import { fill, networkOf, tokenOf } from './format.js';
import { PaymentView } from './PaymentView.js';
import { useTexts } from './context.js';

type Link = { uri: string | null; qrValue: string } | null;

/** The server's link for the full amount, or one built here for a remainder or another format. */
function linkFor(order: CheckoutDetails, amount: string, qrFormat?: QrFormat): Link {
  const { address, chain, currency, qrValue, paymentUri = null } = order;
  const serverLink = qrValue && amount === order.amount ? { uri: paymentUri, qrValue } : null;
  if (!address || (!qrFormat && serverLink)) return serverLink;
  try {
    return paymentLink({ currency, chain, address, amount }, { qrFormat });
  } catch {
    // A format that does not apply to this currency: the plain address still pays.
    return serverLink ?? { uri: null, qrValue: address };
  }
}

/** An on-chain payment: the amount (or what remains), the network warning, QR and address. */
export function CryptoPayment({ order, qrFormat }: { order: CheckoutDetails; qrFormat?: QrFormat }) {
  const { messages } = useTexts();
  const partial = order.status === 'partially_paid';
  const due = partial ? order.remainingAmount : order.amount;
  const token = tokenOf(order.currency);
  const link = linkFor(order, due, qrFormat);
  return (
    <PaymentView
      amount={due}
      token={token}
      fiat={partial ? null : { amount: order.fiatAmount, currency: order.fiatCurrency }}
      notes={
        <>
          {partial && (
            <dl className="aurpay-progress">
              <dt>{messages.received}</dt>
              <dd>
                <Amount value={order.paidAmount} currency={token} />
              </dd>
              <dt>{messages.remaining}</dt>
              <dd>
                <Amount value={due} currency={token} />
              </dd>
            </dl>
          )}
          {order.chain && (
            <p className="aurpay-warning" role="note">
              {fill(messages.warning, { token, network: networkOf(order.chain, order.currency) })}
            </p>
          )}
        </>
      }
      qrValue={link?.qrValue}
      code={order.address}
      uri={link?.uri}
      actions={<CopyButton value={due} label={messages.copyAmount}>{messages.copyAmount}</CopyButton>}
      deadline={order.expiresAt}
    />
  );
}
