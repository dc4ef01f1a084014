/**
 * The wallet buttons' texts, in English; `<AurpayProvider messages>` overrides any of them.
 * Placeholders: `{wallet}`, `{network}`, `{token}`, `{reason}`.
 */
export const walletMessages = {
  walletPay: 'Pay with {wallet}',
  walletBrowser: 'browser wallet',
  walletChoose: 'Or pay from a wallet in this browser',
  walletConnecting: 'Connecting to {wallet}…',
  walletSwitching: 'Switch {wallet} to {network} to pay.',
  walletConfirming: 'Confirm the payment in {wallet}.',
  walletSent: 'Sent from {wallet}. Waiting for the network to see it.',
  walletRejected: 'You declined in {wallet}. Nothing was sent.',
  walletWrongChain: '{wallet} is on another network. Switch it to {network} and try again.',
  walletInsufficientFunds: 'There is not enough {token} in {wallet} for this payment, fees included.',
  walletTokenUnsupported: '{wallet} cannot send {token} on {network}.',
  walletPreimageMismatch:
    '{wallet} says it paid, but its proof of payment does not match this invoice. Check the wallet before paying again.',
  walletConnectionInvalid: 'That is not a wallet connection string. It starts with nostr+walletconnect://',
  walletAmountInvalid: 'This amount cannot be sent exactly from a wallet. Copy the address and amount instead.',
  walletFailed: '{wallet} could not pay: {reason}',
  nwcOpen: 'Connect a wallet (Nostr Wallet Connect)',
  nwcLabel: 'Wallet connection string',
  nwcHint: 'From your wallet\'s "Nostr Wallet Connect" or "App connections" page: nostr+walletconnect://…',
  nwcPay: 'Pay with this wallet',
  nwcWallet: 'your connected wallet',
};

export type WalletMessages = typeof walletMessages;
