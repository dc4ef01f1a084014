import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckoutOrder } from '@aurpay-kit/core';
import { startSandbox, type Sandbox } from '@aurpay-kit/sandbox';
import { freePort, startPostgresServer, startRedisServer } from '@aurpay-kit/testing';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { callJson } from '../clusterInstance.js';
import { checkoutChild, type CheckoutChild } from './checkoutChild.js';

/** A small seeded generator (mulberry32): the same seed plays the same run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SEED = Number(process.env.CRASH_SEED ?? 20261202);
const ORDERS = 30;
/** A run restarts a process some twenty times; each start compiles TypeScript, so a run takes a while. */
const RUN_MS = 240_000;

interface Effects {
  paid: string[];
  expired: string[];
}

interface Backend {
  url: string;
  effects(): Promise<Effects>;
  close(): Promise<void>;
}

interface Report {
  store: string;
  seed: number;
  orders: number;
  payments: number;
  partPayments: number;
  expiries: number;
  kills: number;
  longestOutageMs: number;
  hookInvocations: number;
  fulfilled: number;
  expiredFulfilled: number;
}

const reports: Report[] = [];
const work = mkdtempSync(join(tmpdir(), 'aurpay-crash-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  const dir = new URL('../../test-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('crash-report.json', dir), `${JSON.stringify(reports, null, 2)}\n`);
});

/** Resolves once `check` holds, looking again every 100 ms; fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number, what: () => Promise<string>): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) if (await check()) return;
  throw new Error(`not settled after ${ms} ms: ${await what()}`);
}

/**
 * Plays one run: orders created through the checkout process, paid (in full, in part then in
 * full), expired or left alone at the sandbox, while the process is SIGKILLed at random points and
 * started again, once staying down longer than all of the sandbox's callback retries. Then every
 * open order is expired, and the run waits until the shop's effects match what the gateway says.
 */
async function run(store: string, backend: Backend): Promise<Report> {
  const sandbox: Sandbox = await startSandbox({
    port: 0,
    quiet: true,
    callbackRetries: 2,
    callbackRetryDelayMs: 30,
    callbackTimeoutMs: 1000,
  });
  const port = await freePort();
  const invocations = join(work, `${store}-invocations.log`);
  writeFileSync(invocations, '');
  const child: CheckoutChild = checkoutChild({
    STORE: store,
    STORE_URL: backend.url,
    SANDBOX_URL: sandbox.url,
    PORT: String(port),
    INVOCATIONS_FILE: invocations,
  });
  const shop = `http://127.0.0.1:${port}/api/pay`;
  const control = (path: string, body: unknown = {}) => callJson(sandbox.url, 'POST', `/_sandbox/orders/${path}`, { body });
  const next = random(SEED + store.length);
  const report: Report = {
    store,
    seed: SEED,
    orders: 0,
    payments: 0,
    partPayments: 0,
    expiries: 0,
    kills: 0,
    longestOutageMs: 0,
    hookInvocations: 0,
    fulfilled: 0,
    expiredFulfilled: 0,
  };
  const open: CheckoutOrder[] = [];
  const all: CheckoutOrder[] = [];
  let longOutageDone = false;
  try {
    await child.start();
    while (report.orders < ORDERS) {
      const roll = next();
      if (roll < 0.4 && child.up) {
        const body = next() < 0.7 ? { kind: 'crypto', chain: 'BTC', currency: 'BTC' } : { kind: 'lightning' };
        // A creation cut short by a kill is an order the buyer never saw: it is not tracked.
        const created = await callJson(shop, 'POST', '/orders', { body }).catch(() => null);
        if (created?.status === 201) {
          open.push(created.body as CheckoutOrder);
          all.push(created.body as CheckoutOrder);
          report.orders += 1;
        }
      } else if (roll < 0.75 && open.length > 0) {
        const order = open.splice(Math.floor(next() * open.length), 1)[0]!;
        const act = next();
        if (act < 0.6) {
          await control(`${order.orderId}/pay`);
          report.payments += 1;
        } else if (act < 0.75 && order.kind === 'crypto') {
          await control(`${order.orderId}/pay`, { amount: '0.00001' });
          report.partPayments += 1;
          open.push(order);
        } else {
          await control(`${order.orderId}/expire`);
          report.expiries += 1;
        }
        // Kill right behind a payment now and then, so some land inside its callback or hook.
        if (next() < 0.15 && child.up) {
          await sleep(Math.floor(next() * 40));
          await child.kill();
          report.kills += 1;
        }
      } else if (roll > 0.9 && child.up) {
        await child.kill();
        report.kills += 1;
      }
      if (!child.up) {
        // Once, down for longer than the sandbox's callback retries last (30 ms, then 60 ms).
        const downMs: number = !longOutageDone && report.orders >= ORDERS / 2 ? 2500 : Math.floor(next() * 300);
        longOutageDone ||= downMs === 2500;
        report.longestOutageMs = Math.max(report.longestOutageMs, downMs);
        await sleep(downMs);
        await child.start();
      }
      await sleep(Math.floor(next() * 50));
    }
    // Whatever is still open is expired at the gateway, so every order ends final.
    for (const order of open) {
      await control(`${order.orderId}/expire`);
      report.expiries += 1;
    }
    const gateway = async () => {
      const statuses = await Promise.all(
        all.map(
          async (order) =>
            [
              order.orderId,
              ((await callJson(sandbox.url, 'GET', `/_sandbox/orders/${order.orderId}`)).body as { data: { status: string } }).data.status,
            ] as const,
        ),
      );
      return {
        paid: statuses
          .filter(([, status]) => status === 'SUCCESS' || status === 'RESOLVED')
          .map(([id]) => id)
          .sort(),
        expired: statuses
          .filter(([, status]) => status === 'OVERDUE')
          .map(([id]) => id)
          .sort(),
      };
    };
    const expected = await gateway();
    const matches = async () => {
      const effects = await backend.effects();
      return JSON.stringify({ paid: [...effects.paid].sort(), expired: [...effects.expired].sort() }) === JSON.stringify(expected);
    };
    await eventually(matches, 60_000, async () => JSON.stringify({ expected, effects: await backend.effects() }));
    const effects = await backend.effects();
    // Every paid order fulfilled, each once; no unpaid order fulfilled; every expiry recorded once.
    expect(new Set(effects.paid).size).toBe(effects.paid.length);
    expect([...effects.paid].sort()).toEqual(expected.paid);
    expect([...effects.expired].sort()).toEqual(expected.expired);
    expect(expected.paid.length).toBeGreaterThan(0);
    report.fulfilled = effects.paid.length;
    report.expiredFulfilled = effects.expired.length;
    report.hookInvocations = readFileSync(invocations, 'utf8').split('\n').filter(Boolean).length;
    expect(report.kills).toBeGreaterThan(5);
    expect(report.longestOutageMs).toBeGreaterThanOrEqual(2500);
    reports.push(report);
    console.log(`crash run on ${store}: ${JSON.stringify(report)}`);
    return report;
  } finally {
    await child.kill();
    await sandbox.close();
    await backend.close();
  }
}

