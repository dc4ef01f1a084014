import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import { encodeFunctionData, erc20Abi, parseAbi } from 'viem';

/** The EIP-1193 interface of the local chain. */
export interface ChainProvider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export interface LocalChain {
  provider: ChainProvider;
  /** Unlocked accounts with 10,000 ETH each. */
  accounts: `0x${string}`[];
  /** Deploys the test token, and places its code at `address` too (the order's contract). */
  deployToken(address: `0x${string}`): Promise<{ deployedAt: `0x${string}` }>;
  mint(token: `0x${string}`, to: `0x${string}`, amount: bigint): Promise<void>;
  balanceOf(token: `0x${string}`, owner: `0x${string}`): Promise<bigint>;
  balance(owner: `0x${string}`): Promise<bigint>;
  transactionCount(owner: `0x${string}`): Promise<number>;
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Compiles TestToken.sol with solc-js (npm's Solidity compiler, WebAssembly): bytecode only. */
function compileTestToken(): `0x${string}` {
  const input = {
    language: 'Solidity',
    sources: { 'TestToken.sol': { content: readFileSync(join(here, 'TestToken.sol'), 'utf8') } },
    settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['evm.bytecode.object'] } } },
  };
  // OpenZeppelin's sources come from its npm package.
  const findImports = (path: string) => {
    try {
      return { contents: readFileSync(require.resolve(path), 'utf8') };
    } catch {
      return { error: `not found: ${path}` };
    }
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  return `0x${output.contracts['TestToken.sol']!.TestToken!.evm.bytecode.object}`;
}

/**
 * Hardhat's in-process EVM (EDR, from npm), on chain id 1, automining each transaction. Hardhat
 * reads its configuration once per process, from `HARDHAT_CONFIG`.
 *
 * @example const chain = await startLocalChain(); const [buyer] = chain.accounts;
 */
export async function startLocalChain(): Promise<LocalChain> {
  process.env.HARDHAT_CONFIG = join(here, 'hardhat.config.cjs');
  const { default: hre } = await import('hardhat');
  const provider = hre.network.provider as unknown as ChainProvider;
  const accounts = (await provider.request({ method: 'eth_accounts' })) as `0x${string}`[];
  const deployer = accounts[0]!;
  const mined = async (hash: unknown) => {
    const receipt = (await provider.request({ method: 'eth_getTransactionReceipt', params: [hash] })) as {
      status: string;
      contractAddress: `0x${string}` | null;
    };
    if (receipt.status !== '0x1') throw new Error(`transaction ${String(hash)} failed`);
    return receipt;
  };
  return {
    provider,
    accounts,
    async deployToken(address) {
      const data = compileTestToken();
      const receipt = await mined(await provider.request({ method: 'eth_sendTransaction', params: [{ from: deployer, data }] }));
      const deployedAt = receipt.contractAddress!;
      const code = await provider.request({ method: 'eth_getCode', params: [deployedAt, 'latest'] });
      await provider.request({ method: 'hardhat_setCode', params: [address, code] });
      return { deployedAt };
    },
    async mint(token, to, amount) {
      const data = encodeFunctionData({
        abi: parseAbi(['function mint(address to, uint256 amount)']),
        functionName: 'mint',
        args: [to, amount],
      });
      await mined(await provider.request({ method: 'eth_sendTransaction', params: [{ from: deployer, to: token, data }] }));
    },
    async balanceOf(token, owner) {
      const data = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
      return BigInt(String(await provider.request({ method: 'eth_call', params: [{ to: token, data }, 'latest'] })));
    },
    async balance(owner) {
      return BigInt(String(await provider.request({ method: 'eth_getBalance', params: [owner, 'latest'] })));
    },
    async transactionCount(owner) {
      return Number(await provider.request({ method: 'eth_getTransactionCount', params: [owner, 'latest'] }));
    },
  };
}
