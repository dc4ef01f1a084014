import { CATALOGUE, SHOP_CURRENCY } from '@/lib/catalogue';
import { BuyButtons } from './BuyButtons';

const formatPrice = (amount: string) => `${SHOP_CURRENCY === 'USD' ? '$' : `${SHOP_CURRENCY} `}${amount}`;

/**
 * The shop's front page, a Server Component: the catalogue is read on the server and sent as
 * HTML; only the buy buttons and their checkout run in the browser.
 */
export default function ShopPage() {
  return (
    <main className="main">
      <h1>Things for people who run a node</h1>
      <p className="lead">Pay with Bitcoin, Ethereum tokens, Tron, Litecoin or the Lightning Network.</p>
      <ul className="products">
        {CATALOGUE.map((product) => (
          <li key={product.id}>
            <article className="product" aria-labelledby={`${product.id}-name`}>
              <div
                className="art"
                style={{ background: `linear-gradient(135deg, ${product.colors[0]}, ${product.colors[1]})` }}
                aria-hidden="true"
              />
              <h2 id={`${product.id}-name`}>{product.name}</h2>
              <p>{product.description}</p>
              <p className="price">{formatPrice(product.price)}</p>
              <BuyButtons productId={product.id} productName={product.name} />
            </article>
          </li>
        ))}
      </ul>
    </main>
  );
}