describe('a paid order is never lost: the checkout process killed anywhere, many times, while payments arrive', () => {
  it(
    'on SQLite, fulfils every paid order exactly once and no unpaid one',
    async () => {
      const file = join(work, 'shop.db');
      await run('sqlite', {
        url: file,
        effects: async () => {
          const db = new Database(file, { readonly: true, fileMustExist: true });
          try {
            const rows = db.prepare('SELECT order_id, outcome FROM shop_effects').all() as { order_id: string; outcome: string }[];
            return {
              paid: rows.filter((r) => r.outcome === 'paid').map((r) => r.order_id),
              expired: rows.filter((r) => r.outcome === 'expired').map((r) => r.order_id),
            };
          } catch {
            return { paid: [], expired: [] };
          } finally {
            db.close();
          }
        },
        close: async () => undefined,
      });
    },
    RUN_MS,
  );

  it(
    'on PostgreSQL, fulfils every paid order exactly once and no unpaid one',
    async () => {
      const server = await startPostgresServer();
      const pool = new pg.Pool({ connectionString: server.url });
      await run('postgres', {
        url: server.url,
        effects: async () => {
          const { rows } = await pool
            .query<{ order_id: string; outcome: string }>('SELECT order_id, outcome FROM shop_effects')
            .catch(() => ({ rows: [] }));
          return {
            paid: rows.filter((r) => r.outcome === 'paid').map((r) => r.order_id),
            expired: rows.filter((r) => r.outcome === 'expired').map((r) => r.order_id),
          };
        },
        close: async () => {
          await pool.end();
          await server.close();
        },
      });
    },
    RUN_MS,
  );

  it(
    'on Redis (append-only, fsync always), fulfils every paid order, its effect once, and no unpaid one',
    async () => {
      const server = await startRedisServer({ persistent: true });
      const redis = new Redis(server.url);
      await run('redis', {
        url: server.url,
        effects: async () => ({ paid: await redis.hkeys('shop:effects:paid'), expired: await redis.hkeys('shop:effects:expired') }),
        close: async () => {
          redis.disconnect();
          await server.close();
        },
      });
    },
    RUN_MS,
  );
});
