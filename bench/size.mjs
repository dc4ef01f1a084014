// Bundle cost of @aurpay-kit/react with @aurpay-kit/core, as a shop's bundler sees it: the built
// packages bundled with esbuild for the browser, split at dynamic imports, minified, gzipped at
// level 9 (each file on its own, as a browser fetches them). The budgets hold for the first paint:
// the entry and what it imports statically. What loads later (the currency logos) is reported
// beside it. React and react-dom are always left out (every shop has them). Deterministic, so it
// is also a check:
//   node bench/size.mjs          prints the table, exits 1 when a budget is exceeded
//   node bench/size.mjs --json   the same figures as JSON on stdout
//   node bench/size.mjs --peers  also Daimo Pay and OnchainKit, measured the same way, when
//                                bench/peers is installed (pnpm bench:peers installs it and runs this)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT, importFrom, versionOf } from './lib/paths.mjs';
import { log, print } from './lib/log.mjs';
import { peerEntries } from './peerSizes.mjs';

// Budgets read strictly: 1 kB = 1,000 bytes, the tighter reading of "16.5 kB" and "45 kB".
export const KB = 1000;
// Own code at first paint was 12 kB (11.94 measured) before the checkout showed every state of a
// payment. What the first paint gained since (16.07 kB): the merchant summary and line items, the
// currency picker grouped by network with its logo loader, the receipt part with its transaction
// list and explorer links (a public part, so in every bundle of all entries), the currency
// options, the appearance prop, focus that follows the state, announcements and texts with
// amounts, and the expiring-soon warning. The logos (10.45 kB, one chunk each) and the views after
// payment (3.28 kB) load later and are reported beside it.
export const OWN_BUDGET = 16.5 * KB;
export const WITH_DEPS_BUDGET = 45 * KB;

