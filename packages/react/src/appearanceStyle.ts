import type { CSSProperties } from 'react';

/** The theme's variables, by name. Each is also settable in CSS as `--aurpay-<kebab-name>`. */
export interface AurpayColors {
  bg?: string;
  fg?: string;
  muted?: string;
  surface?: string;
  border?: string;
  accent?: string;
  accentFg?: string;
  success?: string;
  danger?: string;
  warningBg?: string;
  warningFg?: string;
  radius?: string;
  font?: string;
  mono?: string;
}

/** The `appearance` prop: variables for both themes, and `dark` ones for the dark theme only. */
export interface AurpayAppearance extends AurpayColors {
  dark?: AurpayColors;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The `appearance` prop as the CSS custom properties the stylesheet reads: `accent` becomes
 * `--aurpay-accent`, `dark.accent` becomes `--aurpay-dark-accent`.
 *
 * @example appearanceStyle({ accent: '#0a7', dark: { accent: '#5fd' } }) // { '--aurpay-accent': '#0a7', '--aurpay-dark-accent': '#5fd' }
 */
export function appearanceStyle(appearance: AurpayAppearance | undefined): CSSProperties | undefined {
  if (!appearance) return undefined;
  const style: Record<string, string> = {};
  const put = (colors: AurpayColors, prefix: string) => {
    for (const [name, value] of Object.entries(colors)) if (typeof value === 'string') style[`--aurpay-${prefix}${kebab(name)}`] = value;
  };
  const { dark, ...both } = appearance;
  put(both, '');
  if (dark) put(dark, 'dark-');
  return style as CSSProperties;
}
