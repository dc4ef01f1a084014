import { describe, expect, it } from 'vitest';

import { RequestStats } from './requestStats.js';

describe('RequestStats', () => {
  it('counts per pattern and in total, and resets', () => {
    const stats = new RequestStats();
    stats.record('GET /api/v2/order/detail/:order_id');
    stats.record('GET /api/v2/order/detail/:order_id');
    stats.record('POST /api/order/pay-info');
    expect(stats.snapshot()).toEqual({
      total: 3,
      requests: { 'GET /api/v2/order/detail/:order_id': 2, 'POST /api/order/pay-info': 1 },
    });
    stats.reset();
    expect(stats.snapshot()).toEqual({ total: 0, requests: {} });
  });
});
