import type { EventSourceConstructor, ExplorerTemplates } from '@aurpay-kit/core';
import { OrderSubscriptionCache } from '@aurpay-kit/core';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import type { AurpayAppearance } from './appearanceStyle.js';
import { appearanceStyle } from './appearanceStyle.js';
import type { AurpayTheme, WalletsLoader } from './context.js';
import { AurpayContext } from './context.js';
import type { AurpayMessages } from './enMessages.js';
import { enMessages } from './enMessages.js';
import type { WalletMessages } from './wallets/walletMessages.js';

export interface AurpayProviderProps {
  /** Where `createCheckoutRouter` is mounted, e.g. `/api/pay`. */
  endpoint: string;
  /** A BCP 47 tag for numbers and times, e.g. `de-DE`; the browser's language by default. */
  locale?: string;
  /** Texts over the English defaults: a whole locale such as `esMessages` (from `@aurpay-kit/react/messages`), or a few keys, the wallet buttons' (`walletMessages`) too. */
  messages?: Partial<AurpayMessages & WalletMessages>;
  /** `auto` follows the system's colour scheme. Default `auto`. */
  theme?: AurpayTheme;
  /** Colours, radius and fonts, for both themes and (`dark`) the dark one; CSS variables do the same. */
  appearance?: AurpayAppearance;
  /** Block explorer transaction pages per chain, `{hash}` for the hash, over the defaults; `null` turns one off. */
  explorers?: ExplorerTemplates;
  /** Used for every request to the endpoint, e.g. to add headers. */
  fetch?: typeof fetch;
  /** Live status transport: the global EventSource by default, `null` to poll only. */
  eventSource?: EventSourceConstructor | null;
  /** Milliseconds between status polls when polling. Default 2000. */
  pollIntervalMs?: number;
  /**
   * Wallet buttons (EVM, TronLink, WebLN, Nostr Wallet Connect) beside the QR code, loaded when a
   * payment is shown: `const wallets = () => import('@aurpay-kit/react/wallets')` at module level.
   */
  wallets?: WalletsLoader;
  children?: ReactNode;
}

/**
 * Tells the checkout components where the server routes are and how to look and speak, and holds
 * their live status connections.
 *
 * @example
 * <AurpayProvider endpoint="/api/pay" locale="de" messages={deMessages} theme="dark">
 *   <CryptoCheckout chain="ETH" currency="USDT-ERC20" onSuccess={showThanks} />
 * </AurpayProvider>
 */
export function AurpayProvider({
  endpoint,
  locale,
  messages,
  theme = 'auto',
  appearance,
  explorers,
  fetch,
  eventSource,
  pollIntervalMs,
  wallets,
  children,
}: AurpayProviderProps) {
  // Created once: components under this provider watching one order with one token share one
  // connection, and nothing leaks to or from another provider.
  const [subscriptions] = useState(() => new OrderSubscriptionCache());
  const value = useMemo(
    () => ({
      endpoint,
      locale,
      messages: { ...enMessages, ...messages },
      theme,
      style: appearanceStyle(appearance),
      explorers,
      fetch,
      EventSource: eventSource,
      pollIntervalMs,
      subscriptions,
      wallets,
    }),
    [endpoint, locale, messages, theme, appearance, explorers, fetch, eventSource, pollIntervalMs, subscriptions, wallets],
  );
  return <AurpayContext.Provider value={value}>{children}</AurpayContext.Provider>;
}
