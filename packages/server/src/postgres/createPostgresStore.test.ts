import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { storedOrder } from '../checkout/test-utils/storedOrder.js';
import { createPostgresStore } from './createPostgresStore.js';
import type { PostgresStoreOptions } from './postgresStoreOptions.js';

/** A port on 127.0.0.1 with nothing listening. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A server that accepts connections and never says a word: a hung database. */
function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => void sockets.add(socket));
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        port,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

const URL = 'postgres://shop@127.0.0.1:5432/shop';

describe('createPostgresStore', () => {
  it.each([
    ['no options', undefined, /pass an options object/],
    ['neither connectionString nor pool', {}, /give exactly one of connectionString and pool/],
    ['both connectionString and pool', { connectionString: URL, pool: new pg.Pool() }, /give exactly one of connectionString and pool/],
    ['a mysql url', { connectionString: 'mysql://127.0.0.1/shop' }, /connectionString must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ['a pool that is not a pg Pool', { pool: { query: () => null } }, /pool must be a pg Pool/],
    [
      'a timeout beside your own pool',
      { pool: new pg.Pool(), statementTimeoutMs: 1000 },
      /statementTimeoutMs applies to the pool the store opens/,
    ],
    ['a schema with a quote', { connectionString: URL, schema: 'shop"; DROP TABLE x; --' }, /schema must be an SQL identifier/],
    ['an empty schema', { connectionString: URL, schema: '' }, /schema must be/],
    ['a tablePrefix with a dash', { connectionString: URL, tablePrefix: 'my-shop_' }, /tablePrefix must be letters, digits and _/],
    ['a tablePrefix too long for its index names', { connectionString: URL, tablePrefix: 'p'.repeat(38) }, /tablePrefix .* at most 37/],
    ['a channel with spaces', { connectionString: URL, channel: 'shop events' }, /channel must be an SQL identifier/],
    [
      'a fractional statementTimeoutMs',
      { connectionString: URL, statementTimeoutMs: 1.5 },
      /statementTimeoutMs must be an integer ≥ 1 ms, got 1.5/,
    ],
    [
      'a zero connectionTimeoutMs',
      { connectionString: URL, connectionTimeoutMs: 0 },
      /connectionTimeoutMs must be an integer ≥ 1 ms, got 0/,
    ],
    ['an onError that is not a function', { connectionString: URL, onError: 'log' }, /onError must be a function/],
    ['a now that is not a function', { connectionString: URL, now: 5 }, /now must be a function/],
  ])('refuses %s with a message naming the option', (_name, options, message) => {
    expect(() => createPostgresStore(options as unknown as PostgresStoreOptions)).toThrow(message);
    expect(() => createPostgresStore(options as unknown as PostgresStoreOptions)).toThrow(
      expect.objectContaining({ code: 'postgres_options_invalid' }),
    );
  });

  it('spreads into the checkout options as exactly store, events and refreshLock', async () => {
    const postgres = createPostgresStore({ connectionString: URL, schema: 'shop', tablePrefix: '', channel: 'Shop_Events' });
    expect(Object.keys({ ...postgres }).sort()).toEqual(['events', 'rateLimitBackend', 'refreshLock', 'store']);
    expect(typeof postgres.store.completeFulfilmentWith).toBe('function');
    await postgres.close();
  });

  it('fails fast with StoreUnavailableError when the database refuses connections, and names the timeout in ready()', async () => {
    const reported: { error: unknown; where: string }[] = [];
    const postgres = createPostgresStore({
      connectionString: `postgres://shop@127.0.0.1:${await closedPort()}/shop`,
      onError: (error, { where }) => void reported.push({ error, where }),
    });
    try {
      await expect(postgres.store.get('1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(postgres.store.put(storedOrder())).rejects.toMatchObject({
        code: 'store_unavailable',
        message: expect.stringMatching(/^PostgreSQL could not bring its tables up to date: /),
      });
      await expect(postgres.store.completeFulfilmentWith('1', 'paid', { owner: 'a', now: 1 }, () => 1)).rejects.toMatchObject({
        code: 'store_unavailable',
      });
      await expect(postgres.refreshLock.acquire('1', 1000)).rejects.toMatchObject({ code: 'store_unavailable' });
      await expect(postgres.events.publish(storedOrder())).rejects.toMatchObject({ code: 'store_unavailable' });
      await expect(postgres.migrate()).rejects.toMatchObject({ code: 'store_unavailable' });
      await expect(postgres.ready(300)).rejects.toThrow(/PostgreSQL was not reachable within 300 ms/);
      // The LISTEN connection ready() started failed too, and said so once.
      await vi.waitFor(() => expect(reported.filter((r) => r.where === 'postgres events connection')).toHaveLength(1), { timeout: 15_000 });
      expect(reported[0]?.error).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await postgres.close();
    }
  });

  it('gives up on a database that accepts connections and never answers after connectionTimeoutMs', async () => {
    const hung = await silentServer();
    const postgres = createPostgresStore({
      connectionString: `postgres://shop@127.0.0.1:${hung.port}/shop`,
      connectionTimeoutMs: 200,
      onError: () => undefined,
    });
    try {
      await expect(postgres.store.get('1')).rejects.toMatchObject({ code: 'store_unavailable', message: expect.stringMatching(/timeout/) });
    } finally {
      await postgres.close();
      await hung.close();
    }
  });
});
