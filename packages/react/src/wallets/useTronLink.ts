import { useSyncExternalStore } from 'react';
import type { TronLinkLike, TronWebLike } from './payWithTronLink.js';

interface TronWindow {
  tronLink?: TronLinkLike;
  tronWeb?: TronWebLike;
}

// TronLink injects itself after the page loads and says so with this event.
const subscribe = (listener: () => void) => {
  window.addEventListener('tronLink#initialized', listener);
  return () => window.removeEventListener('tronLink#initialized', listener);
};
const tronLink = () => (window as TronWindow).tronLink;
const tronWeb = () => (window as TronWindow).tronWeb;

/**
 * TronLink, where the page has it (`window.tronLink`, or an older `window.tronWeb`); undefined
 * on the server and while hydrating.
 *
 * @example const { tronLink, tronWeb } = useTronLink();
 */
export function useTronLink(): { tronLink: TronLinkLike | undefined; tronWeb: TronWebLike | undefined } {
  return {
    tronLink: useSyncExternalStore(subscribe, tronLink, () => undefined),
    tronWeb: useSyncExternalStore(subscribe, tronWeb, () => undefined),
  };
}
