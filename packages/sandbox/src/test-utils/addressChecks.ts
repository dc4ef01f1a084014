import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58check, bech32, hex } from '@scure/base';

/** Checks an EIP-55 address independently of the sandbox's encoder. */
export function isEip55(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  const body = address.slice(2);
  const hash = hex.encode(keccak_256(new TextEncoder().encode(body.toLowerCase())));
  return [...body].every((char, i) => (/[a-f]/i.test(char) ? parseInt(hash[i] ?? '0', 16) >= 8 === (char === char.toUpperCase()) : true));
}

/** The bech32 prefix and witness program of a P2WPKH address, or throws. */
export function decodeSegwit(address: string): { prefix: string; version: number; program: Uint8Array } {
  const { prefix, words } = bech32.decode(address as `${string}1${string}`);
  return { prefix, version: words[0] ?? -1, program: bech32.fromWords(words.slice(1)) };
}

/** The payload of a TRON address (checksum verified), or throws. */
export function decodeTron(address: string): Uint8Array {
  return base58check(sha256).decode(address);
}
