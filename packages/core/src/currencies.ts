import { AurpayKitError } from './errors.js';

/** A crypto currency Aurpay takes, with what a wallet needs to pay it. */
export interface CurrencyInfo {
  /** Aurpay's currency code: `BTC`, `USDT-ERC20`, `BTC-LN`… */
  currency: string;
  /** Aurpay's chain code: `BTC`, `ETH`, `BSC`, `TRX`, `LTC`, `BLN`. */
  chain: string;
  /** The chain's name as Aurpay's order lists give it in `chain_name`: `Ethereum`, `Tron`… */
  chainName: string;
  name: string;
  /** Fraction digits of one unit in base units (satoshi, wei, token units). */
  decimals: number;
  kind: 'native' | 'erc20' | 'trc20' | 'lightning';
  /** The token contract; null for native coins and Lightning. */
  contract: string | null;
  /** The EVM chain id (EIP-155); null outside EVM chains. */
  chainId: number | null;
  /** The URI scheme wallets use for this chain. */
  scheme: 'bitcoin' | 'litecoin' | 'ethereum' | 'tron' | 'lightning';
}

/** Aurpay's `chain_name` for each chain code: the one table of chain names in the kit. */
const CHAIN_NAMES: Readonly<Record<string, string>> = {
  BTC: 'Bitcoin',
  LTC: 'Litecoin',
  ETH: 'Ethereum',
  BSC: 'BNB Smart Chain',
  TRX: 'Tron',
  BLN: 'Bitcoin Lightning Network',
};

const chainName = (chain: string): string => CHAIN_NAMES[chain] ?? chain;

const native = (
  chain: string,
  currency: string,
  name: string,
  decimals: number,
  scheme: CurrencyInfo['scheme'],
  chainId: number | null = null,
): CurrencyInfo => ({ currency, chain, chainName: chainName(chain), name, decimals, kind: 'native', contract: null, chainId, scheme });

const token = (kind: 'erc20' | 'trc20', currency: string, name: string, contract: string, decimals: number): CurrencyInfo =>
  kind === 'erc20'
    ? { currency, chain: 'ETH', chainName: chainName('ETH'), name, decimals, kind, contract, chainId: 1, scheme: 'ethereum' }
    : { currency, chain: 'TRX', chainName: chainName('TRX'), name, decimals, kind, contract, chainId: null, scheme: 'tron' };

const LIGHTNING_BTC: CurrencyInfo = {
  currency: 'BTC-LN',
  chain: 'BLN',
  chainName: chainName('BLN'),
  name: 'Bitcoin (Lightning)',
  decimals: 8,
  kind: 'lightning',
  contract: null,
  chainId: null,
  scheme: 'lightning',
};

/**
 * The currencies the kit knows how to present, with token contracts and decimals from Aurpay's
 * examples and the token issuers. A `contract_addr` from `pay-info` should match the entry here.
 */
export const CURRENCIES: readonly CurrencyInfo[] = Object.freeze(
  [
    native('BTC', 'BTC', 'Bitcoin', 8, 'bitcoin'),
    native('LTC', 'LTC', 'Litecoin', 8, 'litecoin'),
    native('ETH', 'ETH', 'Ether', 18, 'ethereum', 1),
    native('BSC', 'BNB', 'BNB (BNB Smart Chain)', 18, 'ethereum', 56),
    token('erc20', 'USDT-ERC20', 'Tether USD (ERC-20)', '0xdAC17F958D2ee523a2206206994597C13D831ec7', 6),
    token('erc20', 'USDC-ERC20', 'USD Coin (ERC-20)', '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', 6),
    token('erc20', 'DAI-ERC20', 'Dai (ERC-20)', '0x6B175474E89094C44Da98b954EedeAC495271d0F', 18),
    token('trc20', 'USDT-TRC20', 'Tether USD (TRC-20)', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 6),
    token('trc20', 'USDC-TRC20', 'USD Coin (TRC-20)', 'TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8', 6),
    LIGHTNING_BTC,
  ].map((info) => Object.freeze(info)),
);

/**
 * Looks a currency up by Aurpay's code, and by chain when given; codes are matched without regard
 * to case. Returns undefined when the kit does not know it.
 *
 * @example findCurrency('USDT-ERC20')?.contract // '0xdAC17F958D2ee523a2206206994597C13D831ec7'
 * @example findCurrency('BNB', 'ETH') // undefined: BNB is on BSC
 */
export function findCurrency(currency: string, chain?: string): CurrencyInfo | undefined {
  if (typeof currency !== 'string' || (chain !== undefined && typeof chain !== 'string')) return undefined;
  const code = currency.toUpperCase();
  const chainCode = chain?.toUpperCase();
  return CURRENCIES.find((c) => c.currency === code && (chainCode === undefined || c.chain === chainCode));
}

/**
 * Like `findCurrency`, but a currency the kit does not know is an `AurpayKitError` with code
 * `currency_unsupported`.
 *
 * @example currencyInfo('BTC-LN').kind // 'lightning'
 */
export function currencyInfo(currency: string, chain?: string): CurrencyInfo {
  const info = findCurrency(currency, chain);
  if (info) return info;
  const known = CURRENCIES.map((c) => `${c.chain}/${c.currency}`).join(', ');
  const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : `(${typeof v})`);
  const asked = chain === undefined ? show(currency) : `${show(chain)}/${show(currency)}`;
  throw new AurpayKitError('currency_unsupported', `Unsupported currency ${asked}; supported: ${known}.`);
}
