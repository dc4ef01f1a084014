import type { Product } from './shopApi.js';

/** A product's picture: its initials on its colours (the example ships no image files). */
export function ProductArt({ product, size = 'small' }: { product: Product; size?: 'small' | 'large' }) {
  const [from, to] = product.colors;
  const initials = product.name
    .split(' ')
    .map((word) => word[0])
    .join('')
    .slice(0, 2);
  return (
    <div className={`art art-${size}`} style={{ background: `linear-gradient(135deg, ${from}, ${to})` }} aria-hidden="true">
      {initials}
    </div>
  );
}
