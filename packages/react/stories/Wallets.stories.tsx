import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AurpayProvider, CryptoCheckout } from '../src/index.js';
import { refreshEvmWallets } from '../src/wallets/index.js';
import type { FakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import type { FakeWallet, FakeWalletBehaviour } from '@aurpay-kit/testing/wallets';
import { fakeEip1193Provider } from '@aurpay-kit/testing/wallets';
import { expectPhase } from './support/storyChecks.js';
import { storyLocale } from './support/storyLocales.js';
import { STORY_CURRENCIES } from './support/storyOrders.js';

const loadWallets = () => import('../src/wallets/index.js');
const { chain, currency } = STORY_CURRENCIES.ERC20;
// The wallets of the story on screen, for its play function.
let wallets: FakeWallet[] = [];

/** The story's wallets, announced with EIP-6963 for its length: `[name, behaviour]` each. */
function withWallets(...list: [string, FakeWalletBehaviour?][]) {
  return () => {
    const removals = list.map(([name, behaviour]) => {
      const wallet = fakeEip1193Provider(behaviour);
      wallets.push(wallet);
      return wallet.announce(name);
    });
    refreshEvmWallets();
    return () => {
      removals.forEach((remove) => remove());
      wallets = [];
      refreshEvmWallets();
    };
  };
}

const meta = {
  title: 'Checkout/Wallets',
  component: CryptoCheckout,
  args: { chain, currency, onPaymentDetected: fn(), onError: fn() },
  parameters: { checkout: {} },
  // The story's own provider, over the fake server, with the wallet buttons loaded.
  render: (args, { loaded, globals }) => {
    const server = loaded.checkout as FakeCheckoutServer;
    const { tag, messages } = storyLocale(globals.locale);
    return (
      <AurpayProvider
        endpoint="/api/pay"
        fetch={server.fetch}
        eventSource={server.EventSource}
        locale={tag}
        messages={messages}
        wallets={loadWallets}
      >
        <CryptoCheckout {...args} />
      </AurpayProvider>
    );
  },
} satisfies Meta<typeof CryptoCheckout>;

export default meta;
type Story = StoryObj<typeof meta>;

const walletButton = (canvasElement: HTMLElement, name: string) =>
  within(canvasElement).findByRole('button', { name: `Pay with ${name}` }, { timeout: 5000 });
const walletText = (canvasElement: HTMLElement, role: 'status' | 'alert') =>
  within(canvasElement.querySelector<HTMLElement>('.aurpay-wallets')!).findByRole(role, {}, { timeout: 5000 });

/** Two wallets announced themselves: the buyer chooses one. */
export const ChooseWallet: Story = {
  beforeEach: withWallets(['Aurora Wallet'], ['Borealis Wallet']),
  play: async ({ canvasElement }) => {
    await expectPhase(canvasElement, 'awaiting_payment');
    await expect(await walletButton(canvasElement, 'Aurora Wallet')).toBeEnabled();
    await expect(await walletButton(canvasElement, 'Borealis Wallet')).toBeEnabled();
    await expect(within(canvasElement).getByRole('group', { name: 'Or pay from a wallet in this browser' })).toBeInTheDocument();
  },
};

/** The wallet is on Polygon: the checkout asks it to switch to Ethereum and waits for the buyer. */
export const SwitchChain: Story = {
  beforeEach: withWallets(['Aurora Wallet', { chainId: 137, switchChain: 'pending' }]),
  play: async ({ canvasElement }) => {
    await userEvent.click(await walletButton(canvasElement, 'Aurora Wallet'));
    await expect(await walletText(canvasElement, 'status')).toHaveTextContent('Switch Aurora Wallet to Ethereum to pay.');
    await expect(wallets[0]!.calls.map((c) => c.method)).toContain('wallet_switchEthereumChain');
  },
};

/** The transfer waits for the buyer's confirmation in the wallet; the button stays disabled. */
export const ConfirmInWallet: Story = {
  beforeEach: withWallets(['Aurora Wallet', { send: 'pending' }]),
  play: async ({ canvasElement }) => {
    const button = await walletButton(canvasElement, 'Aurora Wallet');
    await userEvent.click(button);
    await expect(await walletText(canvasElement, 'status')).toHaveTextContent('Confirm the payment in Aurora Wallet.');
    await expect(button).toBeDisabled();
  },
};

/** The wallet sent the transfer: the checkout shows it detected, waiting for the network. */
export const Sent: Story = {
  beforeEach: withWallets(['Aurora Wallet']),
  play: async ({ canvasElement, args }) => {
    await userEvent.click(await walletButton(canvasElement, 'Aurora Wallet'));
    await expectPhase(canvasElement, 'detected');
    await expect(args.onPaymentDetected).toHaveBeenCalledTimes(1);
    await expect(wallets[0]!.sent).toHaveLength(1);
  },
};

/** The buyer declined in the wallet: nothing was sent, and the button is back. */
export const Rejected: Story = {
  beforeEach: withWallets(['Aurora Wallet', { send: 'reject' }]),
  play: async ({ canvasElement }) => {
    const button = await walletButton(canvasElement, 'Aurora Wallet');
    await userEvent.click(button);
    await expect(await walletText(canvasElement, 'alert')).toHaveTextContent('You declined in Aurora Wallet. Nothing was sent.');
    await expect(button).toBeEnabled();
    await expectPhase(canvasElement, 'awaiting_payment');
  },
};
