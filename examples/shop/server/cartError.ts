/** A cart the shop cannot price: an unknown product, a bad quantity. Answered as 400. */
export class CartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CartError';
  }
}
