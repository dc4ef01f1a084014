import { createPublicKey, randomBytes, verify } from 'node:crypto';

import { sha256 } from '@noble/hashes/sha2.js';
import * as secp from '@noble/secp256k1';
import { bech32, hex } from '@scure/base';
import bolt11 from 'bolt11';
import { decode as lightDecode } from 'light-bolt11-decoder';
import { describe, expect, it } from 'vitest';

import { decodeInvoiceAmount, encodeInvoiceAmount } from './bolt11Amount.js';
import { encodeBolt11, type Bolt11Fields } from './bolt11Encoder.js';

const nodeKey = sha256(new TextEncoder().encode('bolt11 encoder test node'));
const nodePublicKey = hex.encode(secp.getPublicKey(nodeKey, true));

function fields(overrides: Partial<Bolt11Fields> = {}): Bolt11Fields {
  return {
    network: 'testnet',
    amountBtc: '0.00019044',
    timestamp: Date.UTC(2024, 3, 28, 12, 0, 0) / 1000,
    paymentHash: sha256(Uint8Array.of(1, 2, 3)),
    paymentSecret: Uint8Array.from(randomBytes(32)),
    description: 'c26cfa84cd9eaa9cbeedceb8a006cef6',
    expirySeconds: 86_400,
    minFinalCltvExpiry: 80,
    ...overrides,
  };
}

describe('encodeInvoiceAmount / decodeInvoiceAmount', () => {
  it.each([
    ['0.00019044', '190440n'],
    ['1', '1'],
    ['0.001', '1m'],
    ['0.00000001', '10n'],
    ['0.00000000001', '10p'],
    ['0.0025', '2500u'],
  ])('%s BTC is %s and back', (btc, part) => {
    expect(encodeInvoiceAmount(btc)).toBe(part);
    expect(decodeInvoiceAmount(`lntb${part}`)).toBe(btc);
  });

  it('refuses zero and sub-millisatoshi amounts', () => {
    expect(() => encodeInvoiceAmount('0')).toThrow(/millisatoshi/);
    expect(() => encodeInvoiceAmount('0.000000000001')).toThrow(/millisatoshi/);
  });

  it('reads prefixes without an amount as null and foreign prefixes as undefined', () => {
    expect(decodeInvoiceAmount('lnbcrt')).toBeNull();
    expect(decodeInvoiceAmount('bc')).toBeUndefined();
  });
});

describe('encodeBolt11', () => {
  it('produces an invoice the bolt11 package decodes, signed by the node key', () => {
    const input = fields();
    const invoice = encodeBolt11(input, nodeKey);
    expect(invoice.startsWith('lntb190440n1')).toBe(true);
    const decoded = bolt11.decode(invoice);
    expect(decoded.payeeNodeKey).toBe(nodePublicKey);
    expect(decoded.millisatoshis).toBe('19044000');
    expect(decoded.timestamp).toBe(input.timestamp);
    expect(decoded.tagsObject.payment_hash).toBe(hex.encode(input.paymentHash));
    expect(decoded.tagsObject.payment_secret).toBe(hex.encode(input.paymentSecret));
    expect(decoded.tagsObject.description).toBe(input.description);
    expect(decoded.tagsObject.expire_time).toBe(86_400);
    expect(decoded.tagsObject.min_final_cltv_expiry).toBe(80);
    expect(decoded.tagsObject.feature_bits?.payment_secret?.required).toBe(true);
    expect(decoded.timeExpireDate).toBe(input.timestamp + 86_400);
  });

  it('carries an ECDSA signature node:crypto verifies over prefix bytes ‖ padded data bits', () => {
    const invoice = encodeBolt11(fields(), nodeKey);
    const { prefix, words } = bech32.decode(invoice as `${string}1${string}`, false);
    const dataWords = words.slice(0, -104);
    const signatureBytes = bech32.fromWords(words.slice(-104));
    const bits = dataWords.map((w) => w.toString(2).padStart(5, '0')).join('');
    const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
    const dataBytes = Buffer.from(padded.match(/.{8}/g)?.map((byte) => parseInt(byte, 2)) ?? []);
    const message = Buffer.concat([Buffer.from(prefix, 'utf8'), dataBytes]);
    const point = secp.Point.fromHex(nodePublicKey).toBytes(false);
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'secp256k1',
        x: Buffer.from(point.slice(1, 33)).toString('base64url'),
        y: Buffer.from(point.slice(33)).toString('base64url'),
      },
      format: 'jwk',
    });
    const rs = Buffer.from(signatureBytes.slice(0, 64));
    expect(verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, rs)).toBe(true);
    expect(verify('sha256', Buffer.concat([message, Buffer.of(0)]), { key, dsaEncoding: 'ieee-p1363' }, rs)).toBe(false);
    expect([0, 1, 2, 3]).toContain(signatureBytes[64]);
  });

  it('is decoded the same way by light-bolt11-decoder', () => {
    const input = fields({ network: 'mainnet', amountBtc: '0.0004' });
    const invoice = encodeBolt11(input, nodeKey);
    const sections = lightDecode(invoice).sections;
    const byName = (name: string) => sections.find((s) => s.name === name) as { value?: unknown } | undefined;
    expect(invoice.startsWith('lnbc400u1')).toBe(true);
    expect(byName('amount')?.value).toBe('40000000');
    expect(byName('timestamp')?.value).toBe(input.timestamp);
    expect(byName('payment_hash')?.value).toBe(hex.encode(input.paymentHash));
    expect(byName('payment_secret')?.value).toBe(hex.encode(input.paymentSecret));
    expect(byName('description')?.value).toBe(input.description);
    expect(lightDecode(invoice).expiry).toBe(86_400);
  });

  it('uses the regtest prefix and allows an invoice without an amount', () => {
    const invoice = encodeBolt11(fields({ network: 'regtest', amountBtc: null }), nodeKey);
    expect(invoice.startsWith('lnbcrt1')).toBe(true);
    const decoded = bolt11.decode(invoice, { bech32: 'bcrt', pubKeyHash: 111, scriptHash: 196, validWitnessVersions: [0] });
    expect(decoded.millisatoshis).toBeNull();
    expect(decoded.payeeNodeKey).toBe(nodePublicKey);
  });

  it('rejects hashes of the wrong length', () => {
    expect(() => encodeBolt11(fields({ paymentHash: new Uint8Array(31) }), nodeKey)).toThrow(/32 bytes/);
  });
});
