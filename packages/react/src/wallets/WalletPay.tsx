import type { CheckoutDetails } from '@aurpay-kit/core';
import { findCurrency } from '@aurpay-kit/core';
import { useEffect, useRef, useState } from 'react';
import { useTexts } from '../context.js';
import { fill, networkName, tokenOf } from '../format.js';
import { useWeblnPresent } from '../useWeblnPresent.js';
import { NwcForm } from './NwcForm.js';
import type { WalletStep } from './payWithEvm.js';
import { payWithEvm } from './payWithEvm.js';
import { payWithTronLink } from './payWithTronLink.js';
import type { WeblnLike } from './payWithWebln.js';
import { payWithWebln } from './payWithWebln.js';
import { useEvmWallets } from './useEvmWallets.js';
import { useTronLink } from './useTronLink.js';
import type { WalletErrorCode } from './WalletError.js';
import { walletErrorFrom } from './walletErrorFrom.js';
import type { WalletMessages } from './walletMessages.js';
import { walletMessages } from './walletMessages.js';
import type { WalletPaymentPlan } from './walletPaymentPlan.js';
import { walletPaymentPlan } from './walletPaymentPlan.js';

export interface WalletPayProps {
  order: CheckoutDetails;
  /** What is due now: the amount, or the remainder after a part payment. */
  amount: string;
  /** The wallet sent it: the transaction hash (for Lightning, the checked payment hash). */
  onSent: (hash: string) => void;
}

type PayState =
  | { step: 'idle' }
  | { step: WalletStep | 'sent'; wallet: string }
  | { step: 'failed'; wallet: string; code: WalletErrorCode; reason: string };

interface Choice {
  id: string;
  name: string;
  icon: string | null;
  send: (onStep: (step: WalletStep) => void) => Promise<string>;
}

// Nostr Wallet Connect's client (Nostr, its cryptography) loads only when a buyer pastes a connection.
const loadNwc = () => import('./payWithNwc.js');

// Payments on their way or sent, by order and amount: a second click, or the same checkout
// mounted again, never sends twice.
const sends = new Map<string, { sent: boolean; wallet: string }>();

const ERROR_TEXT: Record<WalletErrorCode, keyof WalletMessages> = {
  rejected: 'walletRejected',
  wrong_chain: 'walletWrongChain',
  insufficient_funds: 'walletInsufficientFunds',
  token_unsupported: 'walletTokenUnsupported',
  preimage_mismatch: 'walletPreimageMismatch',
  connection_invalid: 'walletConnectionInvalid',
  amount_invalid: 'walletAmountInvalid',
  failed: 'walletFailed',
};

const STEP_TEXT: Record<WalletStep | 'sent', keyof WalletMessages> = {
  connecting: 'walletConnecting',
  switching: 'walletSwitching',
  confirming: 'walletConfirming',
  sent: 'walletSent',
};

/** Texts may begin with the wallet's name, which may begin in lower case ("browser wallet"). */
const sentence = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

function planFor(order: CheckoutDetails, amount: string): WalletPaymentPlan | { error: ReturnType<typeof walletErrorFrom> } | null {
  try {
    return walletPaymentPlan(order, amount);
  } catch (error) {
    return { error: walletErrorFrom(error) };
  }
}

/**
 * "Pay with <wallet>" for the order on screen, shown only where a wallet can pay it: each
 * injected EVM wallet (EIP-6963, or `window.ethereum`) for ETH, BNB and their tokens, TronLink
 * for TRC-20, and for Lightning WebLN and Nostr Wallet Connect. It walks the buyer through
 * connecting, switching network and confirming, says exactly why a payment did not go out, and
 * sends at most once per order and amount. `onSent` gets the hash; only the server says paid.
 *
 * @example <WalletPay order={order} amount={order.remainingAmount} onSent={(hash) => checkout.detect({ hash })} />
 */
