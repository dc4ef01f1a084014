import type { Page } from 'playwright-core';
import type { ChainProvider } from './startLocalChain.js';

export interface InjectedWallet {
  /** Every `eth_sendTransaction` the page asked for, as asked. */
  sendRequests: Record<string, string>[];
  /** Every method the page called, in order. */
  methods: string[];
  /** The chain the wallet is on now, as hex. */
  chainId(): string;
}

// The chain a wallet is often left on: the checkout must switch it to the order's.
const POLYGON = '0x89';
// Read-only calls the wallet passes to its node as they are.
const NODE_READS = new Set([
  'eth_getBalance',
  'eth_getCode',
  'eth_call',
  'eth_blockNumber',
  'eth_estimateGas',
  'eth_gasPrice',
  'eth_getTransactionReceipt',
  'eth_getTransactionByHash',
]);

const walletError = (code: number, message: string) => Object.assign(new Error(message), { code });

/**
 * Gives a page a browser wallet backed by the local chain: an EIP-1193 `window.ethereum`, also
 * announced with EIP-6963 as "Local Wallet", whose requests reach this process through
 * `page.exposeFunction`. It holds `account` (unlocked on the node, which signs), starts on
 * Polygon, switches only to the node's own chain, and sends only on it, as a wallet would.
 *
 * @example const wallet = await injectWallet(page, chain.provider, buyer);
 */
export async function injectWallet(page: Page, node: ChainProvider, account: `0x${string}`): Promise<InjectedWallet> {
  let chainId = POLYGON;
  const nodeChain = String(await node.request({ method: 'eth_chainId' }));
  const wallet: InjectedWallet = { sendRequests: [], methods: [], chainId: () => chainId };
  const handle = async (method: string, params: unknown[]): Promise<unknown> => {
    wallet.methods.push(method);
    const first = params[0] as Record<string, string> | undefined;
    switch (method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return [account];
      case 'eth_chainId':
        return chainId;
      case 'wallet_switchEthereumChain':
        if (BigInt(first?.chainId ?? -1) !== BigInt(nodeChain)) throw walletError(4902, `Unrecognized chain ID "${first?.chainId}".`);
        chainId = nodeChain;
        return null;
      case 'eth_sendTransaction':
        wallet.sendRequests.push({ ...first });
        if (chainId !== nodeChain) throw walletError(-32603, `The wallet is on ${chainId}, not ${nodeChain}.`);
        // As MetaMask does: a transaction that names another chain than the wallet's is refused.
        if (first?.chainId && BigInt(first.chainId) !== BigInt(chainId))
          throw walletError(-32602, `The transaction is for chain ${first.chainId}; the wallet is on ${chainId}.`);
        if (first?.from?.toLowerCase() !== account.toLowerCase()) throw walletError(4100, 'Unknown account.');
        return node.request({ method, params });
      default:
        if (NODE_READS.has(method)) return node.request({ method, params });
        throw walletError(4200, `Unsupported method ${method}.`);
    }
  };
  await page.exposeFunction('__localWallet', async (request: string) => {
    const { method, params } = JSON.parse(request) as { method: string; params?: unknown[] };
    try {
      return JSON.stringify({ result: await handle(method, params ?? []) });
    } catch (error) {
      const { code = -32603, message = String(error) } = error as { code?: number; message?: string };
      return JSON.stringify({ error: { code, message } });
    }
  });
  await page.addInitScript(() => {
    const bridge = (window as unknown as { __localWallet: (request: string) => Promise<string> }).__localWallet;
    const provider = {
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const answer = JSON.parse(await bridge(JSON.stringify({ method, params }))) as {
          result?: unknown;
          error?: { code: number; message: string };
        };
        if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
        return answer.result;
      },
      on() {},
      removeListener() {},
    };
    const icon =
      "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'%3E%3Crect width='20' height='20' rx='5' fill='%23334'/%3E%3C/svg%3E";
    const detail = Object.freeze({
      info: { uuid: '7d1c4a52-3b5e-4f1a-9c1e-2b8f5a6d0e11', name: 'Local Wallet', icon, rdns: 'test.local.wallet' },
      provider,
    });
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
    window.addEventListener('eip6963:requestProvider', announce);
    Object.assign(window, { ethereum: provider });
    announce();
  });
  return wallet;
}
