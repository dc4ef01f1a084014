import { Link } from './Link.js';
import { money } from './money.js';
import { ProductArt } from './ProductArt.js';
import type { Product } from './shopApi.js';

/** The home page: everything the shop sells. */
export function ProductList({ products }: { products: Product[] }) {
  return (
    <>
      <section className="hero">
        <h1>Goods for people who run their own node</h1>
        <p>Pay with Bitcoin, Lightning, Ethereum, stablecoins and more. No account, no card.</p>
      </section>
      <ul className="grid">
        {products.map((product) => (
          <li key={product.id} className="card">
            <Link href={`/products/${product.id}`} className="card-link">
              <ProductArt product={product} />
              <span className="card-name">{product.name}</span>
              <span className="card-price">{money(product.price, 'USD')}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
