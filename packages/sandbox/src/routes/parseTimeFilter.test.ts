import { describe, expect, it } from 'vitest';

import { parseTimeFilter } from './parseTimeFilter.js';

describe('parseTimeFilter', () => {
  it.each([
    ['2024-06-13T09:36:14', Date.UTC(2024, 5, 13, 9, 36, 14)],
    ['2024-06-13T09:36:14Z', Date.UTC(2024, 5, 13, 9, 36, 14)],
    ['2024-06-13T11:36:14+02:00', Date.UTC(2024, 5, 13, 9, 36, 14)],
    ['2024-06-13', Date.UTC(2024, 5, 13)],
    ['1718271374', 1718271374000],
  ])('reads %s', (text, ms) => {
    expect(parseTimeFilter('st', text)).toBe(ms);
  });

  it.each(['yesterday', '2024-13-01', '13/06/2024'])('rejects %s', (text) => {
    expect(() => parseTimeFilter('et', text)).toThrow(/et must be a time/);
  });
});
