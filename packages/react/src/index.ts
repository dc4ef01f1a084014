'use client';

export { Address } from './Address.js';
export type { AddressProps } from './Address.js';
export { Amount } from './Amount.js';
export type { AmountProps } from './Amount.js';
export type { AurpayAppearance, AurpayColors } from './appearanceStyle.js';
export type { AurpayConfig, AurpayTheme } from './context.js';
export { AurpayProvider } from './AurpayProvider.js';
export type { AurpayProviderProps } from './AurpayProvider.js';
export { CheckoutDialog } from './CheckoutDialog.js';
export type { CheckoutDialogProps } from './CheckoutDialog.js';
export type { CheckoutPresentation } from './CheckoutFrame.js';
export { CopyButton } from './CopyButton.js';
export type { CopyButtonProps } from './CopyButton.js';
export { Countdown } from './Countdown.js';
export type { CountdownProps } from './Countdown.js';
export { CryptoCheckout } from './CryptoCheckout.js';
export type { CryptoCheckoutProps } from './CryptoCheckout.js';
export { CurrencyLogo } from './CurrencyLogo.js';
export type { CurrencyLogoProps } from './CurrencyLogo.js';
// German and Spanish stay in the main entry, as they were; every language is in ./locales.
export { deMessages } from './locales/deMessages.js';
export { enMessages } from './enMessages.js';
export type { AurpayMessages } from './enMessages.js';
export { esMessages } from './locales/esMessages.js';
export { LightningInvoice } from './LightningInvoice.js';
export type { LightningInvoiceProps } from './LightningInvoice.js';
export type { LineItem, MerchantDetails } from './MerchantSummary.js';
export { QRCode } from './QRCode.js';
export type { QRCodeProps } from './QRCode.js';
export { Receipt } from './Receipt.js';
export type { ReceiptProps } from './Receipt.js';
export { Status } from './Status.js';
export type { StatusProps } from './Status.js';
export { useAurpay } from './useAurpay.js';
export { useCheckout } from './useCheckout.js';
export type {
  CheckoutCallbacks,
  CheckoutDetails,
  UseCheckoutOptions,
  UseCheckoutResult,
} from './useCheckout.js';
export { useOrderStatus } from './useOrderStatus.js';
export type { UseOrderStatusResult } from './useOrderStatus.js';
