import { optionalFlag, optionalUrl } from './fieldReaders.js';
import type { OrderUrls } from '../orders/sandboxOrder.js';

/**
 * The redirect and callback URLs and flags every order-creating endpoint takes.
 *
 * @example readOrderOptions({ callback_url: 'https://shop.test/cb', enable_post_callback: true })
 */
export function readOrderOptions(body: Record<string, unknown>): { urls: OrderUrls; postCallback: boolean; fixedPrice: boolean } {
  const urls: OrderUrls = {};
  for (const name of ['succeed_url', 'timeout_url', 'callback_url', 'timeout_callback'] as const) {
    const url = optionalUrl(body, name);
    if (url !== undefined) urls[name] = url;
  }
  return {
    urls,
    postCallback: optionalFlag(body, 'enable_post_callback'),
    fixedPrice: optionalFlag(body, 'fixed_encrypt_price'),
  };
}
