// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Axe checks contrast in Chromium on every story; this reads the theme's default colours (the
// fallbacks of its custom properties) from styles.css and checks the WCAG ratios of every pair
// the stylesheet uses, whatever a story happens to show.
const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

function block(selector: string, from = 0): string {
  const start = css.indexOf(`${selector} {`, from);
  if (start < 0) throw new Error(`no block ${selector}`);
  return css.slice(start, css.indexOf('}', start));
}

function colours(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/--_([\w-]+):[^;]*?(#[0-9a-f]{6})\)*;/gi)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const light = colours(block('.aurpay'));
const dark = colours(block('.aurpay[data-theme="dark"]'));
const auto = colours(block('.aurpay[data-theme="auto"]', css.indexOf('@media (prefers-color-scheme: dark)')));

// [text, background] as styles.css pairs them.
const TEXT_PAIRS = [
  ['fg', 'bg'],
  ['muted', 'bg'],
  ['fg', 'surface'],
  ['muted', 'surface'],
  ['success', 'bg'],
  ['success', 'surface'],
  ['danger', 'bg'],
  ['warning-fg', 'warning-bg'],
  ['accent-fg', 'accent'],
  ['accent', 'bg'],
  ['accent', 'surface'],
] as const;

describe('styles.css contrast', () => {
  it('reads the colours it checks', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(ratio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(ratio('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(Object.keys(light).length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
  });

  it('uses the dark colours for theme="auto" in a dark system', () => {
    expect(auto).toEqual(dark);
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('%s: every text pair reaches 4.5:1 and focus rings 3:1', (_, theme) => {
    for (const [text, background] of TEXT_PAIRS) {
      expect(ratio(theme[text]!, theme[background]!), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(ratio(theme.accent!, theme.bg!), 'focus ring').toBeGreaterThanOrEqual(3);
  });
});

describe('styles.css variables', () => {
  it('never declares the public --aurpay-* names, so a value set on :root or any ancestor wins in every theme', () => {
    expect(css).not.toMatch(/^\s*--aurpay-[\w-]+\s*:/m);
  });

  it('reads each public name in the dark themes too, after its --aurpay-dark-* form', () => {
    for (const name of Object.keys(light)) {
      expect(block('.aurpay[data-theme="dark"]')).toContain(`var(--aurpay-dark-${name}, var(--aurpay-${name},`);
    }
  });
});
