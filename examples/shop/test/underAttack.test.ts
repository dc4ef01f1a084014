import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { attackShop, type AttackReport } from '../load/shopUnderAttack.js';
import { buildFrontEnd } from './browserHarness.js';

let frontEnd: Awaited<ReturnType<typeof buildFrontEnd>>;
let report: AttackReport;

beforeAll(async () => {
  frontEnd = await buildFrontEnd();
  report = await attackShop({ clientDir: frontEnd.dir, fileLimit: 1024, streamAttempts: 3000, slowConnections: 300 });
  console.log(JSON.stringify(report, null, 2));
}, 180_000);

afterAll(async () => {
  await frontEnd?.remove();
});

describe('the example shop at 1,024 open files, one address attacking while another buys', () => {
  test('runs at the limit it was given', () => {
    expect(report.fileLimit).toBe(1024);
  });

  test('the buyer loads the page, orders, sees "paid" on its stream and finds the cart fulfilled', () => {
    expect(report.buyer).toMatchObject({ pageStatus: 200, cartStatus: 201, orderStatus: 201, streamStatus: 200, fulfilled: true });
    expect(report.buyer.assets).toBeGreaterThan(0);
  });

  test('the attacker holds a handful of streams; every other attempt is refused with an answer, none dropped', () => {
    const { streams } = report;
    expect(streams.attempted).toBeGreaterThanOrEqual(3000);
    expect(streams.accepted).toBe(10);
    expect(streams.tooManyStreams + streams.tooManyConnections).toBe(streams.attempted - streams.accepted);
    expect(streams.tooManyStreams).toBeGreaterThan(0);
    expect(streams.tooManyConnections).toBeGreaterThan(0);
    expect(streams.dropped + streams.other + streams.streamsFull).toBe(0);
  });

  test('slow connections get what is left of the address’s 64, are refused past it, and timed out', () => {
    const { slow } = report;
    expect(slow.attempted).toBe(300);
    // 64 per address, 10 of them streams: at most 54 held, the rest refused at once. Each held one is
    // timed out in the end, whether during the buy or after it (which depends on the machine's speed).
    expect(slow.timedOut).toBeLessThanOrEqual(54);
    expect(slow.refusedAtOnce).toBeGreaterThanOrEqual(300 - 54);
    expect(slow.timedOut + slow.refusedAtOnce).toBe(slow.attempted);
    expect(slow.heldDuringBuy).toBeLessThanOrEqual(slow.timedOut);
  });
});
