import { describe, expect, it, vi } from 'vitest';
import { RequestError, requestJson } from './requestJson.js';

const answer = (status: number, body: string) => vi.fn(async () => new Response(body, { status }));

describe('requestJson()', () => {
  it('joins the endpoint and the path and answers the JSON body', async () => {
    const fetch = answer(200, '[1]');
    await expect(requestJson({ endpoint: '/api/pay/', fetch }, '/currencies', {})).resolves.toEqual([1]);
    expect(fetch).toHaveBeenCalledWith('/api/pay/currencies', {});
  });

  it('turns an error answer into a RequestError with the router’s code and the HTTP status', async () => {
    const fetch = answer(409, JSON.stringify({ error: { code: 'idempotency_conflict', message: 'Used' } }));
    const error = await requestJson({ endpoint: '/x', fetch }, '/orders', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ code: 'idempotency_conflict', message: 'Used', httpStatus: 409 });
  });

  it('reports an unreachable server and a body that is not JSON', async () => {
    const down = vi.fn(() => Promise.reject(new TypeError('fetch failed')));
    await expect(requestJson({ endpoint: '/x', fetch: down }, '/orders', {})).rejects.toMatchObject({
      code: 'network_error',
      httpStatus: 0,
    });
    await expect(requestJson({ endpoint: '/x', fetch: answer(200, '<html>') }, '/', {})).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('rejects with the abort itself when the caller aborted', async () => {
    const controller = new AbortController();
    const aborted = new DOMException('stop', 'AbortError');
    const fetch = vi.fn(() => (controller.abort(), Promise.reject(aborted)));
    await expect(requestJson({ endpoint: '/x', fetch }, '/', { signal: controller.signal })).rejects.toBe(aborted);
  });
});
