import { readShopConfig } from './shopConfig.js';
import { ShopConfigError } from './shopConfigError.js';
import { startShop } from './startShop.js';

// `tsx server/main.ts` (pnpm start) serves the built front end; `--dev` compiles it on the fly.
try {
  const { port, host, payments } = readShopConfig(process.env);
  const frontend = process.argv.includes('--dev') ? 'vite' : 'static';
  const shop =
    payments.kind === 'gateway'
      ? await startShop({ port, host, frontend, gateway: payments })
      : await startShop({ port, host, frontend, sandbox: { orderTtlSeconds: payments.orderTtlSeconds } });
  const via =
    payments.kind === 'gateway'
      ? `Payments: Aurpay (callbacks to ${payments.publicUrl}/api/pay/callback)`
      : `Payments: local Aurpay sandbox at ${shop.sandboxUrl} (orders expire after ${payments.orderTtlSeconds} s)`;
  process.stdout.write(`\n  Shop ready: ${shop.url}\n  ${via}\n\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shop.close().then(() => process.exit(0)));
  }
} catch (error) {
  if (!(error instanceof ShopConfigError)) throw error;
  console.error(`Cannot start the shop: ${error.message}`);
  process.exit(1);
}
