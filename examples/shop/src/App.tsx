import { AurpayProvider } from '@aurpay-kit/react';
import { useEffect, useState } from 'react';
import { useBasket } from './basket.js';
import { CartPage } from './CartPage.js';
import { Link } from './Link.js';
import { usePath } from './navigation.js';
import { ProductList } from './ProductList.js';
import { ProductPage } from './ProductPage.js';
import { ReceiptPage } from './ReceiptPage.js';
import type { Product, ShopInfo } from './shopApi.js';
import { shopApi } from './shopApi.js';

// The wallet buttons load only when a payment is on screen: the first paint carries none of them.
const wallets = () => import('@aurpay-kit/react/wallets');

function Page({ path, products, info }: { path: string; products: Product[]; info: ShopInfo }) {
  const product = /^\/products\/([^/]+)$/.exec(path);
  const receipt = /^\/receipt\/([^/]+)$/.exec(path);
  if (path === '/') return <ProductList products={products} />;
  if (path === '/cart') return <CartPage products={products} sandbox={info.sandbox} />;
  if (receipt?.[1]) return <ReceiptPage cartId={decodeURIComponent(receipt[1])} />;
  const found = product && products.find((p) => p.id === product[1]);
  if (found) return <ProductPage product={found} />;
  return (
    <section className="empty">
      <h1>Nothing here</h1>
      <Link href="/" className="button primary">
        Back to the shop
      </Link>
    </section>
  );
}

/**
 * The shop: one `<AurpayProvider>` around everything, pointing at the server's payment routes.
 * Light or dark as the buyer's system is (`theme="auto"`, and the shop's own colours likewise).
 */
export function App() {
  const path = usePath();
  const { basket } = useBasket();
  const [data, setData] = useState<{ products: Product[]; info: ShopInfo } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([shopApi.products(), shopApi.info()]).then(
      ([products, info]) => setData({ products, info }),
      (error: Error) => setProblem(error.message),
    );
  }, []);
  const count = Object.values(basket).reduce((sum, quantity) => sum + quantity, 0);

  return (
    <AurpayProvider endpoint="/api/pay" theme="auto" locale="en-US" wallets={wallets}>
      <header className="header">
        <Link href="/" className="brand">
          Block &amp; Bolt
        </Link>
        {data?.info.sandbox && <span className="badge">Sandbox</span>}
        <Link href="/cart" className="cart-link">
          Cart{count > 0 ? ` (${count})` : ''}
        </Link>
      </header>
      <main className="main">
        {problem && <p role="alert">The shop could not load: {problem}</p>}
        {data && <Page path={path} products={data.products} info={data.info} />}
      </main>
    </AurpayProvider>
  );
}
