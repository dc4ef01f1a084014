import { AurpayKitError } from '@aurpay-kit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeComponent, pathWithQuery } from './pathWithQuery.js';

describe('pathWithQuery', () => {
  it('keeps insertion order and skips undefined and null', () => {
    expect(pathWithQuery('/api/v2/order/', { size: 10, page: 1, status: undefined, chain: null, currency: 'BTC' })).toBe(
      '/api/v2/order/?size=10&page=1&currency=BTC',
    );
    expect(pathWithQuery('/api/v2/order/', { page: 1, size: 10 })).toBe('/api/v2/order/?page=1&size=10');
  });

  it('returns the bare path without a query or with nothing in it', () => {
    expect(pathWithQuery('/api/bln/balance')).toBe('/api/bln/balance');
    expect(pathWithQuery('/api/bln/balance', { a: undefined })).toBe('/api/bln/balance');
  });

  it('encodes strictly, so a URL parser sends exactly what was signed', () => {
    const path = pathWithQuery('/x', { "q's": "a b&c=d/é!*()'~", flag: true });
    expect(path).toBe('/x?q%27s=a%20b%26c%3Dd%2F%C3%A9%21%2A%28%29%27~&flag=true');
    const url = new URL(`https://dashboard.aurpay.net${path}`);
    expect(url.pathname + url.search).toBe(path);
  });

  it('survives URL parsing for any value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: 'grapheme' })), (query) => {
        const path = pathWithQuery('/api/v2/tx', query);
        const url = new URL(`https://dashboard.aurpay.net${path}`);
        expect(url.pathname + url.search).toBe(path);
        expect(Object.fromEntries(url.searchParams)).toEqual(Object.fromEntries(Object.entries(query)));
      }),
    );
  });

  it('rejects values that cannot be a query parameter', () => {
    expect(() => pathWithQuery('/x', { page: Number.NaN })).toThrow(AurpayKitError);
    expect(() => pathWithQuery('/x', { page: Number.POSITIVE_INFINITY })).toThrow(/finite/);
    expect(() => pathWithQuery('/x', { o: {} as unknown as string })).toThrow(/string, number or boolean/);
  });

  it('encodes each reserved character', () => {
    expect(encodeComponent("!'()*")).toBe('%21%27%28%29%2A');
  });
});
