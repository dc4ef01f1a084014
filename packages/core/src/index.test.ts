import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('@aurpay-kit/core exports', () => {
  it('exports exactly this list of runtime values', () => {
    expect(Object.keys(core).sort()).toEqual([
      'AURPAY_BASE_URL',
      'AURPAY_ERROR_CODES',
      'AURPAY_ORDER_STATUSES',
      'AURPAY_PATHS',
      'AmountError',
      'AurpayKitError',
      'CHECKOUT_STATUSES',
      'CURRENCIES',
      'CheckoutObserver',
      'DEFAULT_EXPLORERS',
      'DEFAULT_ORDER_TTL_MS',
      'OrderSubscription',
      'OrderSubscriptionCache',
      'RECONNECT_EVENT',
      'STATUS_EVENT',
      'STATUS_TOKEN_HEADER',
      'STATUS_TOKEN_QUERY',
      'addAmounts',
      'arrangeCurrencies',
      'checkoutStatusFromAurpay',
      'compareAmounts',
      'currencyInfo',
      'decodeInvoice',
      'explorerUrl',
      'findCurrency',
      'formatAurpayTime',
      'fromBaseUnits',
      'initialCheckoutState',
      'isDetectedStatus',
      'isPaidStatus',
      'isTerminalStatus',
      'isZeroAmount',
      'lightningLink',
      'orderDeadline',
      'parseAmount',
      'parseAurpayTime',
      'paymentLink',
      'proportionalAmount',
      'refineCheckoutStatus',
      'remainingAmount',
      'subtractAmounts',
      'toBaseUnits',
      'toExactBaseUnits',
      'toIsoUtc',
      'transition',
    ]);
  });

  it('exports errors that share the AurpayKitError base', () => {
    const error = new core.AmountError('amount_invalid', 'bad');
    expect(error).toBeInstanceOf(core.AurpayKitError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AmountError');
  });
});
