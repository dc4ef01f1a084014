import { describe, expect, it } from 'vitest';

import { FaultBook } from './faultBook.js';
import { GatewayError } from '../http/gatewayError.js';

describe('FaultBook', () => {
  it('applies a fault to the next N matching requests by path prefix and method', () => {
    const faults = new FaultBook();
    faults.add({ path: '/api/v2/order/detail/', method: 'get', kind: 'http500', count: 2 });
    expect(faults.take('POST', '/api/v2/order/detail/1')).toBeUndefined();
    expect(faults.take('GET', '/api/v2/order/')).toBeUndefined();
    expect(faults.take('GET', '/api/v2/order/detail/1')?.kind).toBe('http500');
    expect(faults.take('GET', '/api/v2/order/detail/2')?.remaining).toBe(0);
    expect(faults.take('GET', '/api/v2/order/detail/3')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('takes faults in the order they were added and clears them all', () => {
    const faults = new FaultBook();
    faults.add({ path: '/api/', kind: 'latency', latencyMs: 10 });
    faults.add({ path: '/api/', kind: 'drop' });
    expect(faults.take('GET', '/api/x')?.kind).toBe('latency');
    expect(faults.list().map((f) => f.kind)).toEqual(['drop']);
    expect(faults.clear()).toBe(1);
    expect(faults.take('GET', '/api/x')).toBeUndefined();
  });

  it.each([
    [{ kind: 'drop' }, 'fieldMissing', /path is required/],
    [{ path: 'api', kind: 'drop' }, 'fieldInvalid', /start with/],
    [{ path: '/api' }, 'fieldMissing', /kind is required/],
    [{ path: '/api', kind: 'explode' }, 'fieldInvalid', /kind must be one of/],
    [{ path: '/api', kind: 'drop', count: 0 }, 'fieldInvalid', /count/],
    [{ path: '/api', kind: 'drop', count: '2' }, 'fieldInvalid', /count/],
    [{ path: '/api', kind: 'latency' }, 'fieldMissing', /latencyMs is required/],
    [{ path: '/api', kind: 'latency', latencyMs: 60_001 }, 'fieldInvalid', /latencyMs/],
    [{ path: '/api', kind: 'aurpay_error' }, 'fieldMissing', /code/],
    [{ path: '/api', kind: 'aurpay_error', code: 0 }, 'fieldInvalid', /code/],
    [{ path: '/api', kind: 'aurpay_error', code: 40005, message: 5 }, 'fieldInvalid', /message/],
  ])('rejects %j', (body, code, message) => {
    const faults = new FaultBook();
    const run = () => faults.add(body as Record<string, unknown>);
    expect(run).toThrow(GatewayError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as GatewayError).code).toBe(code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    }
  });
});
