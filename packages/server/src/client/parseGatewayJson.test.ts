import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGatewayJson, quoteExactNumbers } from './parseGatewayJson.js';

describe('parseGatewayJson', () => {
  it('keeps a bare 20-digit order_id exact', () => {
    const text = '{"code":0,"data":{"order_id": 20240613093614690315,"status":"PENDING"}}';
    // Plain JSON.parse rounds it to the nearest double.
    expect(BigInt(JSON.parse(text).data.order_id)).not.toBe(20240613093614690315n);
    expect(parseGatewayJson(text)).toEqual({ code: 0, data: { order_id: '20240613093614690315', status: 'PENDING' } });
  });

  it('reads money as its exact source text, nested and in lists', () => {
    const text = '{"data":{"amount":18.0098,"vs_price":18,"list":[{"fee":0.2,"obtained":1e-7,"balance":-0.5,"network_fee":0.3530}]}}';
    expect(parseGatewayJson(text)).toEqual({
      data: { amount: '18.0098', vs_price: '18', list: [{ fee: '0.2', obtained: '1e-7', balance: '-0.5', network_fee: '0.3530' }] },
    });
  });

  it('leaves other numbers, strings that look like numbers, and escapes alone', () => {
    const text = '{"page":1,"max_page":5,"code":40004,"message":"order_id: 20240613093614690315, \\"amount\\": 5","x":[1,2.5,-3]}';
    expect(parseGatewayJson(text)).toEqual({
      page: 1,
      max_page: 5,
      code: 40004,
      message: 'order_id: 20240613093614690315, "amount": 5',
      x: [1, 2.5, -3],
    });
  });

  it('quotes any integer JSON.parse would round, whatever its key', () => {
    expect(parseGatewayJson('{"ref":123456789012345678901,"safe":9007199254740991}')).toEqual({
      ref: '123456789012345678901',
      safe: 9007199254740991,
    });
    expect(parseGatewayJson('[20240613093614690315]')).toEqual(['20240613093614690315']);
  });

  it('handles whitespace between key, colon and value', () => {
    expect(parseGatewayJson('{ "order_id" :\n  20240613093614690315 , "amount"\t: 1.50 }')).toEqual({
      order_id: '20240613093614690315',
      amount: '1.50',
    });
  });

  it('does not touch a value named like a key', () => {
    expect(parseGatewayJson('{"k":"amount","v":1.5,"a":["amount",2.5]}')).toEqual({ k: 'amount', v: 1.5, a: ['amount', 2.5] });
  });

  it('still rejects what is not JSON', () => {
    expect(() => parseGatewayJson('<html>502 Bad Gateway</html>')).toThrow(SyntaxError);
    expect(() => parseGatewayJson('{"code":0,"data":{"order_id":2024')).toThrow(SyntaxError);
    expect(() => parseGatewayJson('{"message":"unterminated')).toThrow(SyntaxError);
    expect(() => parseGatewayJson('')).toThrow(SyntaxError);
    expect(quoteExactNumbers('{"message":"unterminated')).toBe('{"message":"unterminated');
  });

  it('is JSON.parse for JSON without money keys or unsafe integers', () => {
    const keys = /"(order_id|user_id|tx_id|amount|vs_price|price|obtained|fee|network_fee|balance)"/;
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }).filter((v) => {
          const text = JSON.stringify(v);
          return !keys.test(text) && !/\d{16,}/.test(text);
        }),
        (value) => {
          const text = JSON.stringify(value, null, 1);
          expect(parseGatewayJson(text)).toEqual(JSON.parse(text));
        },
      ),
    );
  });
});
