import { describe, expect, it } from 'vitest';
import { cryptoOrder, INVOICE, lightningOrder } from '@aurpay-kit/testing/checkout';
import { walletPaymentPlan } from './walletPaymentPlan.js';
import { WalletError } from './WalletError.js';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WalletError);
    return (error as WalletError).code;
  }
  throw new Error('expected a WalletError');
};

describe('walletPaymentPlan', () => {
  it('pays ETH, BNB and ERC-20 tokens on their EVM chain in exact base units', () => {
    const eth = cryptoOrder({ chain: 'ETH', currency: 'ETH', amount: '0.0071' });
    expect(walletPaymentPlan(eth, eth.amount)).toEqual({
      family: 'evm',
      chainId: 1,
      to: eth.address,
      token: null,
      value: 7_100_000_000_000_000n,
    });
    const bnb = cryptoOrder({ chain: 'BSC', currency: 'BNB', amount: '0.030833' });
    expect(walletPaymentPlan(bnb, bnb.amount)).toMatchObject({ chainId: 56, value: 30_833_000_000_000_000n });
    const usdt = cryptoOrder({ chain: 'ETH', currency: 'USDT-ERC20', contractAddress: '0xdAC17F958D2ee523a2206206994597C13D831ec7' });
    expect(walletPaymentPlan(usdt, '18.0098')).toMatchObject({ token: '0xdAC17F958D2ee523a2206206994597C13D831ec7', value: 18_009_800n });
    const dai = cryptoOrder({ chain: 'ETH', currency: 'DAI-ERC20' });
    expect(walletPaymentPlan(dai, '1.5')).toMatchObject({ value: 1_500_000_000_000_000_000n });
  });

  it('pays the remainder it is given after a part payment', () => {
    const usdt = cryptoOrder({ chain: 'ETH', currency: 'USDT-ERC20', paidAmount: '10', remainingAmount: '8.0098' });
    expect(walletPaymentPlan(usdt, usdt.remainingAmount)).toMatchObject({ value: 8_009_800n });
  });

  it('pays TRC-20 tokens with TronLink, Lightning with its invoice', () => {
    const trc = cryptoOrder({ chain: 'TRX', currency: 'USDT-TRC20' });
    expect(walletPaymentPlan(trc, '18.0098')).toEqual({
      family: 'tron',
      to: trc.address,
      token: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      value: 18_009_800n,
    });
    expect(walletPaymentPlan(lightningOrder(), '0.00019044')).toEqual({ family: 'lightning', invoice: INVOICE });
  });

  it('offers nothing for BTC, LTC, an unknown currency or nothing due', () => {
    expect(walletPaymentPlan(cryptoOrder(), '0.00125')).toBeNull();
    expect(walletPaymentPlan(cryptoOrder({ chain: 'LTC', currency: 'LTC' }), '0.2')).toBeNull();
    expect(walletPaymentPlan({ ...cryptoOrder({ chain: 'ETH', currency: 'ETH' }), currency: 'PEPE-ERC20' }, '1')).toBeNull();
    expect(walletPaymentPlan(cryptoOrder({ chain: 'ETH', currency: 'ETH' }), '0')).toBeNull();
  });

  it('refuses a contract the table does not know, and an amount finer than the token', () => {
    const forged = cryptoOrder({ chain: 'ETH', currency: 'USDT-ERC20', contractAddress: '0x000000000000000000000000000000000000dEaD' });
    expect(codeOf(() => walletPaymentPlan(forged, '18'))).toBe('token_unsupported');
    expect(codeOf(() => walletPaymentPlan(cryptoOrder({ chain: 'ETH', currency: 'USDT-ERC20' }), '18.0000001'))).toBe('amount_invalid');
  });
});
