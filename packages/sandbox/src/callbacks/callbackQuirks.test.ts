import { afterEach, describe, expect, it } from 'vitest';

import { callbackEvent } from './callbackEvent.js';
import type { SandboxOptions } from '../sandboxOptions.js';
import { startCallbackReceiver } from '../test-utils/callbackReceiver.js';
import { eventually } from '../test-utils/eventually.js';
import { startTestSandbox } from '../test-utils/sandboxClient.js';

const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function setup(options: SandboxOptions) {
  const receiver = await startCallbackReceiver();
  cleanup.push(() => receiver.close());
  const sandbox = await startTestSandbox(options);
  cleanup.push(() => sandbox.close());
  return { receiver, sandbox };
}

describe('callbackEvent', () => {
  it('calls back on SUCCESS and OVERDUE; on every other change only under callbackEveryChange', () => {
    const final = { callbackEveryChange: false };
    const every = { callbackEveryChange: true };
    expect([callbackEvent('SUCCESS', final), callbackEvent('OVERDUE', final)]).toEqual(['success', 'timeout']);
    for (const status of ['PARTIAL', 'RESOLVED', 'REFUNDED', 'FAILED', 'TERMINATED'] as const) {
      expect(callbackEvent(status, final)).toBeNull();
      expect(callbackEvent(status, every)).toBe('success');
    }
    expect(callbackEvent('OVERDUE', every)).toBe('timeout');
  });
});

describe('callback quirks, over HTTP', () => {
  it('unsignedCallbacks: no Callback-Token, Date or Signature', async () => {
    const { receiver, sandbox } = await setup({ quirks: { unsignedCallbacks: true } });
    const order = await sandbox.createOrder({ callback_url: `${receiver.url}/cb?ref=abc` });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const [hit] = await receiver.waitFor(1);
    expect(hit?.url).toBe('/cb?ref=abc');
    for (const header of ['callback-token', 'date', 'signature']) expect(hit?.headers[header]).toBeUndefined();
  });

  it('callbackEveryChange: PARTIAL, OVERDUE, RESOLVED and REFUNDED each call back, in order', async () => {
    const { receiver, sandbox } = await setup({ profile: 'worst-case' });
    const order = await sandbox.createOrder({
      callback_url: `${receiver.url}/paid`,
      timeout_callback: `${receiver.url}/expired`,
      vs_price: 10,
    });
    const steps: Array<[string, unknown]> = [
      ['/pay', { amount: '4' }],
      ['/expire', undefined],
      ['/resolve', undefined],
    ];
    for (const [index, [step, body]] of steps.entries()) {
      await sandbox.control('POST', `/_sandbox/orders/${order.order_id}${step}`, body);
      await receiver.waitFor(index + 1);
    }
    await sandbox.api('POST', `/api/v2/order/refund/${order.order_id}`);
    const hits = await receiver.waitFor(4);
    expect(hits.map((hit) => hit.url)).toEqual(['/paid', '/expired', '/paid', '/paid']);
    // Each attempt is recorded once its answer came; wait for the fourth.
    const recorded = await eventually(
      async () =>
        (await sandbox.control('GET', `/_sandbox/orders/${order.order_id}`)).json.data.callbacks as Array<{
          event: string;
          order_status: string;
          status: number;
        }>,
      (list) => list.length >= 4,
      'the fourth attempt to be recorded',
    );
    expect(recorded.map((c) => [c.event, c.order_status, c.status])).toEqual([
      ['success', 'PARTIAL', 200],
      ['timeout', 'OVERDUE', 200],
      ['success', 'RESOLVED', 200],
      ['success', 'REFUNDED', 200],
    ]);
  });
});
