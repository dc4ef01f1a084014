import type { Store } from 'mipd';
import { createStore } from 'mipd';
import { useMemo, useSyncExternalStore } from 'react';
import type { Eip1193Provider } from './payWithEvm.js';

/** An EVM wallet the page can pay with. */
export interface EvmWallet {
  /** EIP-6963's `uuid`, or `injected` for `window.ethereum`. */
  id: string;
  name: string;
  /** A data URI of the wallet's icon (EIP-6963), or null. */
  icon: string | null;
  provider: Eip1193Provider;
}

const NONE: readonly never[] = [];
// One EIP-6963 store for the page: wallets announce themselves to the window once, whoever asks.
let store: Store | undefined;
const walletStore = () => (store ??= createStore());
const subscribe = (listener: () => void) => walletStore().subscribe(listener);
const announced = () => walletStore().getProviders();
const injected = () => (window as { ethereum?: Eip1193Provider }).ethereum;

/**
 * Forgets the wallets announced so far and asks the page's wallets to announce themselves again
 * (a wallet installed or removed since, a test's fake wallets).
 *
 * @example refreshEvmWallets();
 */
export function refreshEvmWallets(): void {
  walletStore().reset();
}

/**
 * The injected EVM wallets: those that announce themselves with EIP-6963 (through `mipd`), or,
 * when none does, `window.ethereum`. Empty on the server and while hydrating; follows wallets
 * that announce themselves later.
 *
 * @example const wallets = useEvmWallets(); // [{ name: 'MetaMask', provider, … }]
 */
export function useEvmWallets(): readonly EvmWallet[] {
  const details = useSyncExternalStore(subscribe, announced, () => NONE);
  const fallback = useSyncExternalStore(subscribe, injected, () => undefined);
  return useMemo(() => {
    if (details.length)
      return details.map(({ info, provider }) => ({
        id: info.uuid,
        name: info.name,
        icon: info.icon || null,
        provider: provider as Eip1193Provider,
      }));
    return fallback ? [{ id: 'injected', name: '', icon: null, provider: fallback }] : NONE;
  }, [details, fallback]);
}
