import { createHmac } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { callbackHeaders } from './callbackSender.js';
import type { SandboxOptions } from '../sandboxOptions.js';
import { startCallbackReceiver } from '../test-utils/callbackReceiver.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';

const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function setup(statuses: number[] = [200], options: SandboxOptions = {}, receiverOptions: { delayMs?: number } = {}) {
  const receiver = await startCallbackReceiver(statuses, receiverOptions);
  cleanup.push(() => receiver.close());
  const sandbox = await startTestSandbox({ callbackRetryDelayMs: 50, ...options });
  cleanup.push(() => sandbox.close());
  return { receiver, sandbox };
}

function expectedSignature(secret: string, date: string, url: string): string {
  return createHmac('sha256', secret).update(`${date} | ${url}`).digest('base64');
}

async function attempts(sandbox: TestSandbox, orderId: string) {
  return (await sandbox.control('GET', `/_sandbox/orders/${orderId}`)).json.data.callbacks as Array<{ status: number | null; error: string | null; attempt: number; event: string; method: string }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('callbacks', () => {
  it('GETs callback_url on success with Callback-Token, Date and a valid Signature', async () => {
    const { receiver, sandbox } = await setup();
    const callbackUrl = `${receiver.url}/callback?id=32&shop=a`;
    const order = await sandbox.createOrder({ callback_url: callbackUrl, timeout_callback: `${receiver.url}/timeout` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const [hit] = await receiver.waitFor(1);
    expect(hit?.method).toBe('GET');
    expect(hit?.url).toBe('/callback?id=32&shop=a');
    expect(hit?.body).toBe('');
    const date = hit?.headers.date as string;
    expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(5000);
    expect(date).toBe(new Date(Date.parse(date)).toISOString());
    expect(hit?.headers['callback-token']).toBe(sandbox.options.callbackToken);
    expect(hit?.headers.signature).toBe(expectedSignature(sandbox.options.callbackSecret, date, callbackUrl));
    await sleep(50);
    expect(await attempts(sandbox, order.order_id)).toMatchObject([{ event: 'success', method: 'GET', attempt: 1, status: 200, error: null }]);
    expect(receiver.received).toHaveLength(1);
  });

  it('POSTs the order detail as JSON when enable_post_callback is set', async () => {
    const { receiver, sandbox } = await setup();
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/cb`, enable_post_callback: true });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const [hit] = await receiver.waitFor(1);
    expect(hit?.method).toBe('POST');
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(hit?.headers.signature).toBe(expectedSignature(sandbox.options.callbackSecret, hit?.headers.date as string, `${receiver.url}/cb`));
    const body = JSON.parse(hit?.body ?? '');
    const detail = (await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`)).json.data;
    expect(body).toMatchObject({ ...detail, bind_id: null, website: null, tx_hash_list: [detail.tx_hash] });
    expect(body.status).toBe('SUCCESS');
    expect(typeof body.amount).toBe('string');
  });

  it('GETs timeout_callback when an order is expired, and not callback_url', async () => {
    const { receiver, sandbox } = await setup();
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/ok`, timeout_callback: `${receiver.url}/late` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/expire`);
    const [hit] = await receiver.waitFor(1);
    expect(hit?.url).toBe('/late');
    await sleep(100);
    expect(receiver.received).toHaveLength(1);
    expect((await attempts(sandbox, order.order_id))[0]).toMatchObject({ event: 'timeout', status: 200 });
  });

  it('fires the timeout callback from the TTL timer with nobody asking', async () => {
    const { receiver, sandbox } = await setup([200], { orderTtlSeconds: 1 });
    await sandbox.createOrder({ timeout_callback: `${receiver.url}/late`, enable_post_callback: true });
    const [hit] = await receiver.waitFor(1, 2500);
    expect(JSON.parse(hit?.body ?? '').status).toBe('OVERDUE');
  });

  it('retries non-200 answers with doubling delays until a 200', async () => {
    const { receiver, sandbox } = await setup([500, 201, 200], { callbackRetryDelayMs: 60 });
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/cb` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const hits = await receiver.waitFor(3);
    const gaps = [(hits[1]?.at ?? 0) - (hits[0]?.at ?? 0), (hits[2]?.at ?? 0) - (hits[1]?.at ?? 0)];
    expect(gaps[0]).toBeGreaterThanOrEqual(55);
    expect(gaps[1]).toBeGreaterThanOrEqual(115);
    // Each retry is signed afresh.
    expect(hits[0]?.headers.signature).toBe(expectedSignature(sandbox.options.callbackSecret, hits[0]?.headers.date as string, `${receiver.url}/cb`));
    await sleep(300);
    expect(receiver.received).toHaveLength(3);
    expect((await attempts(sandbox, order.order_id)).map((a) => a.status)).toEqual([500, 201, 200]);
  });

  it('gives up after callbackRetries further attempts', async () => {
    const { receiver, sandbox } = await setup([503], { callbackRetries: 2, callbackRetryDelayMs: 20 });
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/cb` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    await receiver.waitFor(3);
    await sleep(400);
    expect(receiver.received).toHaveLength(3);
    const recorded = await attempts(sandbox, order.order_id);
    expect(recorded.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(recorded[2]?.error).toBe('receiver answered HTTP 503');
  });

  it('bounds every attempt with a timeout', async () => {
    const { receiver, sandbox } = await setup([200], { callbackRetries: 1, callbackRetryDelayMs: 10, callbackTimeoutMs: 100 }, { delayMs: 600 });
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/slow` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    await receiver.waitFor(2);
    await sleep(200);
    const recorded = await attempts(sandbox, order.order_id);
    expect(recorded).toHaveLength(2);
    expect(recorded.every((a) => a.status === null && a.error === 'no answer within 100 ms')).toBe(true);
  });

  it('records a receiver that cannot be reached', async () => {
    const gone = await startCallbackReceiver();
    await gone.close();
    const { sandbox } = await setup([200], { callbackRetries: 0 });
    const order = await sandbox.createOrder({ callback_url: `${gone.url}/cb` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    let recorded: Awaited<ReturnType<typeof attempts>> = [];
    for (let i = 0; i < 50 && recorded.length === 0; i += 1) {
      await sleep(20);
      recorded = await attempts(sandbox, order.order_id);
    }
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.status).toBeNull();
    expect(recorded[0]?.error).toMatch(/ECONNREFUSED|connect/);
  });

  it('cancels pending retries on close()', async () => {
    const { receiver, sandbox } = await setup([500], { callbackRetries: 5, callbackRetryDelayMs: 200 });
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/cb` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    await receiver.waitFor(1);
    await sandbox.close();
    await sleep(700);
    expect(receiver.received).toHaveLength(1);
  });
});

describe('callbackHeaders', () => {
  it("matches Aurpay's documented signature recipe", () => {
    const headers = callbackHeaders('https://api.you.com/callback?id=32', 'tok', 'sec', '2024-06-17T00:00:00Z');
    expect(headers).toEqual({
      'Callback-Token': 'tok',
      Date: '2024-06-17T00:00:00Z',
      Signature: expectedSignature('sec', '2024-06-17T00:00:00Z', 'https://api.you.com/callback?id=32'),
    });
  });
});
