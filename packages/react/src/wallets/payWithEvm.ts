import { erc20Abi } from 'abitype/abis';
import * as AbiFunction from 'ox/AbiFunction';
import * as Hex from 'ox/Hex';
import { EVM_CHAINS } from './evmChains.js';
import type { WalletPaymentPlan } from './walletPaymentPlan.js';
import { WalletError } from './WalletError.js';
import { providerErrorCode, walletErrorFrom } from './walletErrorFrom.js';

/** An injected wallet as EIP-1193 defines it: all the kit asks of one is `request`. */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

/** Where a wallet payment stands while it is on its way. */
export type WalletStep = 'connecting' | 'switching' | 'confirming';

type EvmPlan = Extract<WalletPaymentPlan, { family: 'evm' }>;

// The ERC-20 calls, from the standard ABI as abitype ships it, encoded by ox (what viem encodes with).
// ox's modules are imported one by one: viem's root entry would bring its whole client along.
const erc20 = (name: 'transfer' | 'balanceOf') => AbiFunction.fromAbi(erc20Abi, name);

/** The network's name for messages. */
export const chainName = (chainId: number): string => EVM_CHAINS[chainId]?.name ?? `chain ${chainId}`;

async function chainIdOf(provider: Eip1193Provider): Promise<number> {
  return Number(BigInt(String(await provider.request({ method: 'eth_chainId' }))));
}

/** Switches the wallet to `chainId`, adding the chain where the wallet does not know it (4902). */
async function ensureChain(provider: Eip1193Provider, chainId: number, onStep: (step: WalletStep) => void): Promise<void> {
  if ((await chainIdOf(provider)) === chainId) return;
  onStep('switching');
  const hex = Hex.fromNumber(chainId);
  try {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: hex }] });
  } catch (error) {
    const chain = EVM_CHAINS[chainId];
    if (providerErrorCode(error) !== 4902 || !chain) throw wrongChain(chainId, error);
    try {
      await provider.request({
        method: 'wallet_addEthereumChain',
        params: [
          {
            chainId: hex,
            chainName: chain.name,
            nativeCurrency: chain.nativeCurrency,
            rpcUrls: chain.rpcUrls,
            blockExplorerUrls: chain.blockExplorerUrls,
          },
        ],
      });
    } catch (addError) {
      throw wrongChain(chainId, addError);
    }
  }
  // Some wallets answer a switch before they made it, or add a chain without switching to it.
  if ((await chainIdOf(provider)) !== chainId) throw wrongChain(chainId);
}

function wrongChain(chainId: number, cause?: unknown): WalletError {
  return new WalletError('wrong_chain', `The wallet is not on ${chainName(chainId)} (chain ${chainId}).`, { cause });
}

/** Refuses before the wallet asks the buyer when the payment cannot go through; a wallet that cannot say is let through. */
async function checkFunds(provider: Eip1193Provider, plan: EvmPlan, from: `0x${string}`): Promise<void> {
  let balance: bigint;
  try {
    if (plan.token) {
      const code = await provider.request({ method: 'eth_getCode', params: [plan.token, 'latest'] });
      if (code === '0x' || code === '0x0') {
        throw new WalletError(
          'token_unsupported',
          `There is no token contract at ${plan.token} on ${chainName(plan.chainId)} in this wallet.`,
        );
      }
      const data = AbiFunction.encodeData(erc20('balanceOf'), [from]);
      balance = BigInt(String(await provider.request({ method: 'eth_call', params: [{ to: plan.token, data }, 'latest'] })));
    } else {
      balance = BigInt(String(await provider.request({ method: 'eth_getBalance', params: [from, 'latest'] })));
    }
  } catch (error) {
    if (error instanceof WalletError) throw error;
    return;
  }
  if (balance < plan.value) {
    throw new WalletError('insufficient_funds', `The wallet holds ${balance} base units; the payment needs ${plan.value}.`);
  }
}

/**
 * Pays an EVM plan from an injected wallet: asks for the account, switches to the order's chain
 * (adding it on 4902), checks the balance, then sends the native transfer or the token's
 * `transfer(address, amount)` and returns the transaction hash. Every failure is a `WalletError`.
 *
 * @example const hash = await payWithEvm(window.ethereum, plan, (step) => show(step));
 */
export async function payWithEvm(
  provider: Eip1193Provider,
  plan: EvmPlan,
  onStep: (step: WalletStep) => void = () => {},
): Promise<`0x${string}`> {
  try {
    onStep('connecting');
    const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as `0x${string}`[] | undefined;
    const from = accounts?.[0];
    if (!from) throw new WalletError('rejected', 'The wallet shared no account.');
    await ensureChain(provider, plan.chainId, onStep);
    await checkFunds(provider, plan, from);
    // The chain id rides along: a wallet moved to another chain since the switch refuses to send.
    const chainId = Hex.fromNumber(plan.chainId);
    const transaction = plan.token
      ? { from, to: plan.token, value: '0x0', data: AbiFunction.encodeData(erc20('transfer'), [plan.to, plan.value]), chainId }
      : { from, to: plan.to, value: Hex.fromNumber(plan.value), chainId };
    onStep('confirming');
    const hash = await provider.request({ method: 'eth_sendTransaction', params: [transaction] });
    if (typeof hash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(hash))
      throw new WalletError('failed', `The wallet answered ${String(hash).slice(0, 80)} instead of a transaction hash.`);
    return hash as `0x${string}`;
  } catch (error) {
    throw walletErrorFrom(error);
  }
}
