import { addAmounts, currencyInfo, fromBaseUnits, toBaseUnits } from '@aurpay-kit/core';
import type { CheckoutDetails } from '@aurpay-kit/react';
import { useState } from 'react';

/** A share of what is still due, in whole base units of the currency: `2n` is a half. */
function share(order: CheckoutDetails, divisor: bigint): string {
  const { decimals } = currencyInfo(order.currency);
  return fromBaseUnits(toBaseUnits(order.remainingAmount, decimals) / divisor, decimals);
}

type Action = 'pay' | 'detect' | 'expire';

/**
 * Development only (sandbox mode): stands in for the buyer's wallet, the network and the clock by
 * telling the sandbox, through the shop's `/api/sandbox` route, to see a transaction on its way
 * (and confirm it once), pay the order (in part, in full or too much) or expire it.
 */
export function SandboxPanel({ order }: { order: CheckoutDetails | null }) {
  const [problem, setProblem] = useState<string | null>(null);
  const status = order?.status;
  const payable = status === 'awaiting_payment' || status === 'partially_paid' || status === 'detected' || status === 'confirming';
  const onChain = order?.kind !== 'lightning';
  const act = async (action: Action, body: Record<string, unknown> = {}) => {
    if (!order) return;
    setProblem(null);
    const response = await fetch(`/api/sandbox/orders/${order.orderId}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => null);
    if (!response?.ok) {
      // The shop's own errors nest the message; the sandbox's control API gives it at the top.
      const answer = (await response?.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
      setProblem(answer?.error?.message ?? answer?.message ?? 'The sandbox did not answer.');
    }
  };
  const button = (name: string, run: () => void) => (
    <button type="button" className="button" disabled={!payable} onClick={run}>
      {name}
    </button>
  );
  return (
    <section className="sandbox" aria-label="Sandbox controls" data-order-id={order?.orderId ?? ''}>
      <h2>Sandbox · development only</h2>
      <p>{order ? `Order ${order.orderId} · ${order.status}` : 'No order yet.'}</p>
      <div className="row">
        {onChain && button('Detect', () => act('detect'))}
        {onChain && button('Confirm once', () => act('detect', { confirmations: 1 }))}
        {onChain && order && button('Pay half', () => act('pay', { amount: share(order, 2n) }))}
        {button(status === 'partially_paid' ? 'Pay the rest' : 'Pay in full', () => act('pay'))}
        {onChain && order && button('Overpay', () => act('pay', { amount: addAmounts(order.remainingAmount, share(order, 10n)) }))}
        {button('Expire', () => act('expire'))}
      </div>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
