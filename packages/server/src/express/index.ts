export * from './createCheckoutRouter.js';
export { CHECKOUT_SERVER_TIMEOUTS, type ServerTimeouts } from './serverTimeouts.js';
export * from './clientAddress.js';
