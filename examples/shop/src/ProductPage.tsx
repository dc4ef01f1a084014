import { useState } from 'react';
import { useBasket } from './basket.js';
import { Link } from './Link.js';
import { money } from './money.js';
import { ProductArt } from './ProductArt.js';
import type { Product } from './shopApi.js';

/** One product, with "Add to cart". */
export function ProductPage({ product }: { product: Product }) {
  const { add } = useBasket();
  const [added, setAdded] = useState(false);
  return (
    <article className="product">
      <ProductArt product={product} size="large" />
      <div className="product-text">
        <h1>{product.name}</h1>
        <p className="product-price">{money(product.price, 'USD')}</p>
        <p>{product.description}</p>
        <div className="row">
          <button
            type="button"
            className="button primary"
            onClick={() => {
              add(product.id);
              setAdded(true);
            }}
          >
            Add to cart
          </button>
          {added && (
            <Link href="/cart" className="button">
              Go to cart
            </Link>
          )}
        </div>
        <p className="notice" role="status">
          {added ? `${product.name} is in your cart.` : ''}
        </p>
      </div>
    </article>
  );
}
