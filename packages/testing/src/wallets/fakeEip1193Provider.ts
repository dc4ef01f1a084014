import { announceProvider } from 'mipd';

/** How the fake wallet answers each step. `pending` never answers: the step stays on screen. */
export interface FakeWalletBehaviour {
  /** The chain the wallet is on at first. Default 1. */
  chainId?: number;
  /** `eth_requestAccounts`: share the account, refuse (4001), or never answer. */
  connect?: 'ok' | 'reject' | 'pending';
  /** `wallet_switchEthereumChain`: switch, refuse (4001), not know the chain (4902, then add it), or never answer. */
  switchChain?: 'ok' | 'reject' | 'unknown' | 'pending';
  /** `eth_sendTransaction`: a hash, refuse (4001), the node's "insufficient funds", or never answer. */
  send?: 'ok' | 'reject' | 'insufficient' | 'pending';
  /** Native balance in wei. Default 10 ETH. */
  balance?: bigint;
  /** Token balance in base units; no contract at the token's address when null. Default 1,000 USDT. */
  tokenBalance?: bigint | null;
}

export interface FakeWallet {
  provider: { request(args: { method: string; params?: unknown }): Promise<unknown> };
  /** Every request, in order. */
  calls: { method: string; params?: unknown }[];
  /** The transactions it was asked to send. */
  sent: Record<string, string>[];
  /** The chain it is on now. */
  chainId(): number;
  /** Announces it with EIP-6963 under `name`; returns the removal. */
  announce(name: string): () => void;
}

const providerError = (code: number, message: string) => Object.assign(new Error(message), { code });
const hex = (value: bigint | number) => `0x${value.toString(16)}`;
let serial = 0;

/**
 * An injected EIP-1193 wallet for stories and tests: it answers the calls the wallet buttons make
 * (accounts, chain id, switch and add chain, balances, token code, send) as `behaviour` says, and
 * records them. Sent transactions get deterministic hashes.
 *
 * @example const wallet = fakeEip1193Provider({ chainId: 137, switchChain: 'pending' }); wallet.announce('Fake Wallet');
 */
export function fakeEip1193Provider(behaviour: FakeWalletBehaviour = {}): FakeWallet {
  let chainId = behaviour.chainId ?? 1;
  const known = new Set(behaviour.switchChain === 'unknown' ? [chainId] : [1, 56, chainId]);
  const calls: FakeWallet['calls'] = [];
  const sent: FakeWallet['sent'] = [];
  const never = new Promise<never>(() => {});
  const account = '0x1111111111111111111111111111111111111111';
  const provider = {
    async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
      calls.push(params === undefined ? { method } : { method, params });
      const first = (Array.isArray(params) ? params[0] : undefined) as Record<string, string> | undefined;
      switch (method) {
        case 'eth_requestAccounts':
          if (behaviour.connect === 'reject') throw providerError(4001, 'User rejected the request.');
          if (behaviour.connect === 'pending') return never;
          return [account];
        case 'eth_chainId':
          return hex(chainId);
        case 'wallet_switchEthereumChain': {
          if (behaviour.switchChain === 'pending') return never;
          if (behaviour.switchChain === 'reject') throw providerError(4001, 'User rejected the request.');
          const wanted = Number(first?.chainId);
          if (!known.has(wanted)) throw providerError(4902, `Unrecognized chain ID "${first?.chainId}".`);
          chainId = wanted;
          return null;
        }
        case 'wallet_addEthereumChain':
          known.add(Number(first?.chainId));
          chainId = Number(first?.chainId);
          return null;
        case 'eth_getBalance':
          return hex(behaviour.balance ?? 10n ** 19n);
        case 'eth_getCode':
          return behaviour.tokenBalance === null ? '0x' : '0x6080';
        case 'eth_call':
          return `0x${(behaviour.tokenBalance ?? 1_000_000_000n).toString(16).padStart(64, '0')}`;
        case 'eth_sendTransaction':
          if (behaviour.send === 'reject') throw providerError(4001, 'User denied transaction signature.');
          if (behaviour.send === 'insufficient') throw providerError(-32000, 'insufficient funds for gas * price + value');
          if (behaviour.send === 'pending') return never;
          sent.push({ ...first });
          return `0x${String(sent.length).padStart(64, 'a')}`;
        default:
          throw providerError(4200, `The fake wallet does not support ${method}.`);
      }
    },
  };
  return {
    provider,
    calls,
    sent,
    chainId: () => chainId,
    announce: (name) => {
      serial += 1;
      const uuid = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
      const icon =
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'%3E%3Ccircle cx='10' cy='10' r='9' fill='%23f6851b'/%3E%3C/svg%3E";
      return announceProvider({ info: { uuid, name, icon, rdns: `test.fake.${serial}` }, provider } as never);
    },
  };
}
