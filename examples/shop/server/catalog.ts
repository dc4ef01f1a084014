/** Something the shop sells. Prices are decimal strings in the shop's currency, never floats. */
export interface Product {
  id: string;
  name: string;
  description: string;
  price: string;
  /** Two colours for the product's tile. */
  colors: [string, string];
}

/** The shop's fiat currency: what `priceFor` quotes and Aurpay converts from. */
export const SHOP_CURRENCY = 'USD';

export const CATALOG: readonly Product[] = [
  {
    id: 'lightning-mug',
    name: 'Lightning Mug',
    description: 'Stoneware, 350 ml, with a bolt glazed on by hand. Keeps coffee hot through a block or two.',
    price: '12.50',
    colors: ['#3b2fd6', '#a99fff'],
  },
  {
    id: 'node-tee',
    name: 'Full Node Tee',
    description: 'Heavy organic cotton, printed with the genesis block header. Runs 24/7.',
    price: '24.00',
    colors: ['#11703e', '#7fd6a4'],
  },
  {
    id: 'seed-plate',
    name: 'Steel Seed Plate',
    description: 'Stamp your 24 words into stainless steel. Fire-, flood- and coffee-proof.',
    price: '39.90',
    colors: ['#3a3e49', '#c3c8d4'],
  },
  {
    id: 'sticker-pack',
    name: 'Sticker Pack',
    description: 'Twelve vinyl stickers: QR codes, bolts and a tiny block explorer.',
    price: '4.25',
    colors: ['#b3261e', '#ffb4a9'],
  },
];

/** The product with this id, if the shop sells it. */
export function findProduct(id: unknown): Product | undefined {
  return CATALOG.find((product) => product.id === id);
}
