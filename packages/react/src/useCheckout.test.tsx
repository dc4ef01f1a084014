import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Amount } from './Amount.js';
import { QRCode } from './QRCode.js';
import { Status } from './Status.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { START, cryptoOrder } from '@aurpay-kit/testing/checkout';
import { advance, renderCheckout } from './test-utils/renderCheckout.js';
import type { UseCheckoutOptions } from './useCheckout.js';
import { useCheckout } from './useCheckout.js';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A shop's own layout over the headless hook and the parts. */
function CustomCheckout(props: UseCheckoutOptions) {
  const checkout = useCheckout(props);
  const { order } = checkout;
  return (
    <section data-state={checkout.phase}>
      <Status phase={checkout.phase} />
      {checkout.currencies?.map((c) => (
        <button key={c.currency} type="button" onClick={() => checkout.choose(c)}>
          Pay in {c.currency}
        </button>
      ))}
      {order && <Amount value={order.remainingAmount} currency={order.currency} />}
      {order?.qrValue && <QRCode value={order.qrValue} label="Scan" />}
      {checkout.phase === 'expired' && (
        <button type="button" onClick={checkout.reset}>
          Again
        </button>
      )}
    </section>
  );
}

describe('useCheckout()', () => {
  it('drives a custom layout through choose, payment and reset', async () => {
    const onStatusChange = vi.fn();
    const { server, user, container } = renderCheckout(<CustomCheckout onStatusChange={onStatusChange} />);
    const section = () => container.querySelector('section')!;
    expect(section().dataset.state).toBe('loading');
    await advance();
    expect(section().dataset.state).toBe('idle');
    await user.click(screen.getByRole('button', { name: 'Pay in USDT-ERC20' }));
    await advance();
    expect(section().dataset.state).toBe('awaiting_payment');
    expect(screen.getByText('18.0098 USDT-ERC20')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Scan' })).toBeTruthy();
    server.set(server.last().orderId, 'partially_paid', { paidAmount: '10', remainingAmount: '8.0098' });
    await advance(2000);
    expect(screen.getByText('8.0098 USDT-ERC20')).toBeTruthy();
    server.set(server.last().orderId, 'expired');
    await advance(2000);
    await user.click(screen.getByRole('button', { name: 'Again' }));
    await advance();
    expect(section().dataset.state).toBe('idle');
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['awaiting_payment', 'partially_paid', 'expired']);
  });

  it('creates a Lightning order by itself, and nothing when create is false', async () => {
    const { server } = renderCheckout(<CustomCheckout kind="lightning" />);
    await advance();
    expect(server.requests[0]?.body).toEqual({ kind: 'lightning' });
    cleanup();
    const quiet = renderCheckout(<CustomCheckout kind="lightning" create={false} />);
    await advance(10_000);
    expect(quiet.server.requests).toHaveLength(0);
  });

  it('reads orderFields when it creates the order, not when it mounted', async () => {
    const { server, user, rerender } = renderCheckout(<CustomCheckout orderFields={{ cartId: 'old' }} />);
    rerender(<CustomCheckout orderFields={{ cartId: 'new' }} />);
    await advance();
    await user.click(screen.getByRole('button', { name: 'Pay in USDT-ERC20' }));
    await advance();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ cartId: 'new' });
  });
});

describe('useCheckout() following its props', () => {
  const section = (container: HTMLElement) => container.querySelector('section')!;

  it('creates the order at once when a currency is fixed while the buyer chooses', async () => {
    const { server, container, rerender } = renderCheckout(<CustomCheckout orderFields={{ cartId: 'c1' }} />);
    await advance();
    expect(screen.getByRole('button', { name: 'Pay in BTC' })).toBeTruthy();
    rerender(<CustomCheckout chain="TRX" currency="USDT-TRC20" orderFields={{ cartId: 'c1' }} />);
    await advance();
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { cartId: 'c1', kind: 'crypto', chain: 'TRX', currency: 'USDT-TRC20' },
    ]);
    expect(section(container).dataset.state).toBe('awaiting_payment');
  });

  it('starts creating when create turns true', async () => {
    const { server, rerender } = renderCheckout(<CustomCheckout kind="lightning" create={false} />);
    await advance(10_000);
    expect(server.requests).toHaveLength(0);
    rerender(<CustomCheckout kind="lightning" />);
    await advance();
    expect(server.count('POST', '/orders')).toBe(1);
  });

  it('never replaces an order it made: a new currency serves the next order', async () => {
    const { server, container, user, rerender } = renderCheckout(<CustomCheckout chain="BTC" currency="BTC" />);
    await advance();
    const first = server.last();
    rerender(<CustomCheckout chain="ETH" currency="USDT-ERC20" />);
    await advance(4000);
    expect(server.count('POST', '/orders')).toBe(1);
    expect(section(container).dataset.state).toBe('awaiting_payment');
    server.set(first.orderId, 'expired');
    await advance(2000);
    await user.click(screen.getByRole('button', { name: 'Again' }));
    await advance();
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { kind: 'crypto', chain: 'BTC', currency: 'BTC' },
      { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' },
    ]);
  });

  it('shows another given order in place of the first, with its events', async () => {
    const server = fakeCheckoutServer();
    const a = server.add(cryptoOrder({ orderId: '71000000000000000001', statusToken: 'token-a' }));
    const b = server.add(cryptoOrder({ orderId: '71000000000000000002', statusToken: 'token-b' }));
    server.set(b.orderId, 'partially_paid', { paidAmount: '0.001', remainingAmount: '0.00025' });
    const onStatusChange = vi.fn();
    const { container, rerender } = renderCheckout(<CustomCheckout order={a} onStatusChange={onStatusChange} />, {
      server,
    });
    await advance();
    rerender(<CustomCheckout orderId={b.orderId} statusToken={b.statusToken} onStatusChange={onStatusChange} />);
    await advance();
    expect(section(container).dataset.state).toBe('partially_paid');
    expect(screen.getByText('0.00025 BTC')).toBeTruthy();
    expect(onStatusChange.mock.calls.map(([status, order]) => `${status} ${order.orderId}`)).toEqual([
      `awaiting_payment ${a.orderId}`,
      `partially_paid ${b.orderId}`,
    ]);
    expect(server.count('POST')).toBe(0);
  });
});