export function WalletPay({ order, amount, onSent }: WalletPayProps) {
  const { messages } = useTexts();
  const texts: WalletMessages = { ...walletMessages, ...(messages as Partial<WalletMessages>) };
  const evm = useEvmWallets();
  const { tronLink, tronWeb } = useTronLink();
  const webln = useWeblnPresent();
  const key = `${order.orderId}:${amount}`;
  const known = sends.get(key);
  const [state, setState] = useState<PayState>(() => (known?.sent ? { step: 'sent', wallet: known.wallet } : { step: 'idle' }));
  // The latest onSent is the one called when the wallet answers, however long it took.
  const latest = useRef(onSent);
  useEffect(() => {
    latest.current = onSent;
  });

  const plan = planFor(order, amount);
  if (!plan) return null;
  const info = findCurrency(order.currency, order.chain);
  const values = { network: networkName(order.chain ?? info?.chain ?? ''), token: tokenOf(order.currency) };

  const choices: Choice[] = [];
  if ('error' in plan) {
    // Said only to a buyer who has a wallet that could otherwise have paid.
  } else if (plan.family === 'evm') {
    for (const wallet of evm) {
      choices.push({
        id: wallet.id,
        name: wallet.name || texts.walletBrowser,
        icon: wallet.icon,
        send: (step) => payWithEvm(wallet.provider, plan, step),
      });
    }
  } else if (plan.family === 'tron') {
    if (tronLink || tronWeb)
      choices.push({ id: 'tronlink', name: 'TronLink', icon: null, send: (step) => payWithTronLink(tronLink, tronWeb, plan, step) });
  } else if (webln) {
    const wallet = (window as { webln?: WeblnLike }).webln!;
    choices.push({ id: 'webln', name: texts.walletBrowser, icon: null, send: (step) => payWithWebln(wallet, plan.invoice, step) });
  }
  const lightning = !('error' in plan) && plan.family === 'lightning';
  const present = info?.kind === 'trc20' ? Boolean(tronLink || tronWeb) : info?.kind === 'lightning' || evm.length > 0;
  if (!choices.length && !lightning && !('error' in plan && present)) return null;

  const pay = async (wallet: string, send: Choice['send']) => {
    // Checked and set before anything awaits: a second click finds the payment on its way.
    if (sends.has(key)) return;
    sends.set(key, { sent: false, wallet });
    setState({ step: 'connecting', wallet });
    try {
      const hash = await send((step) => setState({ step, wallet }));
      sends.set(key, { sent: true, wallet });
      setState({ step: 'sent', wallet });
      latest.current(hash);
    } catch (error) {
      sends.delete(key);
      const { code, message } = walletErrorFrom(error);
      setState({ step: 'failed', wallet, code, reason: message });
    }
  };

  const busy = state.step === 'connecting' || state.step === 'switching' || state.step === 'confirming';
  const failure =
    'error' in plan
      ? { code: plan.error.code, reason: plan.error.message, wallet: texts.walletBrowser }
      : state.step === 'failed'
        ? state
        : null;
  return (
    <div className="aurpay-wallets" role="group" aria-label={texts.walletChoose} data-state={failure ? 'failed' : state.step}>
      {state.step === 'sent' ? (
        <p role="status" className="aurpay-message">
          {sentence(fill(texts.walletSent, { ...values, wallet: state.wallet }))}
        </p>
      ) : (
        <>
          {choices.map((choice) => (
            <button
              key={choice.id}
              type="button"
              className="aurpay-button aurpay-primary aurpay-wallet"
              disabled={busy}
              onClick={() => void pay(choice.name, choice.send)}
            >
              {choice.icon && <img src={choice.icon} alt="" width={20} height={20} />}
              {fill(texts.walletPay, { wallet: choice.name })}
            </button>
          ))}
          {lightning && (
            <NwcForm
              texts={texts}
              disabled={busy}
              onPay={(connection) =>
                void pay(texts.nwcWallet, async (step) => (await loadNwc()).payWithNwc(connection, plan.invoice, step))
              }
            />
          )}
          {busy && (
            <p role="status" className="aurpay-message" data-step={state.step}>
              {sentence(fill(texts[STEP_TEXT[state.step]], { ...values, wallet: state.wallet }))}
            </p>
          )}
          {failure && (
            <p role="alert" className="aurpay-message aurpay-problem" data-code={failure.code}>
              {sentence(fill(texts[ERROR_TEXT[failure.code]], { ...values, wallet: failure.wallet, reason: failure.reason }))}
            </p>
          )}
        </>
      )}
    </div>
  );
}
