import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58check, bech32, hex } from '@scure/base';

/** The Bitcoin-family network the sandbox pretends to run on. */
export type SandboxNetwork = 'mainnet' | 'testnet' | 'regtest';

const BECH32_PREFIXES: Readonly<Record<'BTC' | 'LTC', Record<SandboxNetwork, string>>> = {
  BTC: { mainnet: 'bc', testnet: 'tb', regtest: 'bcrt' },
  LTC: { mainnet: 'ltc', testnet: 'tltc', regtest: 'rltc' },
};
const TRON_PREFIX = 0x41;
const tronCoder = base58check(sha256);

/**
 * An address of the right format for `chain`, made from 20 bytes (a key hash): P2WPKH bech32 for
 * BTC (`bc1q…`, `tb1q…`, `bcrt1q…`) and LTC (`ltc1q…`…), EIP-55 checksummed `0x…` for ETH and BSC,
 * base58check `T…` for TRX.
 *
 * @example chainAddress('BTC', 'testnet', new Uint8Array(20)) // 'tb1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq…'
 */
export function chainAddress(chain: string, network: SandboxNetwork, keyHash: Uint8Array): string {
  if (keyHash.length !== 20) throw new Error('an address needs a 20-byte key hash');
  switch (chain) {
    case 'BTC':
    case 'LTC':
      return bech32.encode(BECH32_PREFIXES[chain][network], [0, ...bech32.toWords(keyHash)]);
    case 'ETH':
    case 'BSC':
      return toChecksumAddress(keyHash);
    case 'TRX':
      return tronCoder.encode(Uint8Array.of(TRON_PREFIX, ...keyHash));
    default:
      throw new Error(`No address format for chain ${chain}`);
  }
}

/**
 * The deposit address of an order: derived from the sandbox seed, the chain and the order id, so
 * the same sandbox seed always gives an order the same address.
 *
 * @example depositAddress('ETH', 'testnet', 'seed', '20240613093614690315')
 */
export function depositAddress(chain: string, network: SandboxNetwork, seed: string, orderId: string): string {
  const keyHash = sha256(new TextEncoder().encode(`aurpay-sandbox/address/${seed}/${chain}/${orderId}`)).slice(0, 20);
  return chainAddress(chain, network, keyHash);
}

/**
 * EIP-55 mixed-case checksum encoding of a 20-byte address.
 *
 * @example toChecksumAddress(hex.decode('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')) // '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
 */
export function toChecksumAddress(bytes: Uint8Array): string {
  const lower = hex.encode(bytes);
  const digest = hex.encode(keccak_256(new TextEncoder().encode(lower)));
  let out = '0x';
  for (let i = 0; i < lower.length; i += 1) {
    const char = lower.charAt(i);
    out += parseInt(digest.charAt(i), 16) >= 8 ? char.toUpperCase() : char;
  }
  return out;
}
