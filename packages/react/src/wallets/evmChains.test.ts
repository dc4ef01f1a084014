import { bsc, mainnet } from 'viem/chains';
import { describe, expect, it } from 'vitest';
import { CURRENCIES } from '@aurpay-kit/core';
import { EVM_CHAINS } from './evmChains.js';

describe('EVM_CHAINS', () => {
  it.each([mainnet, bsc])("is viem's definition of $name", (chain) => {
    expect(EVM_CHAINS[chain.id]).toEqual({
      id: chain.id,
      name: chain.name,
      nativeCurrency: chain.nativeCurrency,
      rpcUrls: chain.rpcUrls.default.http,
      blockExplorerUrls: [chain.blockExplorers.default.url],
    });
  });

  it('covers every chain id of the currency table', () => {
    const ids = new Set(CURRENCIES.map((c) => c.chainId).filter((id) => id !== null));
    expect([...ids].sort()).toEqual(Object.keys(EVM_CHAINS).map(Number).sort());
  });
});
