/** Aurpay's `chain_name` for each chain code, as its order lists show them. */
export const CHAIN_NAMES: Readonly<Record<string, string>> = Object.freeze({
  BTC: 'Bitcoin',
  LTC: 'Litecoin',
  ETH: 'Ethereum',
  BSC: 'BNB Smart Chain',
  TRX: 'Tron',
  BLN: 'Bitcoin Lightning Network',
});
