/** Transaction pages per Aurpay chain code, `{hash}` standing for the transaction hash. */
export type ExplorerTemplates = Partial<Record<string, string | null>>;

/**
 * The block explorers the kit links a transaction to by default: mempool.space for Bitcoin,
 * litecoinspace.org for Litecoin, Etherscan, BscScan and Tronscan. Lightning payments have none.
 */
export const DEFAULT_EXPLORERS: Readonly<Record<string, string>> = Object.freeze({
  BTC: 'https://mempool.space/tx/{hash}',
  LTC: 'https://litecoinspace.org/tx/{hash}',
  ETH: 'https://etherscan.io/tx/{hash}',
  BSC: 'https://bscscan.com/tx/{hash}',
  TRX: 'https://tronscan.org/#/transaction/{hash}',
});

// A 32-byte hash as every supported chain writes it: hex, 0x-prefixed on EVM chains.
const TX_HASH = /^(0x)?[0-9a-fA-F]{64}$/;

/**
 * The explorer page of a transaction, from `templates` over the defaults (a template of `null`
 * turns a chain's links off). Null for a chain without an explorer, or a hash that is not one.
 *
 * @example explorerUrl('BTC', 'f4184fc5…9e16') // 'https://mempool.space/tx/f4184fc5…9e16'
 * @example explorerUrl('BTC', hash, { BTC: 'https://mempool.space/testnet4/tx/{hash}' })
 */
export function explorerUrl(chain: string, hash: string, templates: ExplorerTemplates = {}): string | null {
  const from = Object.hasOwn(templates, chain) ? templates : DEFAULT_EXPLORERS;
  const template = Object.hasOwn(from, chain) ? from[chain] : null;
  if (typeof template !== 'string' || typeof hash !== 'string' || !TX_HASH.test(hash)) return null;
  return template.replace('{hash}', hash);
}
