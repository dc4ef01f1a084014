import { AurpayKitError } from '@aurpay-kit/core';
import { useContext } from 'react';
import type { AurpayConfig } from './context.js';
import { AurpayContext } from './context.js';

/**
 * The nearest `<AurpayProvider>`'s settings. Throws, with what to do, outside one.
 *
 * @example const { endpoint, locale } = useAurpay();
 */
export function useAurpay(): AurpayConfig {
  const config = useContext(AurpayContext);
  if (!config) {
    throw new AurpayKitError('provider_missing', 'useAurpay: wrap your checkout components in <AurpayProvider endpoint="/api/pay">.');
  }
  return config;
}
