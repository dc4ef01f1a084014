import type { CheckoutOrder } from '@aurpay-kit/core';
import { AurpayProvider } from '../AurpayProvider.js';
import { CheckoutDialog } from '../CheckoutDialog.js';
import { CryptoCheckout } from '../CryptoCheckout.js';
import { LightningInvoice } from '../LightningInvoice.js';
import { INVOICE } from '@aurpay-kit/testing/checkout';

/** A page with every component in the states a server can render. */
export function SsrPage({ order, fetch }: { order: CheckoutOrder; fetch: typeof globalThis.fetch }) {
  return (
    <AurpayProvider endpoint="/api/pay" fetch={fetch} eventSource={null}>
      <main>
        <CryptoCheckout order={order} />
        <CryptoCheckout chain="ETH" currency="USDT-ERC20" />
        <CryptoCheckout />
        <LightningInvoice paymentRequest={INVOICE} />
        <CheckoutDialog trigger={<button type="button">Pay</button>}>
          <LightningInvoice />
        </CheckoutDialog>
      </main>
    </AurpayProvider>
  );
}
