import type { ComponentType, HTMLAttributes, SVGProps } from 'react';
import { forwardRef } from 'react';
import { cx } from './context.js';
import { tokenOf } from './format.js';
import { useModule } from './useModule.js';

type Icon = ComponentType<SVGProps<SVGSVGElement> & { size?: number }>;
type IconModule = Promise<{ default: Icon }>;

// Each logo is its own chunk from @web3icons/react, loaded when first shown: the checkout's first
// paint carries none of them.
const TOKENS: Record<string, () => IconModule> = {
  BTC: () => import('@web3icons/react/icons/tokens/TokenBTC'),
  LTC: () => import('@web3icons/react/icons/tokens/TokenLTC'),
  ETH: () => import('@web3icons/react/icons/tokens/TokenETH'),
  BNB: () => import('@web3icons/react/icons/tokens/TokenBNB'),
  USDT: () => import('@web3icons/react/icons/tokens/TokenUSDT'),
  USDC: () => import('@web3icons/react/icons/tokens/TokenUSDC'),
  DAI: () => import('@web3icons/react/icons/tokens/TokenDAI'),
};
const NETWORKS: Record<string, () => IconModule> = {
  BTC: () => import('@web3icons/react/icons/networks/NetworkBitcoin'),
  LTC: () => import('@web3icons/react/icons/networks/NetworkLitecoin'),
  ETH: () => import('@web3icons/react/icons/networks/NetworkEthereum'),
  BSC: () => import('@web3icons/react/icons/networks/NetworkBinanceSmartChain'),
  TRX: () => import('@web3icons/react/icons/networks/NetworkTron'),
  BLN: TOKENS.BTC!,
};

export interface CurrencyLogoProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  /** Aurpay's currency code (`USDT-ERC20`): its token's logo. */
  currency?: string;
  /** Aurpay's chain code (`ETH`): with no `currency`, the network's logo. */
  chain?: string;
  /** Pixels. Default 24. */
  size?: number;
}

/**
 * A token's or network's logo from the `@web3icons/react` set, loaded on first use: until then,
 * and for a currency the set lacks, an empty box of the same size, so nothing moves when it
 * arrives. Decorative (`aria-hidden`): the name beside it says what it is.
 *
 * @example <CurrencyLogo currency="USDT-ERC20" /> <CurrencyLogo chain="TRX" size={20} />
 */
export const CurrencyLogo = forwardRef<HTMLSpanElement, CurrencyLogoProps>(function CurrencyLogo(
  { currency, chain, size = 24, className, style, ...rest },
  ref,
) {
  const load = (currency ? TOKENS[tokenOf(currency).toUpperCase()] : chain ? NETWORKS[chain.toUpperCase()] : undefined) ?? null;
  const Logo = useModule(load)?.default;
  return (
    <span aria-hidden="true" {...rest} ref={ref} className={cx('aurpay-logo', className)} style={{ width: size, height: size, ...style }}>
      {Logo && <Logo size={size} />}
    </span>
  );
});
CurrencyLogo.displayName = 'CurrencyLogo';
