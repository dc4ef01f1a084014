/** Something the shop sells, priced in the shop's currency as a decimal string (never a float). */
export interface Product {
  id: string;
  name: string;
  description: string;
  price: string;
  /** The tile's two colours. */
  colors: readonly [string, string];
}

/** What `priceFor` quotes in, and Aurpay converts from. */
export const SHOP_CURRENCY = 'USD';

/** The shop's own catalogue: the only place a price comes from. */
export const CATALOGUE: readonly Product[] = [
  {
    id: 'genesis-print',
    name: 'Genesis Block Print',
    description: 'A risograph print of block 0’s header, 30 × 40 cm, on heavy cotton paper.',
    price: '32.00',
    colors: ['#1d3b8f', '#9db4ff'],
  },
  {
    id: 'hash-rate-socks',
    name: 'Hash Rate Socks',
    description: 'Merino socks knitted with a difficulty chart that only goes up.',
    price: '14.50',
    colors: ['#7a2e8e', '#f0b4ff'],
  },
  {
    id: 'channel-opener',
    name: 'Channel Opener',
    description: 'A brass bottle opener shaped like a Lightning bolt. Opens channels, and bottles.',
    price: '9.75',
    colors: ['#8a5a00', '#ffd98a'],
  },
];

/**
 * The product with this id, if the shop sells it.
 *
 * @example findProduct('hash-rate-socks')?.price // '14.50'
 */
export function findProduct(id: unknown): Product | undefined {
  return CATALOGUE.find((product) => product.id === id);
}
