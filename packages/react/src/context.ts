import type { CheckoutPhase, EventSourceConstructor, OrderSubscriptionCache } from '@aurpay-kit/core';
import { createContext, useContext } from 'react';
import type { AurpayMessages } from './enMessages.js';
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
  fetch: typeof fetch | undefined;
  /** The EventSource used for live status; `null` polls only; the global one when undefined. */
  EventSource: EventSourceConstructor | null | undefined;
  /** Milliseconds between status polls when polling. */
  pollIntervalMs: number | undefined;
  /** The provider's status connections, shared by its components and by no other provider's. */
  subscriptions: OrderSubscriptionCache;
}

export const AurpayContext = createContext<AurpayConfig | null>(null);
AurpayContext.displayName = 'AurpayContext';

const DEFAULTS = { locale: undefined, messages: enMessages, theme: 'auto' } as const;

/** Texts, locale and theme for the parts, which also work outside a provider (in English). */
export function useTexts(): Pick<AurpayConfig, 'locale' | 'messages' | 'theme'> {
  return useContext(AurpayContext) ?? DEFAULTS;
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
