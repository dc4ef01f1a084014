// Measures what @aurpay-kit/react and @aurpay-kit/core add to a shop's bundle: bundled from
// source, minified and gzipped, with React, Radix, qrcode.react and the BOLT11 decoder left out
// (peer or shared dependencies the shop's bundle counts once). Two entries: everything the package
// exports, and `LightningInvoice` alone, which must not pull in the dialog.
// Usage: node scripts/size.mjs   (exits 1 when over budget or when the dialog leaks in)
import { build } from 'esbuild';
import console from 'node:console';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// 12 kB read strictly as 12,000 bytes, the tighter of the two readings.
const BUDGET_BYTES = 12_000;
const EXTERNAL = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'qrcode.react',
  '@radix-ui/react-dialog',
  'light-bolt11-decoder',
];
const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));

async function measure(name, contents) {
  const result = await build({
    stdin: { contents, resolveDir: path('../src'), sourcefile: `${name}.ts`, loader: 'ts' },
    alias: { '@aurpay-kit/core': path('../../core/src/index.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    external: EXTERNAL,
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  return {
    name,
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    // Files that left code in the output (the metafile also lists ones shaken out entirely).
    modules: Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file),
    imports: [...new Set(output.imports.map((i) => i.path))],
  };
}

const all = await measure('all entries', "export * from './index.ts';");
const lightning = await measure('LightningInvoice only', "export { LightningInvoice } from './index.ts';");

const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
for (const r of [all, lightning]) {
  console.log(
    `${r.name.padEnd(22)} ${String(r.minified).padStart(6)} B min (${kib(r.minified)})` +
      `  ${String(r.gzipped).padStart(6)} B gzip (${kib(r.gzipped)})`,
  );
}
console.log(`budget                 ${BUDGET_BYTES} B gzip (12 KiB), externals: ${EXTERNAL.join(', ')}`);

const failures = [];
if (all.gzipped > BUDGET_BYTES) failures.push(`all entries: ${all.gzipped} B gzipped, over ${BUDGET_BYTES} B`);
const dialog = lightning.modules.filter((file) => file.includes('CheckoutDialog'));
if (dialog.length > 0 || lightning.imports.includes('@radix-ui/react-dialog')) {
  failures.push(`LightningInvoice alone pulls in the dialog: ${[...dialog, ...lightning.imports].join(', ')}`);
}
if (!all.modules.some((file) => file.includes('CheckoutDialog'))) failures.push('the dialog is missing from the full bundle');
for (const failure of failures) console.error(`size: ${failure}`);
if (failures.length === 0) console.log('size: within budget; LightningInvoice alone leaves the dialog out');
process.exit(failures.length ? 1 : 0);
