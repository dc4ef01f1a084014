import { vi } from 'vitest';
import type { OrderStatusView } from '../checkoutView.js';
import type { CheckoutStatus } from '../orderStatus.js';
import type { EventSourceLike } from '../orderSubscription.js';

// Stand-ins for what a status subscription talks to: the router's answers, an event stream, a tab.

let seq = 0;

/** An order status, one second newer than the previous one made here. */
export function view(status: CheckoutStatus, orderId = 'o1', extra: Partial<OrderStatusView> = {}): OrderStatusView {
  seq += 1;
  return {
    orderId,
    status,
    aurpayStatus: 'PENDING',
    amount: '1.5',
    paidAmount: '0',
    remainingAmount: '1.5',
    currency: 'BTC',
    expiresAt: '2030-01-01T00:30:00.000Z',
    updatedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, seq)).toISOString(),
    ...extra,
  };
}

export type Answer = { status?: number; body: unknown; delayMs?: number } | Error;

/** A fetch that answers from a queue (repeating the last answer) and records every call. */
export function fakeFetch(...answers: Answer[]) {
  const calls: { url: string; headers: Record<string, string>; signal: AbortSignal }[] = [];
  const fn = vi.fn((url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string>, signal: init.signal! });
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer instanceof Error) return Promise.reject(answer);
    const response = new Response(JSON.stringify(answer.body), { status: answer.status ?? 200 });
    if (!answer.delayMs) return Promise.resolve(response);
    return new Promise<Response>((resolve, reject) => {
      const t = setTimeout(() => resolve(response), answer.delayMs);
      init.signal?.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))));
    });
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data = '') {
    for (const l of this.listeners.get(type) ?? []) l({ data } as MessageEvent<string>);
  }
}

/** A tab whose visibility the test switches. */
export function fakeDocument() {
  const listeners = new Set<() => void>();
  return {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (_: 'visibilitychange', l: () => void) => listeners.add(l),
    removeEventListener: (_: 'visibilitychange', l: () => void) => listeners.delete(l),
    listeners,
    set(state: DocumentVisibilityState) {
      this.visibilityState = state;
      for (const l of [...listeners]) l();
    },
  };
}
