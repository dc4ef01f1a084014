import { decodeFunctionData, erc20Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { fakeEip1193Provider } from '@aurpay-kit/testing/wallets';
import { payWithEvm } from './payWithEvm.js';
import type { WalletStep } from './payWithEvm.js';
import { WalletError } from './WalletError.js';

const TO = '0x52908400098527886E0F7030069857D2E4169EE7';
const USDT = '0xdAC17F958D2ee523a2206206994597C13D831ec7';
const eth = { family: 'evm', chainId: 1, to: TO, token: null, value: 7_100_000_000_000_000n } as const;
const usdt = { family: 'evm', chainId: 1, to: TO, token: USDT, value: 18_009_800n } as const;
const bnb = { family: 'evm', chainId: 56, to: TO, token: null, value: 1n } as const;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WalletError);
  return (error as WalletError).code;
}

describe('payWithEvm', () => {
  it('sends the exact native amount on the order chain, and returns the hash', async () => {
    const wallet = fakeEip1193Provider();
    const steps: WalletStep[] = [];
    const hash = await payWithEvm(wallet.provider, eth, (step) => steps.push(step));
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(wallet.sent).toEqual([
      { from: '0x1111111111111111111111111111111111111111', to: TO, value: '0x19396991e7c000', chainId: '0x1' },
    ]);
    expect(BigInt(wallet.sent[0]!.value!)).toBe(eth.value);
    expect(steps).toEqual(['connecting', 'confirming']);
    expect(wallet.calls.map((c) => c.method)).not.toContain('wallet_switchEthereumChain');
  });

  it("encodes the token's transfer(address, amount) in base units, to the token contract", async () => {
    const wallet = fakeEip1193Provider();
    await payWithEvm(wallet.provider, usdt);
    const [tx] = wallet.sent;
    expect(tx).toMatchObject({ to: USDT, value: '0x0', chainId: '0x1' });
    const call = decodeFunctionData({ abi: erc20Abi, data: tx!.data as `0x${string}` });
    expect(call).toEqual({ functionName: 'transfer', args: [TO, 18_009_800n] });
  });

  it('switches a wallet on another chain first', async () => {
    const wallet = fakeEip1193Provider({ chainId: 137 });
    const steps: WalletStep[] = [];
    await payWithEvm(wallet.provider, eth, (step) => steps.push(step));
    expect(steps).toEqual(['connecting', 'switching', 'confirming']);
    expect(wallet.calls).toContainEqual({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] });
    expect(wallet.chainId()).toBe(1);
  });

  it('adds BNB Smart Chain where the wallet does not know it (4902), then pays on it', async () => {
    const wallet = fakeEip1193Provider({ chainId: 1, switchChain: 'unknown' });
    await payWithEvm(wallet.provider, bnb);
    const added = wallet.calls.find((c) => c.method === 'wallet_addEthereumChain');
    expect(added?.params).toEqual([
      expect.objectContaining({
        chainId: '0x38',
        chainName: 'BNB Smart Chain',
        nativeCurrency: { name: 'BNB', symbol: 'BNB', decimals: 18 },
      }),
    ]);
    expect(wallet.chainId()).toBe(56);
    expect(wallet.sent).toHaveLength(1);
  });

  it('names each failure: declined, wrong chain, insufficient funds, no such token', async () => {
    await expect(codeOf(payWithEvm(fakeEip1193Provider({ connect: 'reject' }).provider, eth))).resolves.toBe('rejected');
    await expect(codeOf(payWithEvm(fakeEip1193Provider({ send: 'reject' }).provider, eth))).resolves.toBe('rejected');
    await expect(codeOf(payWithEvm(fakeEip1193Provider({ chainId: 137, switchChain: 'reject' }).provider, eth))).resolves.toBe(
      'wrong_chain',
    );
    await expect(codeOf(payWithEvm(fakeEip1193Provider({ balance: 1n }).provider, eth))).resolves.toBe('insufficient_funds');
    await expect(codeOf(payWithEvm(fakeEip1193Provider({ tokenBalance: 18_009_799n }).provider, usdt))).resolves.toBe('insufficient_funds');
    await expect(codeOf(payWithEvm(fakeEip1193Provider({ send: 'insufficient' }).provider, eth))).resolves.toBe('insufficient_funds');
    await expect(codeOf(payWithEvm(fakeEip1193Provider({ tokenBalance: null }).provider, usdt))).resolves.toBe('token_unsupported');
  });

  it('sends nothing when it refuses', async () => {
    const wallet = fakeEip1193Provider({ tokenBalance: 5n });
    await payWithEvm(wallet.provider, usdt).catch(() => undefined);
    expect(wallet.calls.map((c) => c.method)).not.toContain('eth_sendTransaction');
  });
});
