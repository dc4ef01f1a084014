import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import * as secp from '@noble/secp256k1';
import { bech32 } from '@scure/base';

import type { SandboxNetwork } from '../chains/addresses.js';
import { encodeInvoiceAmount } from './bolt11Amount.js';

/** What a sandbox invoice says. */
export interface Bolt11Fields {
  network: SandboxNetwork;
  /** Amount in BTC; null for an any-amount invoice. */
  amountBtc: string | null;
  /** Creation time, unix seconds. */
  timestamp: number;
  /** 32 bytes: sha256 of the preimage. */
  paymentHash: Uint8Array;
  /** 32 bytes. */
  paymentSecret: Uint8Array;
  description: string;
  expirySeconds: number;
  minFinalCltvExpiry: number;
}

const NETWORK_PREFIXES: Readonly<Record<SandboxNetwork, string>> = { mainnet: 'bc', testnet: 'tb', regtest: 'bcrt' };
// BOLT11 tag codes (the bech32 value of the tag letter).
const TAG = { paymentHash: 1, description: 13, expiry: 6, minFinalCltv: 24, paymentSecret: 16, features: 5 } as const;
// var_onion_optin (optional), payment_secret (required), basic_mpp (optional): as Aurpay's invoices.
const FEATURE_BITS = [9, 14, 17];

/**
 * Encodes and signs a BOLT11 payment request: bech32 over `ln{network}{amount}`, a 35-bit
 * timestamp, tagged fields (p, d, c, x, s, 9) and a recoverable secp256k1 signature by the node key
 * over sha256(prefix bytes ‖ data bits padded to a byte).
 *
 * @example encodeBolt11({ network: 'testnet', amountBtc: '0.00019044', timestamp, paymentHash, paymentSecret, description, expirySeconds: 86400, minFinalCltvExpiry: 80 }, nodeKey)
 */
export function encodeBolt11(fields: Bolt11Fields, nodeSecretKey: Uint8Array): string {
  if (fields.paymentHash.length !== 32 || fields.paymentSecret.length !== 32) {
    throw new Error('payment hash and payment secret must be 32 bytes');
  }
  const prefix = `ln${NETWORK_PREFIXES[fields.network]}${fields.amountBtc === null ? '' : encodeInvoiceAmount(fields.amountBtc)}`;
  const data = [
    ...intToWords(fields.timestamp, 7),
    ...tagged(TAG.paymentHash, bech32.toWords(fields.paymentHash)),
    ...tagged(TAG.description, bech32.toWords(new TextEncoder().encode(fields.description))),
    ...tagged(TAG.minFinalCltv, intToWords(fields.minFinalCltvExpiry)),
    ...tagged(TAG.expiry, intToWords(fields.expirySeconds)),
    ...tagged(TAG.paymentSecret, bech32.toWords(fields.paymentSecret)),
    ...tagged(TAG.features, featureWords(FEATURE_BITS)),
  ];
  const message = sha256(concat(new TextEncoder().encode(prefix), wordsToPaddedBytes(data)));
  useNobleHashes();
  const recovered = secp.sign(message, nodeSecretKey, { prehash: false, format: 'recovered' });
  // noble writes the recovery id first; BOLT11 wants r ‖ s ‖ recovery id.
  const signature = concat(recovered.slice(1), recovered.slice(0, 1));
  return bech32.encode(prefix, [...data, ...bech32.toWords(signature)], false);
}

function tagged(code: number, words: number[]): number[] {
  if (words.length >= 1024) throw new Error('a BOLT11 field holds at most 1023 words');
  return [code, words.length >> 5, words.length & 31, ...words];
}

/** Big-endian 5-bit words, minimal unless `length` is given. */
function intToWords(value: number, length?: number): number[] {
  const words: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 32)) words.unshift(rest % 32);
  while (length !== undefined && words.length < length) words.unshift(0);
  if (length !== undefined && words.length > length) throw new Error(`${value} does not fit in ${length} words`);
  return words;
}

function featureWords(bits: number[]): number[] {
  const count = Math.ceil((Math.max(...bits) + 1) / 5);
  const words = new Array<number>(count).fill(0);
  for (const bit of bits) {
    const index = count - 1 - Math.floor(bit / 5);
    words[index] = (words[index] ?? 0) | (1 << (bit % 5));
  }
  return words;
}

function wordsToPaddedBytes(words: number[]): Uint8Array {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const word of words) {
    buffer = (buffer << 5) | word;
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) bytes.push((buffer << (8 - bits)) & 0xff);
  return Uint8Array.from(bytes);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Synchronous signing in noble needs its hash slots filled; fill them once, only if empty. */
function useNobleHashes(): void {
  secp.hashes.sha256 ??= sha256;
  secp.hashes.hmacSha256 ??= (key, message) => hmac(sha256, key, message);
}
