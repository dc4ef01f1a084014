// `tsx load/main.ts --client-dir=dist [--quick]`: the shop-under-attack figures as one JSON line,
// for `pnpm bench`.
import { attackShop } from './shopUnderAttack.js';

const clientDir = process.argv.find((arg) => arg.startsWith('--client-dir='))?.slice('--client-dir='.length) ?? 'dist';
const quick = process.argv.includes('--quick');
const report = await attackShop({ clientDir, ...(quick ? { streamAttempts: 600, slowConnections: 100 } : {}) });
process.stdout.write(`${JSON.stringify(report)}\n`);
