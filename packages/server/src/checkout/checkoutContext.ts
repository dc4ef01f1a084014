import type { CheckoutCurrency } from '@aurpay-kit/core';
import type { CallbackKeys } from './callbackKeys.js';
import type { CurrencyCache } from './currencyCache.js';
import type { HookQueue } from './fulfilment/hookQueue.js';
import type { OrderCache } from './status/orderCache.js';
import type { OrderRefresher } from './status/orderRefresher.js';
import type { OrderWatchers } from './streams/orderWatchers.js';
import type { CreationLimiter } from './creationLimiter.js';
import type { ResolvedCheckoutOptions } from './resolveCheckoutOptions.js';
import type { StatusApplier } from './status/statusApplier.js';
import type { StatusTokens } from './statusTokens.js';
import type { StreamSlots } from './streams/streamSlots.js';

/** Everything one set of checkout handlers shares. */
export interface CheckoutContext {
  options: ResolvedCheckoutOptions;
  tokens: StatusTokens;
  /** The per-order keys in callback URLs. */
  callbackKeys: CallbackKeys;
  currencies: CurrencyCache<CheckoutCurrency[]>;
  /** Order creations per client; null when `rateLimit` is off. */
  rateLimiter: CreationLimiter | null;
  applier: StatusApplier;
  refresher: OrderRefresher;
  watchers: OrderWatchers;
  hooks: HookQueue;
  /** Recent orders for status views, fed by every write this process hears of. */
  cache: OrderCache;
  /** Open event streams, per client and in total. */
  streams: StreamSlots;
}
