import type { RenderResult } from '@testing-library/react';
import { act, render } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { userEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { StrictMode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { vi } from 'vitest';
import type { AurpayProviderProps } from '../AurpayProvider.js';
import { AurpayProvider } from '../AurpayProvider.js';
import { QRCode } from '../QRCode.js';
import type { FakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';

interface Options {
  server?: FakeCheckoutServer;
  provider?: Partial<AurpayProviderProps>;
  strict?: boolean;
}

/** Renders under an `AurpayProvider` wired to a fake router (polling: jsdom has no EventSource). */
export interface RenderedCheckout extends Omit<RenderResult, 'rerender'> {
  server: FakeCheckoutServer;
  user: UserEvent;
  rerender: (node: ReactElement) => void;
}

export function renderCheckout(ui: ReactElement, options: Options = {}): RenderedCheckout {
  const { server = fakeCheckoutServer(), provider = {}, strict = false } = options;
  const wrap = (node: ReactElement) => {
    const tree = (
      <AurpayProvider endpoint="/api/pay" fetch={server.fetch} eventSource={null} {...provider}>
        {node}
      </AurpayProvider>
    );
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  // No delays between input events: fake timers would have to drive them.
  const user = userEvent.setup({ delay: null });
  const result = render(wrap(ui));
  return { ...result, server, user, rerender: (node: ReactElement) => result.rerender(wrap(node)) };
}

/** Lets fake time pass (and promises settle) inside `act`. */
export async function advance(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  // The views the first paint does without load through import(): let them arrive and render.
  await act(async () => {
    await vi.dynamicImportSettled();
    await vi.advanceTimersByTimeAsync(0);
  });
}

/** The path data a QR code of `value` draws, to compare with a rendered one. */
export function qrPaths(value: string): string[] {
  return pathsOf(renderToStaticMarkup(<QRCode value={value} label="x" />));
}

/** The path data of the QR code inside an element. */
export function renderedQrPaths(root: ParentNode): string[] {
  const svg = root.querySelector('svg.aurpay-qr');
  return svg ? [...svg.querySelectorAll('path')].map((p) => p.getAttribute('d') ?? '') : [];
}

function pathsOf(html: string): string[] {
  return [...html.matchAll(/<path[^>]* d="([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** Switches jsdom's tab visibility and tells listeners. */
export function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}
