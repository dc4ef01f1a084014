import { createHmac } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { CallbackSender, callbackHeaders, type CallbackSenderOptions } from './callbackSender.js';
import type { SandboxOrder } from '../orders/sandboxOrder.js';
import type { SandboxOptions } from '../sandboxOptions.js';
import { startCallbackReceiver, type CallbackReceiverOptions } from '../test-utils/callbackReceiver.js';
import { eventually } from '../test-utils/eventually.js';
import { ManualTimers } from '../test-utils/manualTimers.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';
import { testOrder } from '../test-utils/testOrder.js';

const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function receiverFor(statuses: number[] = [200], options: CallbackReceiverOptions = {}) {
  const receiver = await startCallbackReceiver(statuses, options);
  cleanup.push(() => receiver.close());
  return receiver;
}

async function setup(statuses: number[] = [200], options: SandboxOptions = {}) {
  const receiver = await receiverFor(statuses);
  const sandbox = await startTestSandbox({ callbackRetryDelayMs: 50, ...options });
  cleanup.push(() => sandbox.close());
  return { receiver, sandbox };
}

function expectedSignature(secret: string, date: string, url: string): string {
  return createHmac('sha256', secret).update(`${date} | ${url}`).digest('base64');
}

type Attempt = { status: number | null; error: string | null; attempt: number; event: string; method: string };

/** The callback attempts the sandbox recorded for an order, once `done` holds for them. */
function attempts(sandbox: TestSandbox, orderId: string, done: (list: Attempt[]) => boolean, what: string): Promise<Attempt[]> {
  return eventually(async () => (await sandbox.control('GET', `/_sandbox/orders/${orderId}`)).json.data.callbacks as Attempt[], done, what);
}

