export * from './createCheckoutRouter.js';
