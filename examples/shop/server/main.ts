import { readShopConfig } from './shopConfig.js';
import { ShopConfigError } from './shopConfigError.js';
import { startShop } from './startShop.js';

// `tsx server/main.ts` (pnpm start) serves the built front end; `--dev` compiles it on the fly.
try {
  const { port, host, payments, storage, statusSecret, adminToken, trustProxy, connectionsPerAddress } = readShopConfig(process.env);
  const frontend = process.argv.includes('--dev') ? 'vite' : 'static';
  const connections = connectionsPerAddress === undefined ? {} : { perAddress: connectionsPerAddress };
  const common = { port, host, frontend, storage, statusSecret, adminToken, trustProxy, connections } as const;
  const shop =
    payments.kind === 'gateway'
      ? await startShop({ ...common, gateway: payments })
      : await startShop({ ...common, sandbox: { orderTtlSeconds: payments.orderTtlSeconds } });
  const via =
    payments.kind === 'gateway'
      ? `Payments: ${payments.baseUrl ?? 'Aurpay'} (callbacks to ${payments.publicUrl}/api/pay/callback)`
      : `Payments: local Aurpay sandbox at ${shop.sandboxUrl} (orders expire after ${payments.orderTtlSeconds} s)`;
  const admin = adminToken === undefined ? '' : `\n  Fulfilments: ${shop.url}/api/admin/fulfilments (Authorization: Bearer $ADMIN_TOKEN)`;
  process.stdout.write(`\n  Shop ready: ${shop.url}\n  ${via}\n  Orders and carts: ${shop.storage}${admin}\n\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shop.close().then(() => process.exit(0)));
  }
} catch (error) {
  if (!(error instanceof ShopConfigError)) throw error;
  console.error(`Cannot start the shop: ${error.message}`);
  process.exit(1);
}
