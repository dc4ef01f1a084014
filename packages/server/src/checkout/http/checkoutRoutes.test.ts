import { describe, expect, it } from 'vitest';
import { matchCheckoutRoute } from './checkoutRoutes.js';

describe('matchCheckoutRoute', () => {
  it('names each route and its order id, with or without a trailing slash', () => {
    expect(matchCheckoutRoute('GET', '/currencies')).toEqual({ name: 'currencies' });
    expect(matchCheckoutRoute('post', '/orders/')).toEqual({ name: 'createOrder' });
    expect(matchCheckoutRoute('GET', '/orders/2024%2D1')).toEqual({ name: 'orderStatus', orderId: '2024-1' });
    expect(matchCheckoutRoute('GET', '/orders/1/events')).toEqual({ name: 'orderEvents', orderId: '1' });
    expect(matchCheckoutRoute('GET', '/callback')).toEqual({ name: 'callback' });
    expect(matchCheckoutRoute('POST', '/callback')).toEqual({ name: 'callback' });
  });

  it('answers 404 for unknown paths, 405 with Allow for wrong methods, 400 for bad encoding', () => {
    for (const path of ['', '/', '/orders/1/2', '//currencies', '/CURRENCIES', '/orders//events']) {
      expect(() => matchCheckoutRoute('GET', path)).toThrow(expect.objectContaining({ status: 404, code: 'route_not_found' }));
    }
    expect(() => matchCheckoutRoute('PUT', '/callback')).toThrow(expect.objectContaining({ status: 405, headers: { Allow: 'GET, POST' } }));
    expect(() => matchCheckoutRoute('__proto__', '/orders')).toThrow(expect.objectContaining({ status: 405 }));
    expect(() => matchCheckoutRoute('GET', '/orders/%E0%A4%A')).toThrow(expect.objectContaining({ status: 400, code: 'order_id_invalid' }));
  });
});
