// Bundle cost of @aurpay-kit/react with @aurpay-kit/core, as a shop's bundler sees it: the built
// packages bundled with esbuild for the browser, minified, gzipped at level 9. React and react-dom
// are always left out (every shop has them). Deterministic, so it is also a check:
//   node bench/size.mjs          prints the table, exits 1 when a budget is exceeded
//   node bench/size.mjs --json   the same figures as JSON on stdout
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT, importFrom, versionOf } from './lib/paths.mjs';
import { log, print } from './lib/log.mjs';

// Budgets read strictly: 1 kB = 1,000 bytes, the tighter reading of "12 kB" and "45 kB".
export const KB = 1000;
export const OWN_BUDGET = 12 * KB;
export const WITH_DEPS_BUDGET = 45 * KB;

const REACT = ['react', 'react-dom', 'react/*', 'react-dom/*'];
const THIRD_PARTY = ['qrcode.react', '@radix-ui/react-dialog', 'light-bolt11-decoder'];
const reactDist = `${ROOT}packages/react/dist/index.js`;
const coreDist = `${ROOT}packages/core/dist/index.js`;

/** What each row bundles; `own` rows leave the three third-party libraries out. */
const ENTRIES = [
  { id: 'all', label: 'all entries', code: `export * from '${reactDist}';`, own: true, budget: OWN_BUDGET },
  {
    id: 'allWithCore',
    label: 'all entries + every core export',
    code: `export * from '${reactDist}'; export * from '${coreDist}';`,
    own: true,
  },
  { id: 'lightningInvoice', label: 'LightningInvoice alone', code: `export { LightningInvoice } from '${reactDist}';`, own: true },
  { id: 'cryptoCheckout', label: 'CryptoCheckout alone', code: `export { CryptoCheckout } from '${reactDist}';`, own: true },
  {
    id: 'allWithDeps',
    label: 'all entries with qrcode.react, Radix dialog, BOLT11 decoder',
    code: `export * from '${reactDist}';`,
    own: false,
    budget: WITH_DEPS_BUDGET,
  },
  {
    id: 'lightningInvoiceWithDeps',
    label: 'LightningInvoice alone, with its libraries',
    code: `export { LightningInvoice } from '${reactDist}';`,
    own: false,
  },
  {
    id: 'cryptoCheckoutWithDeps',
    label: 'CryptoCheckout alone, with its libraries',
    code: `export { CryptoCheckout } from '${reactDist}';`,
    own: false,
  },
  { id: 'qrcodeReact', label: 'qrcode.react alone', code: `export * from 'qrcode.react';`, own: false, library: true },
  { id: 'radixDialog', label: '@radix-ui/react-dialog alone', code: `export * from '@radix-ui/react-dialog';`, own: false, library: true },
  { id: 'bolt11Decoder', label: 'light-bolt11-decoder alone', code: `export * from 'light-bolt11-decoder';`, own: false, library: true },
];

/** Quoted, not measured here: the same measure (minified + gzipped, wallet libraries left out). */
export const PEER_BASELINES = [
  { name: "Alby's Bitcoin Connect", gzipBytes: 245 * KB },
  { name: "OnchainKit's checkout", gzipBytes: 176 * KB },
];

export const kB = (bytes) => Math.round((bytes / KB) * 100) / 100;

async function measure(esbuild, entry) {
  const result = await esbuild.build({
    stdin: { contents: entry.code, resolveDir: `${ROOT}packages/react`, sourcefile: `${entry.id}.js`, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: entry.own ? [...REACT, ...THIRD_PARTY] : REACT,
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  // Files that kept bytes after tree-shaking (metafile.inputs also lists the ones shaken off).
  const inputs = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path);
  return {
    id: entry.id,
    label: entry.label,
    thirdPartyIncluded: !entry.own,
    library: entry.library === true,
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    budgetBytes: entry.budget ?? null,
    withinBudget: entry.budget === undefined ? null : gzipSync(code, { level: 9 }).length <= entry.budget,
    modules: inputs.length,
    includesDialog: inputs.some((path) => /CheckoutDialog\.js$/.test(path)) || output.imports.some((i) => i.path === '@radix-ui/react-dialog'),
  };
}

/** Bundles every row; throws when the packages are not built. */
export async function measureBundles() {
  const esbuild = await importFrom('react', 'esbuild');
  const rows = [];
  for (const entry of ENTRIES) rows.push(await measure(esbuild, entry));
  const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
  const failures = [];
  for (const row of rows) {
    if (row.withinBudget === false) {
      failures.push(`${row.label}: ${kB(row.gzipBytes)} kB gzipped, budget ${kB(row.budgetBytes)} kB`);
    }
  }
  if (byId.lightningInvoice.includesDialog) failures.push('LightningInvoice alone pulls in the dialog');
  return {
    tool: `esbuild ${versionOf('react', 'esbuild')}, minify, ESM, browser es2022, gzip level 9, 1 kB = 1000 bytes`,
    versions: Object.fromEntries(['qrcode.react', '@radix-ui/react-dialog', 'light-bolt11-decoder', 'react'].map((name) => [name, versionOf(name === 'light-bolt11-decoder' ? 'core' : 'react', name)])),
    rows,
    peers: PEER_BASELINES,
    failures,
  };
}

async function main() {
  let result;
  try {
    result = await measureBundles();
  } catch (error) {
    log(`size: ${error.message} (are the packages built? pnpm turbo run build --filter=@aurpay-kit/react...)`);
    process.exit(2);
  }
  if (process.argv.includes('--json')) {
    print(JSON.stringify(result, null, 2));
  } else {
    print(`bundle size (${result.tool})`);
    for (const row of result.rows) {
      const budget = row.budgetBytes === null ? '' : `  budget ${kB(row.budgetBytes)} kB ${row.withinBudget ? 'ok' : 'OVER'}`;
      print(`  ${row.label.padEnd(62)} ${String(kB(row.minifiedBytes)).padStart(7)} kB min ${String(kB(row.gzipBytes)).padStart(6)} kB gzip${budget}`);
    }
    for (const peer of result.peers) print(`  ${`${peer.name} (quoted)`.padEnd(62)} ${''.padStart(14)} ~${kB(peer.gzipBytes)} kB gzip`);
  }
  for (const failure of result.failures) log(`size: over budget: ${failure}`);
  process.exit(result.failures.length > 0 ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
