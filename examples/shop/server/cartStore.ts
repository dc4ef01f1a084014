export interface CartLine {
  productId: string;
  name: string;
  unitPrice: string;
  quantity: number;
  lineTotal: string;
}

/** What the shop records when a cart's payment is confirmed. */
export interface Fulfilment {
  orderId: string;
  /** What the buyer sent, e.g. `0.00029134` `BTC`. */
  paid: { amount: string; currency: string };
  fulfilledAt: string;
}

/** A priced snapshot of what the buyer wants: the server's prices, never the browser's. */
export interface Cart {
  id: string;
  lines: CartLine[];
  total: string;
  currency: string;
  fulfilment: Fulfilment | null;
}

/**
 * Where the shop keeps its carts: `MemoryCartStore` in one process, `RedisCartStore` shared by
 * several. A real shop keeps them in its database.
 */
export interface CartStore {
  /** Prices `items` from the catalogue and keeps the cart; rejects with a `CartError` on bad input. */
  create(items: unknown): Promise<Cart>;
  /** The cart with its fulfilment, or undefined when there is no such cart. */
  get(id: string): Promise<Cart | undefined>;
  /** Records the payment once: true for exactly one call per cart, false when unknown or done. */
  fulfil(id: string, fulfilment: Fulfilment): Promise<boolean>;
}
