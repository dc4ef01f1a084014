export * from './checkoutHandlers.js';
export * from './checkoutHttpError.js';
export * from './checkoutOptions.js';
export * from './checkoutRequest.js';
export * from './memoryStore.js';
export * from './orderStore.js';
export * from './statusToken.js';
