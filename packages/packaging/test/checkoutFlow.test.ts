import { describe, expect, inject, it } from 'vitest';
import type { ConsumerProject } from '../src/consumerProject.js';
import { runCommand } from '../src/runCommand.js';

const { app, express4 } = inject('packaging');

/**
 * The apps that take an order from creation to paid against the installed sandbox: a module in
 * consumer/flavours/ run by consumer/checkout-flow.mjs in one of the fresh projects. Another
 * framework is one more module and one more line here.
 */
const FLAVOURS: { name: string; module: string; project: ConsumerProject; framework: RegExp }[] = [
  { name: 'Express 5 (CommonJS)', module: 'express.cjs', project: app, framework: /^express 5\./ },
  { name: 'Express 4 (CommonJS)', module: 'express.cjs', project: express4, framework: /^express 4\./ },
  { name: 'fetch handler on Node http (ES module)', module: 'fetch.mjs', project: app, framework: /^fetch handler on node 20\./ },
];

interface FlowReport {
  framework: string;
  orderId: string;
  created: { status: string; amount: string; fiatAmount: string; address: string | null };
  polled: string;
  events: string[];
  settled: { status: string; paidAmount: string; amount: string };
  paid: { orderId: string; cartId: string; idempotencyKey: string }[];
}

describe.each(FLAVOURS)('$name', ({ module, project, framework }) => {
  it('takes an order from creation to paid against startSandbox() over HTTP', async () => {
    const { stdout } = await runCommand('node', ['checkout-flow.mjs', module], { cwd: project.dir, timeoutMs: 180_000 });
    const report = JSON.parse(stdout) as FlowReport;
    expect(report.framework).toMatch(framework);
    // Priced by the server (18.50 USD at the sandbox's 50,000 USD per BTC), whatever the body said.
    expect(report.created).toMatchObject({ status: 'awaiting_payment', fiatAmount: '18.5' });
    expect(report.created.amount).toMatch(/^0\.00037\d{3}$/);
    expect(report.created.address).toMatch(/^tb1q/);
    expect(report.polled).toBe('awaiting_payment');
    expect(report.events[0]).toBe('awaiting_payment');
    expect(report.events.at(-1)).toBe('paid');
    expect(report.settled).toEqual({ status: 'paid', paidAmount: report.created.amount, amount: report.created.amount });
    expect(report.paid).toEqual([{ orderId: report.orderId, cartId: 'cart-1', idempotencyKey: report.orderId }]);
  });
});
