import { describe, expect, it } from 'vitest';
import { payWithTronLink } from './payWithTronLink.js';
import type { TronLinkLike, TronWebLike } from './payWithTronLink.js';
import type { WalletStep } from './payWithEvm.js';
import { WalletError } from './WalletError.js';

const TOKEN = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const TO = 'TJRabPrwbZy45sbavfcjinPJC18kjpRTv8';
const BUYER = 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf';
const plan = { family: 'tron', to: TO, token: TOKEN, value: 18_009_800n } as const;

interface Fake {
  connect?: 'ok' | 'reject';
  contract?: boolean;
  balance?: bigint;
  sign?: 'ok' | 'decline';
}

/** TronLink as it injects itself: `tronLink.request` and its `tronWeb`, recording what is built and sent. */
function fakeTronLink({ connect = 'ok', contract = true, balance = 10n ** 9n, sign = 'ok' }: Fake = {}) {
  const built: unknown[][] = [];
  const broadcast: unknown[] = [];
  const tronWeb: TronWebLike = {
    defaultAddress: { base58: BUYER },
    transactionBuilder: {
      triggerConstantContract: async () => ({ constant_result: [balance.toString(16).padStart(64, '0')] }),
      triggerSmartContract: async (...args) => {
        built.push(args);
        return { result: { result: true }, transaction: { txID: 'ab'.repeat(32) } };
      },
    },
    trx: {
      getContract: async (address) => (contract ? { contract_address: address } : {}),
      sign: async (transaction) => {
        if (sign === 'decline') throw 'Confirmation declined by user';
        return { ...(transaction as object), signature: ['00'] };
      },
      sendRawTransaction: async (signed) => {
        broadcast.push(signed);
        return { result: true, txid: 'ab'.repeat(32) };
      },
    },
  };
  const tronLink: TronLinkLike = {
    request: async () => (connect === 'reject' ? { code: 4001, message: 'User rejected the request.' } : { code: 200, message: 'ok' }),
    tronWeb,
  };
  return { tronLink, tronWeb, built, broadcast };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof WalletError ? error.code : String(error)),
  );

describe('payWithTronLink', () => {
  it("builds the token's transfer of the exact amount to the order, has TronLink sign it, broadcasts it once", async () => {
    const fake = fakeTronLink();
    const steps: WalletStep[] = [];
    await expect(payWithTronLink(fake.tronLink, undefined, plan, (step) => steps.push(step))).resolves.toBe('ab'.repeat(32));
    expect(fake.built).toEqual([
      [
        TOKEN,
        'transfer(address,uint256)',
        { feeLimit: 100_000_000 },
        [
          { type: 'address', value: TO },
          { type: 'uint256', value: '18009800' },
        ],
        BUYER,
      ],
    ]);
    expect(fake.broadcast).toHaveLength(1);
    expect(steps).toEqual(['connecting', 'confirming']);
  });

  it('works with an older TronLink that only injects tronWeb', async () => {
    const fake = fakeTronLink();
    await expect(payWithTronLink(undefined, fake.tronWeb, plan)).resolves.toBe('ab'.repeat(32));
  });

  it('names each failure and broadcasts nothing', async () => {
    for (const [behaviour, code] of [
      [{ connect: 'reject' }, 'rejected'],
      [{ sign: 'decline' }, 'rejected'],
      [{ contract: false }, 'token_unsupported'],
      [{ balance: 18_009_799n }, 'insufficient_funds'],
    ] as const) {
      const fake = fakeTronLink(behaviour);
      await expect(codeOf(payWithTronLink(fake.tronLink, undefined, plan))).resolves.toBe(code);
      expect(fake.broadcast).toHaveLength(0);
    }
  });
});
