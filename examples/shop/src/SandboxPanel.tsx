import { currencyInfo, fromBaseUnits, toBaseUnits } from '@aurpay-kit/core';
import type { CheckoutDetails } from '@aurpay-kit/react';
import { useState } from 'react';

/** Half of what is still due, in whole base units of the currency. */
function half(order: CheckoutDetails): string {
  const { decimals } = currencyInfo(order.currency);
  return fromBaseUnits(toBaseUnits(order.remainingAmount, decimals) / 2n, decimals);
}

/**
 * Development only (sandbox mode): stands in for the buyer's wallet and the clock by telling the
 * sandbox, through the shop's `/api/sandbox` route, to pay or expire the order on screen.
 */
export function SandboxPanel({ order }: { order: CheckoutDetails | null }) {
  const [problem, setProblem] = useState<string | null>(null);
  const payable = order?.status === 'awaiting_payment' || order?.status === 'partially_paid';
  const act = async (action: 'pay' | 'expire', amount?: string) => {
    if (!order) return;
    setProblem(null);
    const response = await fetch(`/api/sandbox/orders/${order.orderId}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(amount ? { amount } : {}),
    }).catch(() => null);
    if (!response?.ok) setProblem('The sandbox did not answer.');
  };
  return (
    <section className="sandbox" aria-label="Sandbox controls" data-order-id={order?.orderId ?? ''}>
      <h2>Sandbox · development only</h2>
      <p>{order ? `Order ${order.orderId}` : 'No order yet.'}</p>
      <div className="row">
        {order?.kind !== 'lightning' && (
          <button type="button" className="button" disabled={!payable} onClick={() => order && act('pay', half(order))}>
            Pay half
          </button>
        )}
        <button type="button" className="button" disabled={!payable} onClick={() => act('pay')}>
          {order?.status === 'partially_paid' ? 'Pay the rest' : 'Pay in full'}
        </button>
        <button type="button" className="button" disabled={!payable} onClick={() => act('expire')}>
          Expire
        </button>
      </div>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
