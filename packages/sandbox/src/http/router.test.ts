import { describe, expect, it } from 'vitest';

import { okReply } from './envelope.js';
import { matchRoute, type Route } from './router.js';

const handle = () => okReply(null);
const routes: Route[] = [
  { method: 'GET', pattern: '/api/v2/order/', auth: 'merchant', handle },
  { method: 'GET', pattern: '/api/v2/order/detail/:order_id', auth: 'merchant', handle },
  { method: 'POST', pattern: '/api/v2/order/refund/:order_id', auth: 'merchant', handle },
];

describe('matchRoute', () => {
  it('matches literal and parameter segments, trailing slash optional', () => {
    expect(matchRoute(routes, 'GET', '/api/v2/order')).toMatchObject({ route: routes[0], params: {} });
    expect(matchRoute(routes, 'GET', '/api/v2/order/')).toMatchObject({ route: routes[0] });
    expect(matchRoute(routes, 'GET', '/api/v2/order/detail/2024%2001')).toMatchObject({
      route: routes[1],
      params: { order_id: '2024 01' },
    });
  });

  it('keeps undecodable segments as sent', () => {
    expect(matchRoute(routes, 'GET', '/api/v2/order/detail/%E0%A4%A')).toMatchObject({ params: { order_id: '%E0%A4%A' } });
  });

  it('reports the methods a path takes when only the method is wrong', () => {
    expect(matchRoute(routes, 'GET', '/api/v2/order/refund/1')).toEqual({ allowed: ['POST'] });
    expect(matchRoute(routes, 'GET', '/api/v2/order/detail/')).toEqual({ allowed: [] });
    expect(matchRoute(routes, 'GET', '/api/v2/order/detail/1/extra')).toEqual({ allowed: [] });
  });
});
