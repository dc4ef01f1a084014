import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCheckoutOptions } from '../checkout/test-utils/fakeCheckoutOptions.js';
import { createCheckoutRouter, type ExpressCheckoutOptions } from './createCheckoutRouter.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function serve(options: Partial<ExpressCheckoutOptions>, configure: (server: Server) => void = () => undefined): Promise<Server> {
  const app = express();
  const router = createCheckoutRouter({ ...fakeCheckoutOptions(), ...options });
  app.use('/api/pay', router);
  const server = createServer(app);
  configure(server);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pay/nowhere`);
  router.checkout.close();
  return server;
}

describe('the Express router and its server’s timeouts', () => {
  it('shortens the header and request timeouts of a server still at Node’s defaults', async () => {
    const server = await serve({});
    expect({ headers: server.headersTimeout, request: server.requestTimeout }).toEqual({ headers: 10_000, request: 30_000 });
  });

  it('leaves a server configured on purpose, or told to, as it is', async () => {
    const tuned = await serve({}, (server) => {
      server.headersTimeout = 20_000;
      server.requestTimeout = 120_000;
    });
    expect({ headers: tuned.headersTimeout, request: tuned.requestTimeout }).toEqual({ headers: 20_000, request: 120_000 });
    const untouched = await serve({ serverTimeouts: false });
    expect({ headers: untouched.headersTimeout, request: untouched.requestTimeout }).toEqual({ headers: 60_000, request: 300_000 });
    const custom = await serve({ serverTimeouts: { headersTimeoutMs: 5000 } });
    expect({ headers: custom.headersTimeout, request: custom.requestTimeout }).toEqual({ headers: 5000, request: 30_000 });
  });
});
