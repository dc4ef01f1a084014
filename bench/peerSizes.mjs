// Other payment kits, measured by size.mjs exactly as it measures ours (esbuild, split at dynamic
// imports, minified, gzip 9, React left out), from bench/peers once `pnpm bench:peers` installed it.
// @daimo/pay's latest (2.0.0) is an empty deprecation notice and 1.19.11 was published without its
// build, so the last complete release, 1.19.10, stands for Daimo Pay.
import { existsSync, readFileSync } from 'node:fs';
import { BENCH } from './lib/paths.mjs';

const PEERS = `${BENCH}peers/node_modules/`;

const versionIn = (name) => JSON.parse(readFileSync(`${PEERS}${name}/package.json`, 'utf8')).version;

/** The peer rows to measure, or why there are none. */
export function peerEntries() {
  if (!existsSync(`${PEERS}@daimo/pay/package.json`) || !existsSync(`${PEERS}@coinbase/onchainkit/package.json`)) {
    return { entries: [], missing: 'bench/peers is not installed (pnpm bench:peers installs it from npm and measures)' };
  }
  const daimo = `Daimo Pay ${versionIn('@daimo/pay')}`;
  const onchainkit = `OnchainKit ${versionIn('@coinbase/onchainkit')}`;
  const row = (id, label, code, external = []) => ({ id, label, code, own: false, library: true, nodePaths: [PEERS], external });
  // The libraries both build on, which a shop with an EVM stack has already: left out in the second reading.
  const stack = ['viem', 'viem/*', 'wagmi', 'wagmi/*', '@wagmi/*', '@tanstack/react-query'];
  return {
    missing: null,
    entries: [
      row(
        'daimoPayButton',
        `${daimo}: DaimoPayButton + provider + config`,
        "export { DaimoPayButton, DaimoPayProvider, getDefaultConfig } from '@daimo/pay';",
      ),
      row('daimoPay', `${daimo}: every export`, "export * from '@daimo/pay';"),
      row('onchainkitCheckout', `${onchainkit}: @coinbase/onchainkit/checkout`, "export * from '@coinbase/onchainkit/checkout';"),
      row('onchainkit', `${onchainkit}: every export`, "export * from '@coinbase/onchainkit';"),
      row(
        'daimoPayButtonOwn',
        `${daimo}: button + provider, without viem, wagmi, react-query`,
        "export { DaimoPayButton, DaimoPayProvider, getDefaultConfig } from '@daimo/pay';",
        stack,
      ),
      row(
        'onchainkitCheckoutOwn',
        `${onchainkit}: checkout, without viem, wagmi, react-query`,
        "export * from '@coinbase/onchainkit/checkout';",
        stack,
      ),
    ],
  };
}
