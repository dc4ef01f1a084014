/** A setting the shop cannot start with; the message names the variable and what to do. */
export class ShopConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShopConfigError';
  }
}
