import { cleanup, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AurpayProvider } from './AurpayProvider.js';
import { CryptoCheckout } from './CryptoCheckout.js';
import { enMessages } from './enMessages.js';
import { deMessages } from './locales/index.js';
import * as publicApi from './index.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { cryptoOrder } from '@aurpay-kit/testing/checkout';
import { useAurpay } from './useAurpay.js';

afterEach(() => {
  cleanup();
});

describe('<AurpayProvider> and useAurpay()', () => {
  it('tells a developer who forgot the provider what to do', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useAurpay())).toThrow(/wrap your checkout components in <AurpayProvider/);
    expect(() => render(<CryptoCheckout chain="BTC" currency="BTC" />)).toThrow(/<AurpayProvider/);
  });

  it('gives its settings, with English under the messages it is given', () => {
    const fetch = vi.fn() as unknown as typeof globalThis.fetch;
    const { result } = renderHook(() => useAurpay(), {
      wrapper: ({ children }) => (
        <AurpayProvider endpoint="/api/pay" locale="es" messages={{ retry: 'Otra vez' }} theme="dark" fetch={fetch}>
          {children}
        </AurpayProvider>
      ),
    });
    expect(result.current).toMatchObject({ endpoint: '/api/pay', locale: 'es', theme: 'dark', fetch });
    expect(result.current.messages).toEqual({ ...enMessages, retry: 'Otra vez' });
  });

  it('renders a checkout in the chosen language, theme and locale', () => {
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '41000000000000000001', amount: '1234.5', remainingAmount: '1234.5' }));
    const { container } = render(
      <AurpayProvider endpoint="/api/pay" locale="de-DE" messages={deMessages} theme="dark" fetch={server.fetch}>
        <CryptoCheckout order={order} />
      </AurpayProvider>,
    );
    const root = container.querySelector<HTMLElement>('.aurpay-checkout')!;
    expect(root.dataset.theme).toBe('dark');
    expect(root.querySelector('.aurpay-heading')?.textContent).toBe('Warte auf Zahlung');
    expect(screen.getByText('1.234,5 BTC')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Adresse kopieren' })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toBe('Nur BTC über Bitcoin senden: alles andere kann verloren gehen.');
  });
});

describe('the public API', () => {
  it('exports named things only, and these', () => {
    expect(Object.keys(publicApi).sort()).toEqual([
      'Address',
      'Amount',
      'AurpayProvider',
      'CheckoutDialog',
      'CopyButton',
      'Countdown',
      'CryptoCheckout',
      'CurrencyLogo',
      'LightningInvoice',
      'QRCode',
      'Receipt',
      'Status',
      'enMessages',
      'useAurpay',
      'useCheckout',
      'useOrderStatus',
    ]);
  });

  it('ships the other languages apart, in @aurpay-kit/react/messages, so an app pays only for the ones it imports', async () => {
    const messages = await import('./messages.js');
    expect(Object.keys(messages).sort()).toEqual(
      ['ar', 'de', 'en', 'es', 'fr', 'he', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'tr', 'uk', 'vi', 'zh'].map(
        (code) => `${code}Messages`,
      ),
    );
  });

  it('names every component for React DevTools', () => {
    const components = [
      'Address',
      'Amount',
      'CheckoutDialog',
      'CopyButton',
      'Countdown',
      'CryptoCheckout',
      'CurrencyLogo',
      'LightningInvoice',
      'QRCode',
      'Receipt',
      'Status',
    ] as const;
    for (const name of components) expect(publicApi[name].displayName).toBe(name);
  });
});
