import type { Cart } from '../server/cartStore.js';
import type { Product } from '../server/catalog.js';

export type { Cart, Product };

export interface ShopInfo {
  currency: string;
  /** True when payments go to the local sandbox: the page then shows its controls. */
  sandbox: boolean;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`/api${path}`, init);
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || body === null) throw new Error(body?.error?.message ?? `The shop answered HTTP ${response.status}.`);
  return body;
}

/** The shop's own API (server/shopRoutes.ts). Payments go through `<AurpayProvider endpoint="/api/pay">`. */
export const shopApi = {
  info: () => call<ShopInfo>('/config'),
  products: () => call<Product[]>('/products'),
  cart: (id: string) => call<Cart>(`/carts/${encodeURIComponent(id)}`),
  /** Saves what the buyer wants; the server prices it from its catalogue. */
  createCart: (items: { productId: string; quantity: number }[]) =>
    call<Cart>('/carts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items }),
    }),
};
