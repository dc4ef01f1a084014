import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDER_TTL_MS, formatAurpayTime, orderDeadline, parseAurpayTime, toIsoUtc } from './aurpayTime.js';
import { errorCode } from './test-utils/errorCode.js';

const EXAMPLE = Date.UTC(2024, 3, 26, 10, 39, 47);

describe('parseAurpayTime', () => {
  it.each([
    ['2024-04-26T10:39:47', EXAMPLE],
    ['2024-04-26 10:39:47', EXAMPLE],
    ['2024-04-26T10:39:47Z', EXAMPLE],
    ['2024-04-26t10:39:47z', EXAMPLE],
    ['2024-04-26T10:39:47.000Z', EXAMPLE],
    ['2024-04-26T10:39:47.5', EXAMPLE + 500],
    ['2024-04-26T10:39:47.123456789', EXAMPLE + 123],
    ['2024-04-26T12:39:47+02:00', EXAMPLE],
    ['2024-04-26T12:39:47+0200', EXAMPLE],
    ['2024-04-26T05:09:47-05:30', EXAMPLE],
    ['2024-04-26T10:39:47+00:00', EXAMPLE],
    ['2024-02-29T00:00:00', Date.UTC(2024, 1, 29)],
    ['1970-01-01T00:00:00', 0],
  ])('reads %j', (input, expected) => {
    expect(parseAurpayTime(input)).toBe(expected);
  });

  it('reads zone-less Aurpay times as UTC, matching the example invoice timestamp', () => {
    // The testnet BLN example: create_time "2024-04-26T10:39:47", invoice timestamp 1714127987.
    expect(parseAurpayTime('2024-04-26T10:39:47')).toBe(1_714_127_987_000);
  });

  it.each([
    [''],
    ['2024-04-26'],
    ['2024-04-26T10:39'],
    ['2024-4-26T10:39:47'],
    ['26/04/2024 10:39:47'],
    [' 2024-04-26T10:39:47'],
    ['2024-04-26T10:39:47 '],
    ['2024-04-26T10:39:47.'],
    ['2024-04-26T10:39:47+2'],
    ['2024-04-26T10:39:47 UTC'],
    ['2023-02-29T00:00:00'],
    ['2024-04-31T00:00:00'],
    ['2024-13-01T00:00:00'],
    ['2024-00-10T00:00:00'],
    ['2024-04-26T24:00:00'],
    ['2024-04-26T10:60:00'],
    ['2024-04-26T10:39:60'],
    ['2024-04-26T10:39:47+24:00'],
    ['2024-04-26T10:39:47+01:60'],
    ['1714127987'],
  ])('rejects %j with time_invalid', (input) => {
    expect(errorCode(() => parseAurpayTime(input))).toBe('time_invalid');
  });

  it.each([[null], [undefined], [1714127987000], [new Date(EXAMPLE)]])('rejects the non-string %s', (input) => {
    expect(errorCode(() => parseAurpayTime(input as unknown as string))).toBe('time_invalid');
  });

  it('says what it expected', () => {
    expect(() => parseAurpayTime('yesterday')).toThrow(/Not an Aurpay time: "yesterday"; expected YYYY-MM-DD/);
    expect(() => parseAurpayTime('2024-04-31T00:00:00')).toThrow(/out of range/);
  });
});

describe('toIsoUtc', () => {
  it('writes ISO-8601 UTC with milliseconds', () => {
    expect(toIsoUtc(EXAMPLE)).toBe('2024-04-26T10:39:47.000Z');
    expect(toIsoUtc(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toIsoUtc(EXAMPLE + 7)).toBe('2024-04-26T10:39:47.007Z');
  });

  it('round-trips with parseAurpayTime', () => {
    expect(parseAurpayTime(toIsoUtc(EXAMPLE + 123))).toBe(EXAMPLE + 123);
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [8.64e15 + 1], ['0'], [null]])('rejects %s', (input) => {
    expect(errorCode(() => toIsoUtc(input as number))).toBe('time_invalid');
  });
});

describe('orderDeadline', () => {
  it('is create_time plus 30 minutes by default', () => {
    expect(DEFAULT_ORDER_TTL_MS).toBe(30 * 60 * 1000);
    expect(orderDeadline('2024-04-26T10:39:47')).toBe(EXAMPLE + 1_800_000);
    expect(toIsoUtc(orderDeadline('2024-04-26T10:39:47'))).toBe('2024-04-26T11:09:47.000Z');
  });

  it('takes another lifetime', () => {
    expect(orderDeadline('2024-04-26T10:39:47', 5_000)).toBe(EXAMPLE + 5_000);
    expect(orderDeadline('2024-04-26T10:39:47Z', 0)).toBe(EXAMPLE);
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['1000']])('rejects the lifetime %s', (ttl) => {
    expect(errorCode(() => orderDeadline('2024-04-26T10:39:47', ttl as number))).toBe('ttl_invalid');
  });

  it('rejects a bad create_time', () => {
    expect(errorCode(() => orderDeadline('soon'))).toBe('time_invalid');
  });
});

describe('formatAurpayTime', () => {
  it('writes UTC with whole seconds and no zone, as Aurpay writes and its st/et filters read', () => {
    expect(formatAurpayTime(1714127987999)).toBe('2024-04-26T10:39:47');
    expect(formatAurpayTime(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00');
    expect(parseAurpayTime(formatAurpayTime(1714127987000))).toBe(1714127987000);
  });

  it('refuses what is not a time', () => {
    expect(() => formatAurpayTime(Number.NaN)).toThrow(expect.objectContaining({ code: 'time_invalid' }));
  });
});
