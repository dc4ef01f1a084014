export * from './createCheckoutFetchHandler.js';
export * from './platformClientAddress.js';