describe('callbacks from a running sandbox', () => {
  it('GETs callback_url on success with Callback-Token, Date and a valid Signature', async () => {
    const { receiver, sandbox } = await setup();
    const callbackUrl = `${receiver.url}/callback?id=32&shop=a`;
    const order = await sandbox.createOrder({ callback_url: callbackUrl, timeout_callback: `${receiver.url}/timeout` });
    const before = Date.now();
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const [hit] = await receiver.waitFor(1);
    expect(hit?.method).toBe('GET');
    expect(hit?.url).toBe('/callback?id=32&shop=a');
    expect(hit?.body).toBe('');
    const date = hit?.headers.date as string;
    // Dated when it was sent: between the payment and its arrival.
    expect(Date.parse(date)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(date)).toBeLessThanOrEqual(hit?.at ?? 0);
    expect(date).toBe(new Date(Date.parse(date)).toISOString());
    expect(hit?.headers['callback-token']).toBe(sandbox.options.callbackToken);
    expect(hit?.headers.signature).toBe(expectedSignature(sandbox.options.callbackSecret, date, callbackUrl));
    const recorded = await attempts(sandbox, order.order_id, (list) => list.length > 0, 'the attempt to be recorded');
    expect(recorded).toMatchObject([{ event: 'success', method: 'GET', attempt: 1, status: 200, error: null }]);
    // Answered 200: nothing is sent again.
    expect(receiver.received).toHaveLength(1);
  });

  it('POSTs the order detail as JSON when enable_post_callback is set', async () => {
    const { receiver, sandbox } = await setup();
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/cb`, enable_post_callback: true });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const [hit] = await receiver.waitFor(1);
    expect(hit?.method).toBe('POST');
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(hit?.headers.signature).toBe(
      expectedSignature(sandbox.options.callbackSecret, hit?.headers.date as string, `${receiver.url}/cb`),
    );
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
    const recorded = await attempts(sandbox, order.order_id, (list) => list.length > 0, 'the timeout callback to be answered');
    expect(recorded).toMatchObject([{ event: 'timeout', status: 200 }]);
    expect(receiver.received.map((hit) => hit.url)).toEqual(['/late']);
  });

  it('fires the timeout callback from the TTL timer with nobody asking', async () => {
    const { receiver, sandbox } = await setup([200], { orderTtlSeconds: 1 });
    await sandbox.createOrder({ timeout_callback: `${receiver.url}/late`, enable_post_callback: true });
    const [hit] = await receiver.waitFor(1);
    expect(JSON.parse(hit?.body ?? '').status).toBe('OVERDUE');
  });

  it('retries a receiver that answers anything but 200, waiting at least the delay', async () => {
    const { receiver, sandbox } = await setup([500, 200], { callbackRetryDelayMs: 60 });
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/cb` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const recorded = await attempts(sandbox, order.order_id, (list) => list.some((a) => a.status === 200), 'a 200');
    expect(recorded.map((a) => a.status)).toEqual([500, 200]);
    // A timer never fires early: the gap is the delay or more, however loaded the machine.
    expect((receiver.received[1]?.at ?? 0) - (receiver.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(60);
    // Each retry is signed afresh.
    const second = receiver.received[1];
    expect(second?.headers.signature).toBe(
      expectedSignature(sandbox.options.callbackSecret, second?.headers.date as string, `${receiver.url}/cb`),
    );
  });

  it('records a receiver that cannot be reached', async () => {
    const gone = await startCallbackReceiver();
    await gone.close();
    const { sandbox } = await setup([200], { callbackRetries: 0 });
    const order = await sandbox.createOrder({ callback_url: `${gone.url}/cb` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const recorded = await attempts(sandbox, order.order_id, (list) => list.length > 0, 'the failed attempt');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.status).toBeNull();
    expect(recorded[0]?.error).toMatch(/ECONNREFUSED|connect/);
  });
});

/** A sender on manual timers: retries wait until the test runs them, so no delay is a race. */
function manualSender(options: Partial<CallbackSenderOptions> = {}) {
  const timers = new ManualTimers();
  const sender = new CallbackSender({
    token: 'tok',
    secret: 'sec',
    signed: true,
    retries: 5,
    retryDelayMs: 60,
    timeoutMs: 5000,
    timers,
    now: Date.now,
    log: () => undefined,
    ...options,
  });
  cleanup.push(() => {
    sender.close();
    timers.clearAll();
  });
  return { sender, timers };
}

function pay(sender: CallbackSender, order: SandboxOrder): void {
  sender.send(order, 'success', 'SUCCESS', () => '{}');
}

/** The order's attempts once there are `count` of them: each is recorded when it has ended. */
function ended(order: SandboxOrder, count: number): Promise<SandboxOrder['callbacks']> {
  return eventually(
    () => order.callbacks,
    (list) => list.length >= count,
    `${count} attempt(s) to end`,
  );
}

describe('CallbackSender', () => {
  it('retries with doubling delays until the receiver answers 200, then stops', async () => {
    const receiver = await receiverFor([500, 201, 200]);
    const { sender, timers } = manualSender({ retryDelayMs: 60 });
    const order = testOrder({ urls: { callback_url: `${receiver.url}/cb` } });
    pay(sender, order);
    await ended(order, 1);
    expect(timers.pending).toEqual([60]);
    timers.runNext();
    await ended(order, 2);
    expect(timers.pending).toEqual([120]);
    timers.runNext();
    await ended(order, 3);
    expect(timers.pending).toEqual([]);
    expect(order.callbacks.map((a) => a.status)).toEqual([500, 201, 200]);
    expect(receiver.received).toHaveLength(3);
  });

  it('gives up after `retries` further attempts', async () => {
    const receiver = await receiverFor([503]);
    const { sender, timers } = manualSender({ retries: 2, retryDelayMs: 20 });
    const order = testOrder({ urls: { callback_url: `${receiver.url}/cb` } });
    pay(sender, order);
    for (const count of [1, 2]) {
      await ended(order, count);
      timers.runNext();
    }
    await ended(order, 3);
    expect(timers.pending).toEqual([]);
    expect(order.callbacks.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(order.callbacks[2]?.error).toBe('receiver answered HTTP 503');
    expect(receiver.received).toHaveLength(3);
  });

  it('bounds every attempt with a timeout', async () => {
    const receiver = await receiverFor([200], { hang: true });
    const { sender, timers } = manualSender({ retries: 1, retryDelayMs: 10, timeoutMs: 100 });
    const order = testOrder({ urls: { callback_url: `${receiver.url}/slow` } });
    pay(sender, order);
    await ended(order, 1);
    timers.runNext();
    await ended(order, 2);
    expect(timers.pending).toEqual([]);
    expect(order.callbacks.every((a) => a.status === null && a.error === 'no answer within 100 ms')).toBe(true);
  });

  it('sends nothing more once closed: the pending retry is cleared with the timers', async () => {
    const receiver = await receiverFor([500]);
    const { sender, timers } = manualSender();
    const order = testOrder({ urls: { callback_url: `${receiver.url}/cb` } });
    pay(sender, order);
    await ended(order, 1);
    expect(timers.pending).toEqual([60]);
    // What Sandbox.close() does.
    timers.clearAll();
    sender.close();
    expect(timers.pending).toEqual([]);
    pay(sender, order);
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
