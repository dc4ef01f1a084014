import { useEffect, useState } from 'react';
import { Link } from './Link.js';
import { money } from './money.js';
import type { Cart } from './shopApi.js';
import { shopApi } from './shopApi.js';

/** Aurpay's currency codes name the network too: `USDT-ERC20` → `USDT (ERC-20)`, `BTC-LN` → `BTC (Lightning)`. */
function currencyLabel(code: string): string {
  const [token, network] = code.split('-');
  if (!network) return code;
  return `${token} (${network === 'LN' ? 'Lightning' : network.replace(/20$/, '-20')})`;
}

/**
 * What the server recorded for the cart. The payment is fulfilled in the server's onPaid, which
 * can land a moment after the browser saw "paid": until then the page asks again, a bounded number of times.
 */
export function ReceiptPage({ cartId }: { cartId: string }) {
  const [cart, setCart] = useState<Cart | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (attempt: number) => {
      try {
        const latest = await shopApi.cart(cartId);
        if (stopped) return;
        setCart(latest);
        if (!latest.fulfilment && attempt < 30) timer = setTimeout(() => void load(attempt + 1), 1000);
      } catch (error) {
        if (!stopped) setProblem((error as Error).message);
      }
    };
    void load(1);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [cartId]);

  if (problem) return <p role="alert">{problem}</p>;
  if (!cart) return <p className="notice">Loading your receipt…</p>;
  const { fulfilment, refundsDue } = cart;
  return (
    <section className="receipt" data-state={fulfilment ? 'fulfilled' : 'pending'}>
      <h1>{fulfilment ? 'Thank you! Your order is on its way.' : 'Confirming your payment…'}</h1>
      <ul className="lines">
        {cart.lines.map((line) => (
          <li key={line.productId} className="line">
            <span>
              {line.quantity} × {line.name}
            </span>
            <span className="line-total">{money(line.lineTotal, cart.currency)}</span>
          </li>
        ))}
      </ul>
      <p className="total">
        Total <strong>{money(cart.total, cart.currency)}</strong>
      </p>
      {fulfilment && (
        <dl className="facts">
          <dt>Paid</dt>
          <dd>
            {fulfilment.paid.amount} {currencyLabel(fulfilment.paid.currency)}
          </dd>
          <dt>Aurpay order</dt>
          <dd className="mono">{fulfilment.orderId}</dd>
          <dt>Fulfilled</dt>
          <dd>{new Date(fulfilment.recordedAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}</dd>
        </dl>
      )}
      {refundsDue.length > 0 && (
        <div className="refund-due" role="status">
          <h2>Paid twice: refund due</h2>
          <p>This cart was paid more than once. We keep every payment on record and will refund these:</p>
          <ul>
            {refundsDue.map((payment) => (
              <li key={payment.orderId}>
                {payment.paid.amount} {currencyLabel(payment.paid.currency)} · Aurpay order <span className="mono">{payment.orderId}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Link href="/" className="button">
        Continue shopping
      </Link>
    </section>
  );
}
