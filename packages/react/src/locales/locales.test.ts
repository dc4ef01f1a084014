import { describe, expect, it } from 'vitest';
import { enMessages } from '../enMessages.js';
import * as locales from './index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the shipped languages', () => {
  it('are at least fifteen besides English, Arabic and Hebrew among them', () => {
    expect(Object.keys(locales).length).toBeGreaterThanOrEqual(17);
    expect(locales).toHaveProperty('arMessages');
    expect(locales).toHaveProperty('heMessages');
  });

  it.each(Object.entries(locales))('%s has every text, with the same placeholders as English', (_name, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(enMessages).sort());
    for (const [key, english] of Object.entries(enMessages)) {
      const text = messages[key as keyof typeof enMessages];
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(english));
    }
  });

  it('writes Arabic and Hebrew right to left, and the others left to right', () => {
    for (const [name, messages] of Object.entries(locales)) {
      expect(messages.dir, name).toBe(['arMessages', 'heMessages'].includes(name) ? 'rtl' : 'ltr');
    }
  });
});
