// The example shop at 1,024 open files, attacked from one loopback address (thousands of event
// streams on one order, hundreds of connections that never finish their headers) while a buyer on
// another address loads the page, orders, pays and waits for "paid" on its stream. The scenario is
// the shop's own load test (examples/shop/load/shopUnderAttack.ts), run here by tsx in the shop's
// folder against its built front end (dist/).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { log, print } from './lib/log.mjs';
import { ROOT } from './lib/paths.mjs';

const SHOP = `${ROOT}examples/shop/`;
export const TARGET_TIME_TO_PAID_MS = 1000;

export async function benchShopUnderAttack({ quick = false } = {}) {
  if (!existsSync(`${SHOP}dist/index.html`)) throw new Error('the shop is not built: pnpm --filter @aurpay-kit/example-shop build');
  const args = ['--import', 'tsx', 'load/main.ts', '--client-dir=dist', ...(quick ? ['--quick'] : [])];
  const child = spawn(process.execPath, args, { cwd: SHOP, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the shop's load test exited with ${code}: ${stderr}`);
  const report = JSON.parse(stdout.trim().split('\n').at(-1));
  log(`  ${report.streams.accepted} streams accepted of ${report.streams.attempted}; buyer saw paid in ${report.buyer.timeToPaidMs} ms`);
  return {
    ...report,
    targetTimeToPaidMs: TARGET_TIME_TO_PAID_MS,
    withinPaidTarget: report.buyer.fulfilled && report.buyer.timeToPaidMs < TARGET_TIME_TO_PAID_MS,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  print(JSON.stringify(await benchShopUnderAttack({ quick: process.argv.includes('--quick') }), null, 2));
}
