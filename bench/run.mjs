// `pnpm bench`: every benchmark in one run, written to bench/results.json and bench/RESULTS.md.
//   node bench/run.mjs [--quick] [--only=bundle,signing,handler,fanIn,paymentToScreen,streams,shopUnderAttack,stores] [--note="…"]
// --quick shrinks every count (for checking the harness); --only re-runs some sections and keeps
// the others from the last results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import process from 'node:process';
import { BENCH } from './lib/paths.mjs';
import { log, print } from './lib/log.mjs';
import { benchFanIn } from './fanIn.mjs';
import { benchHandler } from './handler.mjs';
import { benchPaymentToScreen } from './paymentToScreen.mjs';
import { renderMarkdown } from './report.mjs';
import { benchShopUnderAttack } from './shopUnderAttack.mjs';
import { benchSigning } from './signing.mjs';
import { benchStores } from './stores.mjs';
import { benchStreams } from './streams.mjs';
import { measureBundles } from './size.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice(7)
  .split(',');
const note = args.find((arg) => arg.startsWith('--note='))?.slice(7);

const SECTIONS = {
  bundle: () => measureBundles(),
  signing: () => benchSigning(quick ? { rounds: 5, iterations: 3_000, warmup: 5_000 } : {}),
  handler: () => benchHandler(quick ? { rounds: 2, requests: 3_000, warmup: 1_000 } : {}),
  fanIn: () => benchFanIn(quick ? { subscribers: 200, pollers: 50, windowMs: 5_000 } : {}),
  paymentToScreen: () => benchPaymentToScreen(quick ? { orders: 40 } : {}),
  streams: () => benchStreams(quick ? { clients: 30, attempts: 12, orders: 100, perOrder: 10, payments: 20, windowMs: 3_000 } : {}),
  shopUnderAttack: () => benchShopUnderAttack({ quick }),
  stores: () => benchStores(quick ? { openOrders: 200, callbacks: 50, handler: { rounds: 2, requests: 2_000, warmup: 500 } } : {}),
};
for (const name of only ?? []) if (!SECTIONS[name]) throw new Error(`unknown section ${name}: use ${Object.keys(SECTIONS).join(', ')}`);

const resultsFile = `${BENCH}results.json`;
const previous = only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const load = (values) => values.map((value) => value.toFixed(2)).join(' / ');
const cores = cpus();
const startLoad = loadavg();
const results = { ...previous };
let failed = 0;

for (const [name, run] of Object.entries(SECTIONS)) {
  if (only && !only.includes(name)) continue;
  log(`${name}…`);
  const started = Date.now();
  try {
    results[name] = { measuredAt: new Date().toISOString(), ...(await run()) };
  } catch (error) {
    failed += 1;
    results[name] = { measuredAt: new Date().toISOString(), error: String(error?.stack ?? error) };
    log(`${name} failed: ${error?.stack ?? error}`);
  }
  log(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const endLoad = loadavg();
const notes = [];
if (note) notes.push(note);
const carried = Object.keys(SECTIONS).filter((name) => only && !only.includes(name) && results[name]);
if (carried.length > 0) {
  notes.push(`Carried over from an earlier run: ${carried.map((name) => `${name} (${results[name].measuredAt})`).join(', ')}.`);
}
// More runnable work than cores means other processes shared the machine during the run.
if (Math.max(startLoad[0], endLoad[0]) > cores.length * 0.5) {
  notes.push(
    `The machine was shared: the 1-minute load average reached ${Math.max(startLoad[0], endLoad[0]).toFixed(2)} on ${cores.length} cores, so timings are noisy and pessimistic; sizes are exact.`,
  );
}
results.meta = {
  date: new Date().toISOString(),
  quick,
  node: process.versions.node,
  v8: process.versions.v8,
  platform: `${process.platform} ${process.arch}`,
  cpus: cores.length,
  cpuModel: cores[0]?.model.trim() ?? 'unknown',
  totalMemoryGb: Math.round(totalmem() / 1024 ** 3),
  loadAverage: { start: load(startLoad), end: load(endLoad) },
  notes,
};
// Keep the metadata first in the file.
const ordered = { meta: results.meta, ...Object.fromEntries(Object.entries(results).filter(([key]) => key !== 'meta')) };
writeFileSync(resultsFile, `${JSON.stringify(ordered, null, 2)}\n`);
writeFileSync(`${BENCH}RESULTS.md`, renderMarkdown(ordered));
print(renderMarkdown(ordered));
log(`wrote ${resultsFile} and ${BENCH}RESULTS.md`);
process.exit(failed > 0 ? 1 : 0);
