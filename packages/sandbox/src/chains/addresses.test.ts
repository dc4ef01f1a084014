import { sha256 } from '@noble/hashes/sha2.js';
import { base58check, bech32, hex } from '@scure/base';
import { describe, expect, it } from 'vitest';

import { chainAddress, depositAddress, toChecksumAddress } from './addresses.js';

const keyHash = hex.decode('751e76e8199196d454941c45d1b3a323f1433bd6');

describe('chainAddress', () => {
  it('writes BIP-173 P2WPKH addresses per network', () => {
    // BIP-173's own test vector for this key hash.
    expect(chainAddress('BTC', 'mainnet', keyHash)).toBe('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
    expect(chainAddress('BTC', 'testnet', keyHash)).toBe('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx');
    expect(chainAddress('BTC', 'regtest', keyHash).startsWith('bcrt1q')).toBe(true);
  });

  it('writes Litecoin bech32 addresses with a valid checksum', () => {
    const address = chainAddress('LTC', 'mainnet', keyHash);
    expect(address.startsWith('ltc1q')).toBe(true);
    const decoded = bech32.decode(address as `${string}1${string}`);
    expect(decoded.prefix).toBe('ltc');
    expect(hex.encode(bech32.fromWords(decoded.words.slice(1)))).toBe(hex.encode(keyHash));
  });

  it('writes EIP-55 checksummed addresses for ETH and BSC', () => {
    // EIP-55's test vectors.
    expect(toChecksumAddress(hex.decode('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'))).toBe('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
    expect(toChecksumAddress(hex.decode('fb6916095ca1df60bb79ce92ce3ea74c37c5d359'))).toBe('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359');
    expect(chainAddress('BSC', 'testnet', keyHash)).toBe(chainAddress('ETH', 'mainnet', keyHash));
  });

  it('writes TRON base58check addresses starting with T', () => {
    const address = chainAddress('TRX', 'mainnet', keyHash);
    expect(address).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    const payload = base58check(sha256).decode(address);
    expect(payload[0]).toBe(0x41);
    expect(hex.encode(payload.slice(1))).toBe(hex.encode(keyHash));
  });

  it('refuses unknown chains and wrong key sizes', () => {
    expect(() => chainAddress('DOGE', 'mainnet', keyHash)).toThrow(/No address format/);
    expect(() => chainAddress('BTC', 'mainnet', new Uint8Array(19))).toThrow(/20-byte/);
  });
});

describe('depositAddress', () => {
  it('is deterministic per seed and order, and differs between orders and seeds', () => {
    const a = depositAddress('ETH', 'testnet', 'seed', '20240613093614690315');
    expect(depositAddress('ETH', 'testnet', 'seed', '20240613093614690315')).toBe(a);
    expect(depositAddress('ETH', 'testnet', 'seed', '20240613093614690316')).not.toBe(a);
    expect(depositAddress('ETH', 'testnet', 'other', '20240613093614690315')).not.toBe(a);
  });
});
