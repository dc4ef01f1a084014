// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { CryptoCheckout } from './CryptoCheckout.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { ADDRESSES, cryptoOrder } from '@aurpay-kit/testing/checkout';
import { SsrPage } from './test-utils/ssrTree.js';

describe('server rendering', () => {
  it('renders every component without a window, and without touching the network', () => {
    expect(typeof window).toBe('undefined');
    const server = fakeCheckoutServer();
    const fetch = vi.fn(server.fetch);
    const html = renderToString(<SsrPage order={cryptoOrder()} fetch={fetch as typeof globalThis.fetch} />);
    expect(fetch).not.toHaveBeenCalled();
    expect(html).toContain('data-state="awaiting_payment"');
    expect(html).toContain(ADDRESSES.BTC);
    expect(html).toContain('data-state="loading"');
    // The fixed-currency checkout and the currency choice both start by loading.
    expect(html.match(/data-state="loading" aria-busy="true"/g)).toHaveLength(2);
    expect(html).toContain('0.00125 BTC');
    // An invoice given alone is decoded in the browser: its place is kept meanwhile.
    expect(html).toContain('<div class="aurpay-qr-frame"></div>');
    expect(html).toContain('role="timer"');
    // No clock on the server: the countdown waits for the browser.
    expect(html).toContain('--:--');
    expect(html).toContain('>Pay</button>');
  });

  it('throws the provider hint on the server too', () => {
    expect(() => renderToString(<CryptoCheckout chain="BTC" currency="BTC" />)).toThrow(/<AurpayProvider/);
  });
});
