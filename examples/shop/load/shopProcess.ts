// The example shop as `pnpm start` runs it (settings from the environment), with the front end
// from `--client-dir`; prints one JSON line with its URLs once it listens. For the load tests,
// which start it under `ulimit -n`.
import { readShopConfig } from '../server/shopConfig.js';
import { startShop } from '../server/startShop.js';

const clientDir = process.argv.find((arg) => arg.startsWith('--client-dir='))?.slice('--client-dir='.length);
const { port, host, payments, storage, trustProxy, connectionsPerAddress } = readShopConfig(process.env);
if (payments.kind !== 'sandbox') throw new Error('The load tests run the shop against its own sandbox.');
const shop = await startShop({
  port,
  host,
  storage,
  trustProxy,
  ...(clientDir === undefined ? {} : { clientDir }),
  sandbox: { orderTtlSeconds: payments.orderTtlSeconds },
  ...(connectionsPerAddress === undefined ? {} : { connections: { perAddress: connectionsPerAddress } }),
});
process.stdout.write(`${JSON.stringify({ url: shop.url.replace('localhost', '127.0.0.1'), sandboxUrl: shop.sandboxUrl })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void shop.close().then(() => process.exit(0)));
}
