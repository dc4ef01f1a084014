import type { CheckoutPhase, EventSourceConstructor, ExplorerTemplates, OrderSubscriptionCache } from '@aurpay-kit/core';
import type { ComponentType, CSSProperties } from 'react';
import { createContext, useContext } from 'react';
import type { AurpayMessages } from './enMessages.js';
import type { WalletPayProps } from './wallets/WalletPay.js';
import { enMessages } from './enMessages.js';

// The contexts the components share, and the small helpers that read them.

export type AurpayTheme = 'light' | 'dark' | 'auto';

/** What `<AurpayProvider>` gives the components below it. */
export interface AurpayConfig {
  /** Where the checkout router is mounted, e.g. `/api/pay`. */
  endpoint: string;
  /** A BCP 47 tag for numbers and times; the browser's language when undefined. */
  locale: string | undefined;
  messages: AurpayMessages;
  theme: AurpayTheme;
  /** The `appearance` prop as CSS custom properties, set on every root. */
  style: CSSProperties | undefined;
  /** Block explorer pages per chain over the defaults (core's `DEFAULT_EXPLORERS`). */
  explorers: ExplorerTemplates | undefined;
  fetch: typeof fetch | undefined;
  /** The EventSource used for live status; `null` polls only; the global one when undefined. */
  EventSource: EventSourceConstructor | null | undefined;
  /** Milliseconds between status polls when polling. */
  pollIntervalMs: number | undefined;
  /** The provider's status connections, shared by its components and by no other provider's. */
  subscriptions: OrderSubscriptionCache;
  /** Loads `@aurpay-kit/react/wallets`, for the wallet buttons; none without it. */
  wallets?: WalletsLoader | undefined;
}

/** `() => import('@aurpay-kit/react/wallets')`, defined once at module level. */
export type WalletsLoader = () => Promise<{ WalletPay: ComponentType<WalletPayProps> }>;

export const AurpayContext = createContext<AurpayConfig | null>(null);
AurpayContext.displayName = 'AurpayContext';

type Texts = Pick<AurpayConfig, 'locale' | 'messages' | 'theme' | 'style' | 'explorers'>;
const DEFAULTS: Texts = { locale: undefined, messages: enMessages, theme: 'auto', style: undefined, explorers: undefined };

/** Texts, locale and look for the parts, which also work outside a provider (in English). */
export function useTexts(): Texts {
  return useContext(AurpayContext) ?? DEFAULTS;
}

/** The attributes every root carries: theme, writing direction and the `appearance` variables. */
export function useRootLook(): { 'data-theme': AurpayTheme; dir: 'ltr' | 'rtl'; style: CSSProperties | undefined } {
  const { theme, messages, style } = useTexts();
  return { 'data-theme': theme, dir: messages.dir === 'rtl' ? 'rtl' : 'ltr', style };
}

/** The phase of the checkout around a part, which the part shows as its `data-state`. */
export const PhaseContext = createContext<CheckoutPhase | undefined>(undefined);
export const usePhase = () => useContext(PhaseContext);

/** Set by `<CheckoutDialog>`: a checkout inside calls it on success so the dialog can close. */
export const DialogSuccessContext = createContext<(() => void) | null>(null);

/** Joins class names, skipping empty ones. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