const REACT = ['react', 'react-dom', 'react/*', 'react-dom/*'];
const THIRD_PARTY = ['qrcode.react', '@radix-ui/react-dialog', 'light-bolt11-decoder'];
// The wallet entry's libraries: left out of its own-code row, in its row with libraries.
const WALLET_LIBRARIES = ['ox', 'ox/*', 'abitype', 'abitype/*', 'mipd', '@getalby/sdk', '@getalby/sdk/*'];
const reactDist = `${ROOT}packages/react/dist/index.js`;
const walletsDist = `${ROOT}packages/react/dist/wallets/index.js`;
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
  {
    id: 'locales',
    label: 'every language of @aurpay-kit/react/messages',
    code: `export * from '${ROOT}packages/react/dist/messages.js';`,
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
  // The lazy wallet entry, on its own: what a page loads when it shows a payment with wallets on.
  { id: 'wallets', label: '@aurpay-kit/react/wallets (own code)', code: `export * from '${walletsDist}';`, own: true },
  {
    id: 'walletsWithDeps',
    label: '@aurpay-kit/react/wallets with ox, abitype, mipd, Alby NWC',
    code: `export * from '${walletsDist}';`,
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

/** The output files a browser loads at once from `file`: it and what it imports statically, transitively. */
function firstPaintFiles(outputs, file) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !outputs[name]) return;
    seen.add(name);
    for (const i of outputs[name].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(file);
  return seen;
}

async function measure(esbuild, entry) {
  // Split as a shop's bundler splits: what `import()` loads later (the logos) is its own chunk,
  // out of the first paint; both are reported.
  const dir = mkdtempSync(join(tmpdir(), 'aurpay-size-'));
  try {
    const entryFile = join(dir, `${entry.id}.js`);
    writeFileSync(entryFile, entry.code);
    const result = await esbuild.build({
      entryPoints: [entryFile],
      nodePaths: [`${ROOT}packages/react/node_modules`, ...(entry.nodePaths ?? [])],
      outdir: join(dir, 'out'),
      bundle: true,
      splitting: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"production"' },
      external: [...(entry.own ? [...REACT, ...THIRD_PARTY, ...WALLET_LIBRARIES] : REACT), ...(entry.external ?? [])],
      // Other kits import their stylesheets and images; a shop's bundler emits those as files.
      loader: { '.css': 'empty', '.png': 'empty', '.svg': 'empty', '.woff': 'empty', '.woff2': 'empty' },
      metafile: true,
      write: false,
      logLevel: 'error',
    });
    const outputs = result.metafile.outputs;
    const files = Object.fromEntries(result.outputFiles.map((f) => [relative(process.cwd(), f.path), f.contents]));
    // Each dynamic import is an entry point of its own in the metafile: find the one asked for.
    const entryName = Object.keys(outputs).find((name) => outputs[name].entryPoint === relative(process.cwd(), entryFile));
    const first = firstPaintFiles(outputs, entryName);
    const size = (names) => ({
      min: names.reduce((sum, name) => sum + files[name].length, 0),
      gzip: names.reduce((sum, name) => sum + gzipSync(files[name], { level: 9 }).length, 0),
    });
    const shown = size([...first]);
    const later = Object.keys(outputs).filter((name) => !first.has(name) && name.endsWith('.js'));
    const lazy = size(later);
    // The currency logos (@web3icons/react, one chunk each, only those shown load) apart from the
    // views that load after the first paint (the outcome views, WebLN, invoice decoding).
    const isLogo = (name) => Object.keys(outputs[name].inputs).every((path) => path.includes('@web3icons'));
    const logos = size(later.filter(isLogo));
    // Files that kept bytes after tree-shaking (metafile.inputs also lists the ones shaken off).
    const inputs = [...first].flatMap((name) =>
      Object.entries(outputs[name].inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
    const imports = [...first].flatMap((name) => outputs[name].imports.map((i) => i.path));
    return {
      id: entry.id,
      label: entry.label,
      thirdPartyIncluded: !entry.own,
      library: entry.library === true,
      minifiedBytes: shown.min,
      gzipBytes: shown.gzip,
      lazyMinifiedBytes: lazy.min,
      lazyGzipBytes: lazy.gzip,
      lazyChunks: later.length,
      logoGzipBytes: logos.gzip,
      logoChunks: later.filter(isLogo).length,
      budgetBytes: entry.budget ?? null,
      withinBudget: entry.budget === undefined ? null : shown.gzip <= entry.budget,
      modules: inputs.length,
      includesDialog: inputs.some((path) => /CheckoutDialog\.js$/.test(path)) || imports.includes('@radix-ui/react-dialog'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bundles every row; throws when the packages are not built. */
export async function measureBundles({ peers = false } = {}) {
  const esbuild = await importFrom('react', 'esbuild');
  const rows = [];
  for (const entry of ENTRIES) rows.push({ ...(await measure(esbuild, entry)), peer: false, error: null });
  const { entries: peerRows, missing } = peers ? peerEntries() : { entries: [], missing: null };
  for (const entry of peerRows) {
    try {
      rows.push({ ...(await measure(esbuild, entry)), peer: true, error: null });
    } catch (error) {
      // A kit that does not bundle here is reported with the bundler's first line, in a row of the same shape.
      const row = { id: entry.id, label: entry.label, thirdPartyIncluded: true, library: true, minifiedBytes: 0, gzipBytes: 0 };
      const empty = {
        lazyMinifiedBytes: 0,
        lazyGzipBytes: 0,
        lazyChunks: 0,
        logoGzipBytes: 0,
        logoChunks: 0,
        budgetBytes: null,
        withinBudget: null,
        modules: 0,
        includesDialog: false,
      };
      rows.push({ ...row, ...empty, peer: true, error: String(error.message ?? error).split('\n')[0] });
    }
  }
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
    versions: Object.fromEntries(
      ['qrcode.react', '@radix-ui/react-dialog', 'light-bolt11-decoder', 'react'].map((name) => [
        name,
        versionOf(name === 'light-bolt11-decoder' ? 'core' : 'react', name),
      ]),
    ),
    rows,
    peers: PEER_BASELINES,
    peersMissing: missing,
    failures,
  };
}

async function main() {
  let result;
  try {
    result = await measureBundles({ peers: process.argv.includes('--peers') });
  } catch (error) {
    log(`size: ${error.message} (are the packages built? pnpm turbo run build --filter=@aurpay-kit/react...)`);
    process.exit(2);
  }
  if (process.argv.includes('--json')) {
    print(JSON.stringify(result, null, 2));
  } else {
    print(`bundle size (${result.tool})`);
    for (const row of result.rows) {
      if (row.error) {
        print(`  ${row.label.padEnd(62)} does not bundle: ${row.error}`);
        continue;
      }
      const budget = row.budgetBytes === null ? '' : `  budget ${kB(row.budgetBytes)} kB ${row.withinBudget ? 'ok' : 'OVER'}`;
      const views = row.lazyGzipBytes - row.logoGzipBytes;
      const lazy = row.lazyChunks
        ? `  later: ${kB(views)} kB views + ${kB(row.logoGzipBytes)} kB logos (${row.logoChunks} chunks); with every logo at once ${kB(row.gzipBytes + row.logoGzipBytes)} kB`
        : '';
      print(
        `  ${row.label.padEnd(62)} ${String(kB(row.minifiedBytes)).padStart(7)} kB min ${String(kB(row.gzipBytes)).padStart(6)} kB gzip${budget}${lazy}`,
      );
    }
    if (result.peersMissing) print(`  peers not measured: ${result.peersMissing}`);
    for (const peer of result.peers) print(`  ${`${peer.name} (quoted)`.padEnd(62)} ${''.padStart(14)} ~${kB(peer.gzipBytes)} kB gzip`);
  }
  for (const failure of result.failures) log(`size: over budget: ${failure}`);
  process.exit(result.failures.length > 0 ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
