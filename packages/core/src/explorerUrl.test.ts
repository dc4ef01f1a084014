import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORERS, explorerUrl } from './explorerUrl.js';

const hex = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';

describe('explorerUrl', () => {
  it.each([
    ['BTC', hex, `https://mempool.space/tx/${hex}`],
    ['LTC', hex, `https://litecoinspace.org/tx/${hex}`],
    ['ETH', `0x${hex}`, `https://etherscan.io/tx/0x${hex}`],
    ['BSC', `0x${hex}`, `https://bscscan.com/tx/0x${hex}`],
    ['TRX', hex, `https://tronscan.org/#/transaction/${hex}`],
  ])('links a %s transaction to its default explorer', (chain, hash, url) => {
    expect(explorerUrl(chain, hash)).toBe(url);
  });

  it('takes templates over the defaults, and null turns a chain off', () => {
    expect(explorerUrl('BTC', hex, { BTC: 'https://mempool.space/testnet4/tx/{hash}' })).toBe(`https://mempool.space/testnet4/tx/${hex}`);
    expect(explorerUrl('BTC', hex, { BTC: null })).toBeNull();
    expect(explorerUrl('ETH', `0x${hex}`, { BTC: null })).toBe(`https://etherscan.io/tx/0x${hex}`);
  });

  it.each([
    ['BLN', hex],
    ['BTC', 'abc'],
    ['BTC', `${hex}"><script>`],
    ['BTC', 42 as unknown as string],
    ['toString', hex],
  ])('gives no link for %s %j', (chain, hash) => {
    expect(explorerUrl(chain, hash)).toBeNull();
  });

  it('has a default for every on-chain network the kit knows', () => {
    expect(Object.keys(DEFAULT_EXPLORERS).sort()).toEqual(['BSC', 'BTC', 'ETH', 'LTC', 'TRX']);
  });
});
