import type { WalletPaymentPlan } from './walletPaymentPlan.js';
import type { WalletStep } from './payWithEvm.js';
import { WalletError } from './WalletError.js';
import { walletErrorFrom } from './walletErrorFrom.js';

/** The parts of TronLink's injected `tronWeb` the kit uses. */
export interface TronWebLike {
  defaultAddress: { base58: string | false };
  transactionBuilder: {
    triggerConstantContract(
      contract: string,
      selector: string,
      options: object,
      parameters: { type: string; value: string }[],
      from: string,
    ): Promise<{ constant_result?: string[] }>;
    triggerSmartContract(
      contract: string,
      selector: string,
      options: object,
      parameters: { type: string; value: string }[],
      from: string,
    ): Promise<{ result?: { result?: boolean; message?: string }; transaction?: unknown }>;
  };
  trx: {
    getContract(address: string): Promise<{ contract_address?: string } | null>;
    sign(transaction: unknown): Promise<unknown>;
    sendRawTransaction(signed: unknown): Promise<{ result?: boolean; txid?: string; code?: string; message?: string }>;
  };
}

/** TronLink's `window.tronLink`. */
export interface TronLinkLike {
  request(args: { method: 'tron_requestAccounts' }): Promise<{ code?: number; message?: string } | string | undefined>;
  tronWeb?: TronWebLike | false;
}

type TronPlan = Extract<WalletPaymentPlan, { family: 'tron' }>;

// TRC-20 calls are paid for in energy; 100 TRX is the usual ceiling wallets propose for a transfer.
const FEE_LIMIT_SUN = 100_000_000;

/**
 * Pays a TRC-20 plan with TronLink: asks for the account, checks the token exists and the
 * balance covers it, then has TronLink sign the token's `transfer(address,uint256)` and broadcasts
 * it. Returns the transaction id; every failure is a `WalletError`.
 *
 * @example const txid = await payWithTronLink(window.tronLink, plan);
 */
export async function payWithTronLink(
  tronLink: TronLinkLike | undefined,
  tronWeb: TronWebLike | undefined,
  plan: TronPlan,
  onStep: (step: WalletStep) => void = () => {},
): Promise<string> {
  try {
    onStep('connecting');
    if (tronLink) {
      const answer = await tronLink.request({ method: 'tron_requestAccounts' });
      const code = typeof answer === 'object' && answer ? answer.code : undefined;
      if (code === 4001)
        throw new WalletError(
          'rejected',
          answer && typeof answer === 'object' && answer.message ? answer.message : 'The request was rejected.',
        );
    }
    const web = (tronLink?.tronWeb || tronWeb) as TronWebLike | undefined;
    const from = web?.defaultAddress.base58;
    if (!web || !from) throw new WalletError('rejected', 'TronLink shared no account: unlock it and try again.');
    const contract = await web.trx.getContract(plan.token).catch(() => null);
    if (!contract?.contract_address)
      throw new WalletError('token_unsupported', `There is no token contract at ${plan.token} on this wallet's network.`);
    const held = await web.transactionBuilder.triggerConstantContract(
      plan.token,
      'balanceOf(address)',
      {},
      [{ type: 'address', value: from }],
      from,
    );
    const balance = held.constant_result?.[0];
    if (balance !== undefined && BigInt(`0x${balance || '0'}`) < plan.value) {
      throw new WalletError(
        'insufficient_funds',
        `The wallet holds ${BigInt(`0x${balance || '0'}`)} base units; the payment needs ${plan.value}.`,
      );
    }
    const parameters = [
      { type: 'address', value: plan.to },
      { type: 'uint256', value: plan.value.toString() },
    ];
    const built = await web.transactionBuilder.triggerSmartContract(
      plan.token,
      'transfer(address,uint256)',
      { feeLimit: FEE_LIMIT_SUN },
      parameters,
      from,
    );
    if (!built.result?.result || !built.transaction)
      throw new WalletError('failed', built.result?.message ?? 'TronLink could not build the transfer.');
    onStep('confirming');
    const sent = await web.trx.sendRawTransaction(await web.trx.sign(built.transaction));
    if (!sent.result || !sent.txid) throw walletErrorFrom(new Error(sent.message ?? sent.code ?? 'The network refused the transfer.'));
    return sent.txid;
  } catch (error) {
    throw walletErrorFrom(error);
  }
}
