import { describe, expect, it } from 'vitest';
import { CURRENCIES, currencyInfo, findCurrency } from './currencies.js';
import { AurpayKitError } from './errors.js';

describe('CURRENCIES', () => {
  it('lists each supported chain/currency with decimals, kind, chain id and scheme', () => {
    expect(CURRENCIES.map((c) => [c.chain, c.currency, c.decimals, c.kind, c.chainId, c.scheme].join(' '))).toEqual([
      'BTC BTC 8 native  bitcoin',
      'LTC LTC 8 native  litecoin',
      'ETH ETH 18 native 1 ethereum',
      'BSC BNB 18 native 56 ethereum',
      'ETH USDT-ERC20 6 erc20 1 ethereum',
      'ETH USDC-ERC20 6 erc20 1 ethereum',
      'ETH DAI-ERC20 18 erc20 1 ethereum',
      'TRX USDT-TRC20 6 trc20  tron',
      'TRX USDC-TRC20 6 trc20  tron',
      'BLN BTC-LN 8 lightning  lightning',
    ]);
  });

  it('carries the token contracts from docs/aurpay-api.md and none for native coins', () => {
    const contracts = Object.fromEntries(CURRENCIES.map((c) => [c.currency, c.contract]));
    expect(contracts).toEqual({
      BTC: null,
      LTC: null,
      ETH: null,
      BNB: null,
      'USDT-ERC20': '0xdAC17F958D2ee523a2206206994597C13D831ec7',
      'USDC-ERC20': '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
      'DAI-ERC20': '0x6B175474E89094C44Da98b954EedeAC495271d0F',
      'USDT-TRC20': 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      'USDC-TRC20': 'TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8',
      'BTC-LN': null,
    });
  });

  it("names each chain as Aurpay's order lists do (chain_name), the same for all its currencies", () => {
    expect(findCurrency('USDT-ERC20')?.chainName).toBe('Ethereum');
    expect(findCurrency('USDC-TRC20')?.chainName).toBe('Tron');
    expect(findCurrency('BNB')?.chainName).toBe('BNB Smart Chain');
    expect(findCurrency('BTC-LN')?.chainName).toBe('Bitcoin Lightning Network');
    for (const c of CURRENCIES) {
      expect(c.chainName).not.toBe(c.chain);
      expect(CURRENCIES.filter((other) => other.chain === c.chain).map((other) => other.chainName)).toEqual(
        CURRENCIES.filter((other) => other.chain === c.chain).map(() => c.chainName),
      );
    }
  });

  it('has unique currency codes and a name for each', () => {
    expect(new Set(CURRENCIES.map((c) => c.currency)).size).toBe(CURRENCIES.length);
    for (const c of CURRENCIES) expect(c.name.length).toBeGreaterThan(0);
  });

  it('cannot be modified', () => {
    expect(Object.isFrozen(CURRENCIES)).toBe(true);
    expect(() => {
      (CURRENCIES[0] as { decimals: number }).decimals = 2;
    }).toThrow(TypeError);
    expect(CURRENCIES[0]?.decimals).toBe(8);
  });
});

describe('findCurrency', () => {
  it('finds by code, and by code and chain, regardless of case', () => {
    expect(findCurrency('USDT-ERC20')?.contract).toBe('0xdAC17F958D2ee523a2206206994597C13D831ec7');
    expect(findCurrency('bnb', 'bsc')?.chainId).toBe(56);
    expect(findCurrency('BTC', 'BTC')?.kind).toBe('native');
    expect(findCurrency('BTC-LN', 'BLN')?.kind).toBe('lightning');
  });

  it.each([
    ['SHIB-ERC20', undefined],
    ['BNB', 'ETH'],
    ['BTC', 'BLN'],
    ['', undefined],
    [' BTC', undefined],
    [42, undefined],
    [null, undefined],
    ['BTC', 7],
  ])('returns undefined for %j on %j', (currency, chain) => {
    expect(findCurrency(currency as string, chain as string | undefined)).toBeUndefined();
  });
});

describe('currencyInfo', () => {
  it('returns the entry', () => {
    expect(currencyInfo('DAI-ERC20', 'ETH').decimals).toBe(18);
  });

  it.each([
    ['SHIB-ERC20', undefined, /"SHIB-ERC20"/],
    ['BNB', 'ETH', /"ETH"\/"BNB"/],
    [undefined, undefined, /\(undefined\)/],
    [10n, undefined, /\(bigint\)/],
  ])('throws currency_unsupported for %s on %s', (currency, chain, message) => {
    const run = () => currencyInfo(currency as string, chain);
    expect(run).toThrow(AurpayKitError);
    expect(run).toThrow(message);
    expect(run).toThrow(/supported: BTC\/BTC, LTC\/LTC/);
    try {
      run();
    } catch (error) {
      expect((error as AurpayKitError).code).toBe('currency_unsupported');
    }
  });
});
