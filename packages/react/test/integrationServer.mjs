// The shop's server for test/integration.test.tsx, in a process of its own (jsdom's globals are
// not Node's): the sandbox as Aurpay, and an Express app with the checkout router on loopback.
// Prints one JSON line { endpoint, sandboxUrl } when ready; stops when its stdin closes.
import { startSandbox } from '@aurpay-kit/sandbox';
import { AurpayClient } from '@aurpay-kit/server';
import { createCheckoutRouter } from '@aurpay-kit/server/express';
import express from 'express';
import process from 'node:process';

const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', quiet: true });
const client = new AurpayClient({ baseUrl: sandbox.url, auth: { type: 'api-key', apiKey: sandbox.options.apiKey } });
const app = express();
const shop = await new Promise((resolve) => {
  const server = app.listen(0, '127.0.0.1', () => resolve(server));
});
const endpoint = `http://127.0.0.1:${shop.address().port}/api/pay`;
const router = createCheckoutRouter({
  client,
  publicUrl: endpoint,
  statusSecret: 'integration-status-secret-0123456789abcdef',
  callback: { token: sandbox.options.callbackToken, secret: sandbox.options.callbackSecret },
  priceFor: () => ({ amount: '18.50', currency: 'USD' }),
  minRefreshMs: 50,
});
app.use('/api/pay', router);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  router.checkout.close();
  shop.closeAllConnections();
  await new Promise((resolve) => shop.close(resolve));
  await sandbox.close();
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.on('SIGTERM', stop);
process.stdin.resume();
process.stdout.write(`${JSON.stringify({ endpoint, sandboxUrl: sandbox.url })}\n`);
