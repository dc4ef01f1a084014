import { act, cleanup, screen } from '@testing-library/react';
import type { Root } from 'react-dom/client';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { START, cryptoOrder } from '@aurpay-kit/testing/checkout';
import { advance } from './test-utils/renderCheckout.js';
import { SsrPage } from './test-utils/ssrTree.js';

let root: Root | undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
  delete (window as { webln?: unknown }).webln;
  cleanup();
  vi.useRealTimers();
});

describe('hydration', () => {
  it('takes over the server’s HTML without a mismatch, then comes alive', async () => {
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '61000000000000000001' }));
    const page = <SsrPage order={order} fetch={server.fetch} />;

    // The server has no window: render there first, as a server would.
    vi.stubGlobal('window', undefined);
    const html = renderToString(page);
    vi.unstubAllGlobals();
    expect(server.requests).toHaveLength(0);

    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    // A browser wallet the server could not know about must not cause a mismatch either.
    Object.assign(window, { webln: { enable: async () => {}, sendPayment: async () => ({}) } });
    const errors = vi.spyOn(console, 'error');
    const recoverable: unknown[] = [];
    await act(async () => {
      root = hydrateRoot(container, page, { onRecoverableError: (error) => recoverable.push(error) });
    });
    await advance();

    expect(errors).not.toHaveBeenCalled();
    expect(recoverable).toEqual([]);
    expect(screen.getAllByRole('timer')[0]!.textContent).toContain('30:00');
    expect(screen.getByRole('button', { name: 'Pay with browser wallet' })).toBeTruthy();
    expect(server.count('POST', '/orders')).toBe(1);
    expect(server.count('GET', '/currencies')).toBe(1);
    const states = [...container.querySelectorAll('.aurpay-checkout')].map((el) => el.getAttribute('data-state'));
    expect(states).toEqual(['awaiting_payment', 'awaiting_payment', 'idle', 'awaiting_payment']);
  });
});
