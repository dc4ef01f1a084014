import type { CheckoutStatus } from '@aurpay-kit/core';
import { useEffect, useState } from 'react';
import type { CheckoutDetails, CryptoCheckoutProps } from '../../src/index.js';
import { AurpayProvider, CryptoCheckout } from '../../src/index.js';
import { SandboxControls } from './SandboxControls.js';
import { storyLocale } from './storyLocales.js';

export interface LiveCheckoutProps extends CryptoCheckoutProps {
  /** Where `createCheckoutRouter` is mounted. */
  endpoint: string;
  /** The sandbox control API, or the shop's route that proxies to it. */
  controlUrl: string;
  /** The example shop's cart route: its `priceFor` prices orders from a cart. Null: no cart needed. */
  cartUrl: string | null;
  /** The story's toolbar globals: `theme` and `locale`. */
  globals: Record<string, unknown>;
}

type Cart = { fields: Record<string, unknown> } | { problem: string } | null;

/** Saves a one-mug cart in the example shop, whose checkout prices orders from carts. */
function useShopCart(cartUrl: string | null): Cart {
  const [cart, setCart] = useState<Cart>(cartUrl ? null : { fields: {} });
  useEffect(() => {
    if (!cartUrl) return;
    const request = new AbortController();
    fetch(cartUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: [{ productId: 'lightning-mug', quantity: 1 }] }),
      signal: request.signal,
    })
      .then((response) => (response.ok ? (response.json() as Promise<{ id: string }>) : Promise.reject(new Error())))
      .then(
        ({ id }) => setCart({ fields: { cartId: id } }),
        () => request.signal.aborted || setCart({ problem: 'The example shop is not answering: run `pnpm start`, then reload.' }),
      );
    return () => request.abort();
  }, [cartUrl]);
  return cart;
}

/** A `<CryptoCheckout>` against a real checkout router and sandbox, with the sandbox's controls beside it. */
export function LiveCheckout({ endpoint, controlUrl, cartUrl, globals, onStatusChange, ...props }: LiveCheckoutProps) {
  const [order, setOrder] = useState<CheckoutDetails | null>(null);
  const cart = useShopCart(cartUrl);
  const { tag, messages } = storyLocale(globals.locale);
  const theme = globals.theme === 'dark' ? 'dark' : 'light';
  const follow = (status: CheckoutStatus, latest: CheckoutDetails) => {
    setOrder(latest);
    onStatusChange?.(status, latest);
  };
  if (!cart || 'problem' in cart) return <p className="story-controls">{cart?.problem ?? 'Connecting to the shop…'}</p>;
  return (
    <AurpayProvider endpoint={endpoint} theme={theme} locale={tag} messages={messages}>
      <div className="story-live">
        <CryptoCheckout {...props} orderFields={cart.fields} onStatusChange={follow} />
        <SandboxControls controlUrl={controlUrl} order={order} />
      </div>
    </AurpayProvider>
  );
}
