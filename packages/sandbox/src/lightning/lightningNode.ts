import { randomBytes } from 'node:crypto';

import { sha256 } from '@noble/hashes/sha2.js';
import * as secp from '@noble/secp256k1';
import { hex } from '@scure/base';

import type { SandboxNetwork } from '../chains/addresses.js';
import { encodeBolt11 } from './bolt11Encoder.js';

/** Seconds a sandbox invoice stays payable, as Aurpay's invoices say. */
export const INVOICE_EXPIRY_SECONDS = 86_400;
const MIN_FINAL_CLTV_EXPIRY = 80;

/** An invoice the sandbox node issued, with the secrets a real payer would learn or hold. */
export interface LightningInvoice {
  paymentRequest: string;
  /** Hex. sha256 of `preimage`. */
  paymentHash: string;
  /** Hex; Aurpay's `payment_addr`. */
  paymentSecret: string;
  /** Hex; revealed to the payer when the invoice is paid. */
  preimage: string;
  /** 32 hex characters, like Aurpay's invoice descriptions. */
  description: string;
  expirySeconds: number;
}

/**
 * The sandbox's Lightning node: a secp256k1 key derived from the sandbox seed (same seed, same
 * node) that signs BOLT11 invoices.
 *
 * @example new LightningNode('seed', 'testnet').issueInvoice({ amountBtc: '0.00019044', createdAt: Date.now() })
 */
export class LightningNode {
  readonly publicKey: string;
  readonly #secretKey: Uint8Array;
  readonly #network: SandboxNetwork;

  constructor(seed: string, network: SandboxNetwork) {
    this.#network = network;
    this.#secretKey = deriveSecretKey(seed);
    this.publicKey = hex.encode(secp.getPublicKey(this.#secretKey, true));
  }

  /** Issues a fresh invoice: random preimage, payment secret and description. */
  issueInvoice(request: { amountBtc: string | null; createdAt: number }): LightningInvoice {
    const preimage = randomBytes(32);
    const paymentHash = sha256(preimage);
    const paymentSecret = randomBytes(32);
    const description = randomBytes(16).toString('hex');
    const paymentRequest = encodeBolt11(
      {
        network: this.#network,
        amountBtc: request.amountBtc,
        timestamp: Math.floor(request.createdAt / 1000),
        paymentHash,
        paymentSecret,
        description,
        expirySeconds: INVOICE_EXPIRY_SECONDS,
        minFinalCltvExpiry: MIN_FINAL_CLTV_EXPIRY,
      },
      this.#secretKey,
    );
    return {
      paymentRequest,
      paymentHash: hex.encode(paymentHash),
      paymentSecret: paymentSecret.toString('hex'),
      preimage: preimage.toString('hex'),
      description,
      expirySeconds: INVOICE_EXPIRY_SECONDS,
    };
  }
}

function deriveSecretKey(seed: string): Uint8Array {
  for (let counter = 0; counter < 256; counter += 1) {
    const candidate = sha256(new TextEncoder().encode(`aurpay-sandbox/node/${seed}/${counter}`));
    if (secp.utils.isValidSecretKey(candidate)) return candidate;
  }
  throw new Error('no valid node key from this seed');
}
