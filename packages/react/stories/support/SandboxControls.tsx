import { currencyInfo, fromBaseUnits, toBaseUnits } from '@aurpay-kit/core';
import { useState } from 'react';
import type { CheckoutDetails } from '../../src/index.js';

export interface SandboxControlsProps {
  /** The sandbox control API (`…/_sandbox`) or a route proxying to it (the shop's `/api/sandbox`). */
  controlUrl: string;
  order: CheckoutDetails | null;
}

/** Half of what is still due, in whole base units, so the order becomes partially paid. */
function half(order: CheckoutDetails): string {
  const { decimals } = currencyInfo(order.currency);
  return fromBaseUnits(toBaseUnits(order.remainingAmount, decimals) / 2n, decimals);
}

/** Buttons that tell the sandbox to pay part of the order, pay the rest, or let it expire. */
export function SandboxControls({ controlUrl, order }: SandboxControlsProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const open = order !== null && (order.status === 'awaiting_payment' || order.status === 'partially_paid');
  const send =
    (action: 'pay' | 'expire', body: object = {}) =>
    async () => {
      if (!order) return;
      setFailure(null);
      const response = await fetch(`${controlUrl}/orders/${order.orderId}/${action}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).catch(() => null);
      if (!response?.ok) setFailure(`The sandbox did not ${action} order ${order.orderId}. Is \`pnpm start\` running?`);
    };
  return (
    <section className="story-controls" aria-label="Sandbox controls">
      <p>{order ? `Sandbox order ${order.orderId}` : 'Pick a currency to create a sandbox order.'}</p>
      <button
        type="button"
        disabled={!open || order?.kind === 'lightning'}
        onClick={order ? send('pay', { amount: half(order) }) : undefined}
      >
        Pay half
      </button>
      <button type="button" disabled={!open} onClick={send('pay')}>
        Pay in full
      </button>
      <button type="button" disabled={!open} onClick={send('expire')}>
        Expire
      </button>
      {failure && <p role="alert">{failure}</p>}
    </section>
  );
}
