export * from './checkoutOrders.js';
export * from './fakeCheckoutServer.js';
