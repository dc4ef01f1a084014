import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredOrder } from '../src/checkout/stores/orderStore.js';
import { StoreUnavailableError } from '../src/checkout/stores/storeUnavailableError.js';
import { storedOrder } from '../src/checkout/test-utils/storedOrder.js';
import { createPostgresStore, type PostgresCheckoutStore } from '../src/postgres/index.js';
import { PostgresListener } from '../src/postgres/postgresListener.js';
import { lazyFixture } from './lazyFixture.js';
import { startPostgresServer } from '@aurpay-kit/testing';
import { SETTLE } from './settle.js';

const server = lazyFixture(
  () => startPostgresServer(),
  (started) => started.close(),
);

interface Instance {
  postgres: PostgresCheckoutStore;
  heard: StoredOrder[];
  errors: { error: unknown; where: string }[];
}

let opened: PostgresCheckoutStore[] = [];
let schemas = 0;
afterEach(async () => {
  await Promise.all(opened.map((postgres) => postgres.close()));
  opened = [];
});

/** Two processes' stores (a pool each) on one schema, each with a subscriber, both listening. */
async function twoInstances(): Promise<[Instance, Instance]> {
  const { url } = await server();
  const schema = `events_${++schemas}`;
  const make = async (): Promise<Instance> => {
    const errors: Instance['errors'] = [];
    const postgres = createPostgresStore({
      connectionString: url,
      schema,
      onError: (error, { where }) => void errors.push({ error, where }),
    });
    opened.push(postgres);
    const heard: StoredOrder[] = [];
    postgres.events.subscribe((order) => void heard.push(order));
    await postgres.ready();
    return { postgres, heard, errors };
  };
  return [await make(), await make()];
}

/** A proxy whose `silence()` makes the connections it carries go quiet, open but passing nothing: a peer gone without a word. */
async function silencingProxy(targetPort: number): Promise<{ port: number; silence(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let quiet = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ port: targetPort, host: '127.0.0.1' });
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('data', (chunk: Buffer) => void (quiet.has(from) || to.write(chunk)));
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    silence: () => void (quiet = new Set(sockets)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const ids = (orders: StoredOrder[]) => orders.map((order) => `${order.orderId.slice(-3)}@${order.version}`);

describe('PostgresEventBus', () => {
  it('hands a publish to this process at once and to the others over NOTIFY, never echoing it back', async () => {
    const [a, b] = await twoInstances();
    const first = storedOrder({ orderId: '20240613093614690001', version: 2, status: 'paid' });
    await a.postgres.events.publish(first);
    expect(ids(a.heard)).toEqual(['001@2']);
    await vi.waitFor(() => expect(ids(b.heard)).toEqual(['001@2']), SETTLE);
    expect(b.heard[0]).toEqual(first);
    // Notifications reach a listener in commit order: had A heard its own echo, it would come before this.
    const second = storedOrder({ orderId: '20240613093614690002', version: 3 });
    await b.postgres.events.publish(second);
    await vi.waitFor(() => expect(ids(a.heard)).toEqual(['001@2', '002@3']), SETTLE);
    expect(ids(b.heard)).toEqual(['001@2', '002@3']);
  });

  it('announces an order too large for a notification by id, and the other processes read it whole', async () => {
    const [a, b] = await twoInstances();
    const metadata = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`line${i}`, `Grüße ${'x'.repeat(300)} ${i}`]));
    const large = storedOrder({ metadata });
    expect(Buffer.byteLength(JSON.stringify(large))).toBeGreaterThan(8000);
    await a.postgres.store.put(large);
    const { url } = await server();
    const spy = new pg.Client(url);
    await spy.connect();
    try {
      const payloads: string[] = [];
      spy.on('notification', (message) => void payloads.push(message.payload ?? ''));
      await spy.query('LISTEN aurpay_events');
      await a.postgres.events.publish(large);
      await vi.waitFor(() => expect(b.heard).toHaveLength(1), SETTLE);
      expect(b.heard[0]).toEqual(large);
      expect(a.heard[0]).toBe(large);
      await vi.waitFor(() => expect(payloads).toHaveLength(1), SETTLE);
      expect(JSON.parse(payloads[0]!)).toEqual({ from: expect.any(String), orderId: large.orderId, version: 1 });
    } finally {
      await spy.end();
    }
  });

  it('reports a malformed notification and carries on', async () => {
    const [a, b] = await twoInstances();
    const { url } = await server();
    const other = new pg.Client(url);
    await other.connect();
    await other.query(`SELECT pg_notify('aurpay_events', 'not json')`);
    await other.end();
    await a.postgres.events.publish(storedOrder({ version: 4 }));
    await vi.waitFor(() => expect(ids(b.heard)).toEqual(['315@4']), SETTLE);
    expect(b.errors.map((e) => [e.where, String(e.error)])).toEqual([
      ['order events', 'Error: Ignored a malformed notification on aurpay_events.'],
    ]);
  });

  it('comes back after the server restarts: the lost LISTEN is reported once, renewed, and events flow again', async () => {
    const [a, b] = await twoInstances();
    const postgresServer = await server();
    await postgresServer.stop();
    await vi.waitFor(() => expect(b.errors.map((e) => e.where)).toContain('postgres events connection'), SETTLE);
    await expect(a.postgres.events.publish(storedOrder({ version: 2 }))).rejects.toBeInstanceOf(StoreUnavailableError);
    await postgresServer.start();
    await Promise.all([a.postgres.ready(), b.postgres.ready()]);
    await a.postgres.events.publish(storedOrder({ version: 3 }));
    await vi.waitFor(() => expect(ids(b.heard)).toEqual(['315@3']), SETTLE);
    await b.postgres.events.publish(storedOrder({ version: 4 }));
    await vi.waitFor(() => expect(ids(a.heard)).toEqual(['315@2', '315@3', '315@4']), SETTLE);
    // However many reconnect attempts the outage took, each listener said so once.
    expect(b.errors.filter((e) => e.where === 'postgres events connection')).toHaveLength(1);
    expect(b.errors.find((e) => e.where === 'postgres events connection')?.error).toBeInstanceOf(StoreUnavailableError);
  });
});

describe('PostgresListener', () => {
  it('notices a connection gone silent by its ping, says so once, and listens again on a new one', async () => {
    const postgresServer = await server();
    const proxy = await silencingProxy(postgresServer.port);
    const heard: string[] = [];
    const errors: unknown[] = [];
    // A ping unanswered for 5 s marks the connection dead: long enough that a loaded machine's slow
    // answer never does, and the silenced proxy's wait ends as soon as that runs out.
    const listener = new PostgresListener({
      openClient: () => new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'postgres', database: 'aurpay', query_timeout: 5000 }),
      channel: 'listener_test',
      onNotification: (payload) => void heard.push(payload),
      onError: (error) => void errors.push(error),
      pingIntervalMs: 50,
    });
    const notifier = new pg.Client(postgresServer.url);
    await notifier.connect();
    try {
      await listener.ready();
      await notifier.query(`SELECT pg_notify('listener_test', 'one')`);
      await vi.waitFor(() => expect(heard).toEqual(['one']), SETTLE);
      proxy.silence();
      await vi.waitFor(() => expect(errors).toHaveLength(1), SETTLE);
      expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
      await listener.ready();
      await notifier.query(`SELECT pg_notify('listener_test', 'two')`);
      await vi.waitFor(() => expect(heard).toEqual(['one', 'two']), SETTLE);
      expect(errors).toHaveLength(1);
    } finally {
      await listener.close();
      await notifier.end();
      await proxy.close();
    }
  });
});
