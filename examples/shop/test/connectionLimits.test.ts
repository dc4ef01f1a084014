import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { connectionLimits, limitConnections, openFileLimit } from '../server/connectionLimits.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             95668                95668                processes
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
`;

describe('openFileLimit and connectionLimits', () => {
  test('reads the soft limit, and null where it is unknown or unlimited', () => {
    expect(openFileLimit(() => LIMITS)).toBe(1024);
    expect(openFileLimit(() => LIMITS.replace('1024 ', 'unlimited '))).toBeNull();
    expect(
      openFileLimit(() => {
        throw new Error('ENOENT');
      }),
    ).toBeNull();
  });

  test('keeps a quarter of the descriptors for the shop and streams to half of them', () => {
    expect(connectionLimits(1024)).toEqual({ maxConnections: 768, perAddress: 64, maxStreams: 512 });
    expect(connectionLimits(65_536, 200)).toEqual({ maxConnections: 49_152, perAddress: 200, maxStreams: 32_768 });
    // A tiny limit still leaves room for the shop's own work.
    expect(connectionLimits(100)).toEqual({ maxConnections: 36, perAddress: 64, maxStreams: 8 });
    expect(connectionLimits(null)).toEqual({ maxConnections: Infinity, perAddress: 64, maxStreams: 1000 });
  });
});

describe('limitConnections', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function serve(perAddress: number, trusted: (address: string) => boolean = () => false) {
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    const open = limitConnections(server, { maxConnections: 100, perAddress, maxStreams: 10 }, trusted);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, open, server };
  }

  /** Opens a connection from `localAddress` and sends one request; resolves with what the server wrote first. */
  function request(port: number, localAddress: string): Promise<{ socket: Socket; answer: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1', localAddress }, () => socket.write('GET / HTTP/1.1\r\nHost: shop\r\n\r\n'));
      sockets.push(socket);
      socket.once('error', reject);
      socket.once('data', (chunk) => resolve({ socket, answer: chunk.toString('latin1') }));
    });
  }

  test('answers 503 with a JSON error past the cap of one address, while other addresses are served', async () => {
    const { port, open, server } = await serve(3);
    expect(server.maxConnections).toBe(100);
    const held: { socket: Socket; answer: string }[] = [];
    for (let i = 0; i < 3; i += 1) held.push(await request(port, '127.0.0.5'));
    for (const { answer } of held) expect(answer).toMatch(/^HTTP\/1\.1 200/);
    const refused = await request(port, '127.0.0.5');
    expect(refused.answer).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(refused.answer).toContain('Retry-After: 5');
    expect(JSON.parse(refused.answer.split('\r\n\r\n')[1]!)).toMatchObject({ error: { code: 'too_many_connections' } });
    expect((await request(port, '127.0.0.6')).answer).toMatch(/^HTTP\/1\.1 200/);
    expect(open.get('ip4:127.0.0.5')).toBe(3);

    // A connection closed frees its place.
    const closed = new Promise((resolve) => held[0]!.socket.once('close', resolve));
    held[0]!.socket.destroy();
    await closed;
    await expect.poll(() => open.get('ip4:127.0.0.5')).toBe(2);
    expect((await request(port, '127.0.0.5')).answer).toMatch(/^HTTP\/1\.1 200/);
  });

  test('never counts a trusted proxy, and 0 turns the cap off', async () => {
    const proxied = await serve(1, (address) => address === '127.0.0.7');
    for (let i = 0; i < 3; i += 1) expect((await request(proxied.port, '127.0.0.7')).answer).toMatch(/^HTTP\/1\.1 200/);
    expect(proxied.open.size).toBe(0);
    const open = await serve(0);
    for (let i = 0; i < 3; i += 1) expect((await request(open.port, '127.0.0.8')).answer).toMatch(/^HTTP\/1\.1 200/);
  });
});
