/** What `wallet_addEthereumChain` (EIP-3085) needs of a chain. */
export interface EvmChain {
  id: number;
  name: string;
  nativeCurrency: { name: string; symbol: string; decimals: number };
  rpcUrls: string[];
  blockExplorerUrls: string[];
}

/**
 * The chains the currency table pays on, as viem's `viem/chains` defines them (a test holds them
 * equal). Copied rather than imported: that entry brings viem's client into the wallet chunk.
 */
export const EVM_CHAINS: Readonly<Record<number, EvmChain>> = {
  1: {
    id: 1,
    name: 'Ethereum',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: ['https://ethereum.reth.rs/rpc'],
    blockExplorerUrls: ['https://etherscan.io'],
  },
  56: {
    id: 56,
    name: 'BNB Smart Chain',
    nativeCurrency: { name: 'BNB', symbol: 'BNB', decimals: 18 },
    rpcUrls: ['https://56.rpc.thirdweb.com'],
    blockExplorerUrls: ['https://bscscan.com'],
  },
};
