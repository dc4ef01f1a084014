// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AurpayProvider } from '../src/AurpayProvider.js';
import { CryptoCheckout } from '../src/CryptoCheckout.js';
import { LightningInvoice } from '../src/LightningInvoice.js';
import type { CheckoutDetails } from '../src/useCheckout.js';

// The real thing end to end: the Express checkout router over an AurpayClient, the sandbox as
// Aurpay (both in their own Node process, see integrationServer.mjs), and the components talking
// to them over HTTP on loopback. jsdom has no EventSource, so the components poll.
let server: ChildProcessWithoutNullStreams;
let endpoint: string;
let sandboxUrl: string;

beforeAll(async () => {
  const script = fileURLToPath(import.meta.url).replace(/integration\.test\.tsx$/, 'integrationServer.mjs');
  server = spawn(process.execPath, [script]);
  server.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const ready = await new Promise<{ endpoint: string; sandboxUrl: string }>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))));
    });
    server.once('exit', (code) => reject(new Error(`the integration server exited with ${code}`)));
  });
  ({ endpoint, sandboxUrl } = ready);
}, 90_000);

afterAll(async () => {
  cleanup();
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.stdin.end();
  await exited;
});

async function payInSandbox(orderId: string, amount?: string): Promise<void> {
  const response = await fetch(`${sandboxUrl}/_sandbox/orders/${orderId}/pay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(amount ? { amount } : {}),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

function mount(ui: ReactElement) {
  return render(
    <AurpayProvider endpoint={endpoint} pollIntervalMs={100}>
      {ui}
    </AurpayProvider>,
  );
}

/**
 * How long a step against the sandbox may take before the test fails: generous, because a loaded
 * machine is slow, and never an expectation of speed (each wait ends as soon as the page shows it).
 */
const LIVE = { timeout: 30_000 };

describe('checkout components against the real router and the sandbox', () => {
  it('creates an order through <CryptoCheckout>, follows a partial then a full payment in the sandbox, and calls onSuccess', async () => {
    const onSuccess = vi.fn<(order: CheckoutDetails) => void>();
    const onStatusChange = vi.fn<(status: string, order: CheckoutDetails) => void>();
    const { container } = mount(<CryptoCheckout chain="BTC" currency="BTC" onSuccess={onSuccess} onStatusChange={onStatusChange} />);
    const root = () => container.querySelector('.aurpay-checkout')!;
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('awaiting_payment'), LIVE);
    const order = onStatusChange.mock.calls[0]![1];
    expect(order).toMatchObject({ kind: 'crypto', chain: 'BTC', currency: 'BTC', fiatAmount: '18.5', fiatCurrency: 'USD' });
    expect(container.querySelector('.aurpay-address code')?.textContent).toBe(order.address);
    expect(onSuccess).not.toHaveBeenCalled();

    await payInSandbox(order.orderId, '0.00001');
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('partially_paid'), LIVE);
    expect(container.querySelector('.aurpay-progress')?.textContent).toContain('Received0.00001 BTC');
    expect(onSuccess).not.toHaveBeenCalled();

    await payInSandbox(order.orderId);
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1), LIVE);
    expect(onSuccess.mock.calls[0]![0]).toMatchObject({ orderId: order.orderId, status: 'paid' });
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['awaiting_payment', 'partially_paid', 'paid']);
    expect(root().getAttribute('data-state')).toBe('paid');
  }, 120_000);

  it('does the same for a Lightning order', async () => {
    const onSuccess = vi.fn();
    const onStatusChange = vi.fn<(status: string, order: CheckoutDetails) => void>();
    const { container } = mount(<LightningInvoice onSuccess={onSuccess} onStatusChange={onStatusChange} />);
    const root = () => container.querySelector('.aurpay-checkout')!;
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('awaiting_payment'), LIVE);
    const order = onStatusChange.mock.calls[0]![1];
    expect(order.paymentRequest).toMatch(/^ln/);
    expect(container.querySelector('svg.aurpay-qr')).not.toBeNull();
    await payInSandbox(order.orderId);
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1), LIVE);
    expect(root().getAttribute('data-state')).toBe('paid');
  }, 120_000);
});
