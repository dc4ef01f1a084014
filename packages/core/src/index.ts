export * from './checkoutView.js';
export * from './errors.js';
export * from './orderStatus.js';
export * from './wire.js';
