import { useSyncExternalStore } from 'react';

/** Product id → quantity: what the buyer has put in the basket, kept in this browser. */
export type Basket = Readonly<Record<string, number>>;

const KEY = 'shop-basket';
const listeners = new Set<() => void>();
let current: Basket = read();

function read(): Basket {
  try {
    return JSON.parse(window.localStorage.getItem(KEY) ?? '{}') as Basket;
  } catch {
    return {};
  }
}

function write(next: Basket): void {
  current = next;
  window.localStorage.setItem(KEY, JSON.stringify(next));
  listeners.forEach((listener) => listener());
}

/** The basket, re-rendering on change, and the ways to change it. */
export function useBasket() {
  const basket = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  return {
    basket,
    add: (productId: string) => write({ ...basket, [productId]: Math.min((basket[productId] ?? 0) + 1, 10) }),
    setQuantity: (productId: string, quantity: number) => {
      const { [productId]: _removed, ...rest } = basket;
      write(quantity > 0 ? { ...rest, [productId]: Math.min(quantity, 10) } : rest);
    },
    clear: () => write({}),
  };
}
