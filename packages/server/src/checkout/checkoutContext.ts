import type { CheckoutCurrency } from '@aurpay-kit/core';
import type { CurrencyCache } from './currencyCache.js';
import type { HookQueue } from './hookQueue.js';
import type { OrderCache } from './orderCache.js';
import type { OrderRefresher } from './orderRefresher.js';
import type { OrderWatchers } from './orderWatchers.js';
import type { RateLimiter } from './rateLimiter.js';
import type { ResolvedCheckoutOptions } from './resolveCheckoutOptions.js';
import type { StatusApplier } from './statusApplier.js';
import type { StatusTokens } from './statusToken.js';

/** Everything one set of checkout handlers shares. */
export interface CheckoutContext {
  options: ResolvedCheckoutOptions;
  tokens: StatusTokens;
  currencies: CurrencyCache<CheckoutCurrency[]>;
  rateLimiter: RateLimiter | null;
  applier: StatusApplier;
  refresher: OrderRefresher;
  watchers: OrderWatchers;
  hooks: HookQueue;
  /** Recent orders for status views, fed by every write this process hears of. */
  cache: OrderCache;
}
