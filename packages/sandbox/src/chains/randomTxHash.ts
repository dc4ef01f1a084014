import { randomBytes } from 'node:crypto';

/**
 * A random transaction hash as the chain writes them: 0x-prefixed on ETH and BSC, bare hex elsewhere.
 *
 * @example randomTxHash('ETH') // '0x…64 hex'
 */
export function randomTxHash(chain: string): string {
  const hash = randomBytes(32).toString('hex');
  return chain === 'ETH' || chain === 'BSC' ? `0x${hash}` : hash;
}
