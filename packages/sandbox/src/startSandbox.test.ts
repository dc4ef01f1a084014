import { request } from 'node:http';
import { connect } from 'node:net';

import { describe, expect, it } from 'vitest';

import { startSandbox } from './startSandbox.js';
import { SANDBOX_DEFAULTS } from './sandboxOptions.js';

describe('startSandbox', () => {
  it('listens on loopback at a free port and reports its URL and credentials', async () => {
    const sandbox = await startSandbox({ port: 0, quiet: true });
    try {
      expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
      expect(sandbox.port).toBeGreaterThan(0);
      expect(sandbox.options).toEqual(SANDBOX_DEFAULTS);
      expect(sandbox.nodePublicKey).toMatch(/^0[23][0-9a-f]{64}$/);
      const answer = await fetch(`${sandbox.url}/api/order/pay/real-currency`, { headers: { 'API-Key': SANDBOX_DEFAULTS.apiKey } });
      expect((await answer.json()).code).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('uses the credentials it is given', async () => {
    const sandbox = await startSandbox({
      quiet: true,
      apiKey: 'k1',
      apiToken: 't1',
      secretKey: 's1',
      callbackToken: 'ct',
      callbackSecret: 'cs',
    });
    try {
      expect(sandbox.options).toMatchObject({ apiKey: 'k1', apiToken: 't1', secretKey: 's1', callbackToken: 'ct', callbackSecret: 'cs' });
      const ok = await fetch(`${sandbox.url}/api/bln/balance`, { headers: { 'API-Key': 'k1' } });
      expect((await ok.json()).code).toBe(0);
      const old = await fetch(`${sandbox.url}/api/bln/balance`, { headers: { 'API-Key': SANDBOX_DEFAULTS.apiKey } });
      expect((await old.json()).code).not.toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('closes the connections it holds instead of waiting for them, and close() may be called twice', async () => {
    const sandbox = await startSandbox({ quiet: true });
    // Node's global agent keeps this connection open after the answer.
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${sandbox.url}/api/bln/balance`,
        { headers: { 'API-Key': SANDBOX_DEFAULTS.apiKey, Connection: 'keep-alive' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end();
    });
    // And a request whose body never ends: a server that only waited for its connections would
    // wait out Node's 300 s request timeout here, far beyond this test's own timeout.
    const stalled = connect(sandbox.port, '127.0.0.1');
    const stalledClosed = new Promise((resolve) => stalled.once('close', resolve));
    stalled.on('error', () => undefined);
    // A first, whole request, answered: the server holds this connection.
    const answered = new Promise((resolve) => stalled.once('data', resolve));
    stalled.write(`GET /api/bln/balance HTTP/1.1\r\nHost: 127.0.0.1\r\nAPI-Key: ${SANDBOX_DEFAULTS.apiKey}\r\n\r\n`);
    await answered;
    stalled.write(
      `POST /api/bln/order HTTP/1.1\r\nHost: 127.0.0.1\r\nAPI-Key: ${SANDBOX_DEFAULTS.apiKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"price":`,
    );
    await Promise.all([sandbox.close(), sandbox.close()]);
    await stalledClosed;
    await expect(fetch(`${sandbox.url}/api/bln/balance`)).rejects.toThrow();
  });

  it('rejects a port already in use and bad options', async () => {
    const first = await startSandbox({ quiet: true });
    try {
      await expect(startSandbox({ quiet: true, port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
    await expect(startSandbox({ orderTtlSeconds: 0 })).rejects.toThrow(/orderTtlSeconds/);
  });

  it('logs each request on stderr when quiet is false', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    const sandbox = await startSandbox({ quiet: false });
    try {
      await fetch(`${sandbox.url}/api/bln/balance`);
    } finally {
      process.stderr.write = write;
      await sandbox.close();
    }
    expect(lines.some((line) => line.includes('GET /api/bln/balance 200 code=401'))).toBe(true);
  });
});
