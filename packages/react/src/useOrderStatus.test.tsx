import type { EventSourceLike } from '@aurpay-kit/core';
import { cleanup, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AurpayProvider } from './AurpayProvider.js';
import { CryptoCheckout } from './CryptoCheckout.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { START, cryptoOrder, statusView } from '@aurpay-kit/testing/checkout';
import { advance, renderCheckout } from './test-utils/renderCheckout.js';
import { useOrderStatus } from './useOrderStatus.js';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  listeners: Record<string, ((event: MessageEvent<string>) => void)[]> = {};
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    for (const listener of this.listeners[type] ?? []) listener({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
}

function StatusProbe({ orderId, token }: { orderId: string; token: string }) {
  const { order, error } = useOrderStatus(orderId, token);
  return <output>{error ? `error ${error.code}` : (order?.status ?? 'none')}</output>;
}

describe('useOrderStatus()', () => {
  it('follows an order, and stops on unmount', async () => {
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '51000000000000000001' }));
    const { unmount } = renderCheckout(<StatusProbe orderId={order.orderId} token={order.statusToken} />, { server });
    expect(screen.getByRole('status').textContent).toBe('none');
    await advance();
    expect(screen.getByRole('status').textContent).toBe('awaiting_payment');
    server.set(order.orderId, 'partially_paid');
    await advance(2000);
    expect(screen.getByRole('status').textContent).toBe('partially_paid');
    unmount();
    const count = server.requests.length;
    await advance(30_000);
    expect(server.requests.length).toBe(count);
  });

  it('shares one connection between components watching one order', async () => {
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '51000000000000000002' }));
    renderCheckout(
      <>
        <CryptoCheckout order={order} />
        <StatusProbe orderId={order.orderId} token={order.statusToken} />
        <StatusProbe orderId={order.orderId} token={order.statusToken} />
      </>,
      { server },
    );
    await advance(10_000);
    expect(server.count('GET', `/orders/${order.orderId}`)).toBe(5);
    server.set(order.orderId, 'paid');
    await advance(2000);
    expect(
      screen
        .getAllByRole('status')
        .filter((s) => s.tagName === 'OUTPUT')
        .map((s) => s.textContent),
    ).toEqual(['paid', 'paid']);
  });

  it('watches nothing without an id and a token', async () => {
    const server = fakeCheckoutServer();
    const { result } = renderHook(() => useOrderStatus(null, undefined), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <AurpayProvider endpoint="/api/pay" fetch={server.fetch}>
          {children}
        </AurpayProvider>
      ),
    });
    await advance(10_000);
    expect(result.current).toMatchObject({ order: null, error: null });
    expect(server.requests).toHaveLength(0);
  });

  it('reports a rejected token and retries on demand', async () => {
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '51000000000000000003' }));
    const { result } = renderHook(() => useOrderStatus(order.orderId, 'forged'), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <AurpayProvider endpoint="/api/pay" fetch={server.fetch} eventSource={null}>
          {children}
        </AurpayProvider>
      ),
    });
    await advance(30_000);
    expect(result.current.error?.code).toBe('status_token_invalid');
    expect(server.count('GET')).toBe(1);
    result.current.retry();
    await advance();
    expect(server.count('GET')).toBe(2);
  });
});

describe('status connections owned by the provider', () => {
  it('gives each token its own connection: a forged token never rides on a good one', async () => {
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '51000000000000000004' }));
    renderCheckout(
      <>
        <StatusProbe orderId={order.orderId} token={order.statusToken} />
        <StatusProbe orderId={order.orderId} token="forged" />
        <StatusProbe orderId={order.orderId} token={order.statusToken} />
      </>,
      { server },
    );
    await advance();
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual([
      'awaiting_payment',
      'error status_token_invalid',
      'awaiting_payment',
    ]);
    await advance(4000);
    const tokens = server.requests.map((r) => r.headers['x-status-token']);
    expect(tokens.filter((t) => t === 'forged')).toHaveLength(1);
    expect(tokens.filter((t) => t === order.statusToken)).toHaveLength(3);
  });

  it('shares nothing between two providers: each uses its own fetch and interval', async () => {
    const [one, two] = [fakeCheckoutServer(), fakeCheckoutServer()];
    const order = cryptoOrder({ orderId: '51000000000000000005' });
    one.add(order);
    two.add(order);
    render(
      <>
        <AurpayProvider endpoint="/api/pay" fetch={one.fetch} eventSource={null}>
          <StatusProbe orderId={order.orderId} token={order.statusToken} />
        </AurpayProvider>
        <AurpayProvider endpoint="/api/pay" fetch={two.fetch} eventSource={null} pollIntervalMs={1000}>
          <StatusProbe orderId={order.orderId} token={order.statusToken} />
        </AurpayProvider>
      </>,
    );
    await advance();
    two.set(order.orderId, 'paid');
    await advance(1000);
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual(['awaiting_payment', 'paid']);
    expect([one.count('GET'), two.count('GET')]).toEqual([1, 2]);
  });
});

describe('live status over server-sent events', () => {
  it('listens to the event stream instead of polling', async () => {
    FakeEventSource.opened = [];
    const onSuccess = vi.fn();
    const { server, container } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" onSuccess={onSuccess} />, {
      provider: { eventSource: FakeEventSource },
    });
    await advance();
    const order = server.last();
    const [source] = FakeEventSource.opened;
    expect(source?.url).toBe(`/api/pay/orders/${order.orderId}/events?token=${order.statusToken}`);
    server.set(order.orderId, 'paid');
    source!.emit('status', statusView(server.orders.get(order.orderId)!));
    await advance(10_000);
    expect(container.querySelector('.aurpay-checkout')?.getAttribute('data-state')).toBe('paid');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(server.count('GET')).toBe(0);
    expect(source!.closed).toBe(true);
  });

  it('falls back to polling when the stream fails', async () => {
    FakeEventSource.opened = [];
    const { server } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />, {
      provider: { eventSource: FakeEventSource },
    });
    await advance();
    FakeEventSource.opened[0]!.emit('error', null);
    await advance();
    expect(server.count('GET')).toBe(1);
    await advance(2000);
    expect(server.count('GET')).toBe(2);
  });
});
