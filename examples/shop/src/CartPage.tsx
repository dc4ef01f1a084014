import { addAmounts, fromBaseUnits, toBaseUnits } from '@aurpay-kit/core';
import { useBasket } from './basket.js';
import { Link } from './Link.js';
import { money } from './money.js';
import { navigate } from './navigation.js';
import { PayDialog } from './PayDialog.js';
import type { Product } from './shopApi.js';

const times = (price: string, quantity: number) => fromBaseUnits(toBaseUnits(price, 2) * BigInt(quantity), 2);

/** The cart: quantities, the total, and the two ways to pay. */
export function CartPage({ products, sandbox }: { products: Product[]; sandbox: boolean }) {
  const { basket, setQuantity, clear } = useBasket();
  const lines = products.filter((product) => basket[product.id]).map((product) => ({ product, quantity: basket[product.id] ?? 0 }));
  // Shown here for the buyer; the server prices the cart again from its own catalogue.
  const total = lines.reduce((sum, { product, quantity }) => addAmounts(sum, times(product.price, quantity)), '0');

  const items = lines.map(({ product, quantity }) => ({ productId: product.id, quantity }));
  const lineItems = lines.map(({ product, quantity }) => ({
    label: product.name,
    quantity,
    amount: times(product.price, quantity),
    currency: 'USD',
  }));
  const paid = (cartId: string) => {
    clear();
    navigate(`/receipt/${cartId}`);
  };

  if (lines.length === 0) {
    return (
      <section className="empty">
        <h1>Your cart is empty</h1>
        <Link href="/" className="button primary">
          Browse the shop
        </Link>
      </section>
    );
  }
  return (
    <section className="cart">
      <h1>Your cart</h1>
      <ul className="lines">
        {lines.map(({ product, quantity }) => (
          <li key={product.id} className="line">
            <Link href={`/products/${product.id}`}>{product.name}</Link>
            <span className="stepper">
              <button type="button" aria-label={`One ${product.name} less`} onClick={() => setQuantity(product.id, quantity - 1)}>
                −
              </button>
              <span aria-label="Quantity">{quantity}</span>
              <button type="button" aria-label={`One ${product.name} more`} onClick={() => setQuantity(product.id, quantity + 1)}>
                +
              </button>
            </span>
            <span className="line-total">{money(times(product.price, quantity), 'USD')}</span>
          </li>
        ))}
      </ul>
      <p className="total">
        Total <strong>{money(total, 'USD')}</strong>
      </p>
      <div className="row pay">
        <PayDialog kind="crypto" items={items} lineItems={lineItems} sandbox={sandbox} onPaid={paid} />
        <PayDialog kind="lightning" items={items} lineItems={lineItems} sandbox={sandbox} onPaid={paid} />
      </div>
    </section>
  );
}
