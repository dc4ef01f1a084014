import { describe, expect, it } from 'vitest';

import { GatewayError } from '../http/gatewayError.js';
import { paginate, readPaging } from './paging.js';

describe('readPaging', () => {
  it('defaults to page 1 of 10', () => {
    expect(readPaging(new URLSearchParams())).toEqual({ page: 1, size: 10 });
  });

  it.each(['size=0', 'size=101', 'page=0', 'page=-1', 'size=1.5', 'page=x'])('rejects %s', (query) => {
    expect(() => readPaging(new URLSearchParams(query))).toThrow(GatewayError);
  });
});

describe('paginate', () => {
  it('pages like Aurpay: 43 items in tens is 5 pages', () => {
    const items = Array.from({ length: 43 }, (_, i) => i);
    const page = paginate(items, { page: 5, size: 10 });
    expect(page).toEqual({ page: 5, size: 10, total: 43, max_page: 5, data: [40, 41, 42] });
    expect(paginate(items, { page: 6, size: 10 }).data).toEqual([]);
    expect(paginate([], { page: 1, size: 10 }).max_page).toBe(0);
  });
});
