import fc from 'fast-check';
import type { HeaderValue } from '../http/checkoutRequest.js';

/** `encodeURIComponent` for any string: lone surrogates, which it refuses, become U+FFFD. */
export function encode(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/** Strings that tend to break parsers: empty, huge, unicode, control characters, encodings. */
export const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%00',
    '%E0%A4%A',
    '../..',
    '__proto__',
    'constructor',
    'null',
    '[]',
    '{}',
    '0'.repeat(70),
    'x'.repeat(5000),
    '\u0000',
    '\uD800',
  ),
  fc.stringMatching(/^[0-9]{18,22}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{20,45}$/),
);

const HEADER_NAMES = [
  'idempotency-key',
  'Idempotency-Key',
  'x-status-token',
  'X-Status-Token',
  'last-event-id',
  'callback-token',
  'Callback-Token',
  'date',
  'Date',
  'signature',
  'content-type',
  'host',
  'x-forwarded-host',
];

export const headerValue: fc.Arbitrary<HeaderValue> = fc.oneof(
  nastyString,
  fc.array(nastyString, { maxLength: 3 }),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

export const headers = fc.dictionary(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 20 })), headerValue, { maxKeys: 6 });

/** Bodies for POST /orders: anything JSON, and near-valid choices with odd extra fields. */
export const orderBody = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.record(
    {
      kind: fc.oneof(fc.constantFrom('crypto', 'lightning', 'CRYPTO', ''), nastyString, fc.integer()),
      chain: fc.oneof(fc.constantFrom('ETH', 'BTC', 'BLN', 'TRX', 'eth'), nastyString, fc.jsonValue()),
      currency: fc.oneof(fc.constantFrom('USDT-ERC20', 'BTC', 'BTC-LN', 'USDC-TRC20', 'DOGE'), nastyString, fc.jsonValue()),
      price: fc.jsonValue(),
      amount: fc.jsonValue(),
      address: fc.jsonValue(),
      __proto__: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

/** A query string of odd parameters, sometimes repeated. */
export const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('token', 'ref', 'event', 'order_id'), fc.string({ maxLength: 8 })), nastyString), {
    maxLength: 4,
  })
  .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));

export const method = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'get', 'post'),
  fc.string({ maxLength: 10 }),
);

export const path = fc.oneof(
  fc.constantFrom('/currencies', '/orders', '/callback', '/orders/1', '/orders/1/events', '/', ''),
  fc
    .array(fc.oneof(fc.constantFrom('orders', 'events', 'callback', 'currencies', '..', '', '%2F'), nastyString.map(encode)), {
      maxLength: 4,
    })
    .map((parts) => `/${parts.join('/')}`),
  nastyString,
);
