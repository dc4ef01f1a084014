import { describe, expect, it } from 'vitest';
import { acceptedAnswer } from './acceptedAnswer.js';
import type { PayUrl } from './aurpayResults.js';

describe('acceptedAnswer', () => {
  it('is complete when nothing was unreadable, keeping the raw data beside the fields', () => {
    const raw = { pay_url: 'https://x' };
    expect(acceptedAnswer<PayUrl>({ pay_url: 'https://x' }, [], raw)).toEqual({
      pay_url: 'https://x',
      complete: true,
      unreadable: [],
      raw,
    });
  });

  it('lists each unreadable path once, in the order met', () => {
    const answer = acceptedAnswer<PayUrl>({ pay_url: null }, ['data.pay_url', 'result', 'data.pay_url'], 5);
    expect(answer).toEqual({ pay_url: null, complete: false, unreadable: ['data.pay_url', 'result'], raw: 5 });
  });
});
