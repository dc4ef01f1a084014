'use client';

import { useEffect, useState } from 'react';

/**
 * In sandbox mode only: buttons that stand in for the buyer's wallet and the clock, for the order
 * in the checkout above. Nothing is shown when payments go to Aurpay.
 */
export function SandboxPanel({ orderId }: { orderId: string | null }) {
  const [sandbox, setSandbox] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    fetch('/api/sandbox')
      .then((res) => res.json() as Promise<{ sandbox: boolean }>)
      .then((answer) => current && setSandbox(answer.sandbox === true))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  if (!sandbox) return null;

  const act = async (action: 'pay' | 'expire') => {
    setProblem(null);
    const res = await fetch(`/api/sandbox/orders/${orderId}/${action}`, { method: 'POST' }).catch(() => null);
    if (res?.ok !== true) setProblem(`The sandbox could not ${action} this order.`);
  };
  return (
    <section className="sandbox" aria-label="Sandbox controls">
      <p>Sandbox · development only</p>
      <button type="button" className="button" disabled={orderId === null} onClick={() => void act('pay')}>
        Pay in full
      </button>
      <button type="button" className="button" disabled={orderId === null} onClick={() => void act('expire')}>
        Expire
      </button>
      {problem !== null && <p role="alert">{problem}</p>}
    </section>
  );
}
