import type { OrderStatusView, PaymentTransaction } from './checkoutView.js';
import { AurpayKitError } from './errors.js';
import type { CheckoutStatus } from './orderStatus.js';
import { CHECKOUT_STATUSES, isDetectedStatus, isPaidStatus, isTerminalStatus } from './orderStatus.js';

/** Where a checkout is: not started, fetching, failed to fetch, or showing an order's status. */
export type CheckoutPhase = 'idle' | 'loading' | 'error' | CheckoutStatus;

export interface CheckoutError {
  code: string;
  message: string;
}

export interface CheckoutState {
  phase: CheckoutPhase;
  /** The latest order seen; kept through `loading` and `error`. */
  order: OrderStatusView | null;
  error: CheckoutError | null;
  /** Transactions this page reported itself (a wallet's sent hash), until the server lists them. */
  sent?: readonly PaymentTransaction[];
}

export const initialCheckoutState: CheckoutState = Object.freeze({ phase: 'idle', order: null, error: null });

export type CheckoutEvent =
  | { type: 'start' }
  | { type: 'update'; order: OrderStatusView }
  | { type: 'fail'; error: CheckoutError }
  | { type: 'detect'; transaction: PaymentTransaction }
  | { type: 'reset' };

export type CheckoutEffect =
  | { type: 'statusChange'; status: CheckoutStatus; order: OrderStatusView }
  | { type: 'success'; order: OrderStatusView }
  | { type: 'timeout'; order: OrderStatusView }
  | { type: 'paymentDetected'; order: OrderStatusView }
  | { type: 'error'; error: CheckoutError };

export interface CheckoutTransition {
  state: CheckoutState;
  effects: CheckoutEffect[];
}

function invalidEvent(message: string): AurpayKitError {
  return new AurpayKitError('checkout_event_invalid', message);
}

const describe = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : typeof value);

const unchanged = (state: CheckoutState): CheckoutTransition => ({ state, effects: [] });

function isLocked(state: CheckoutState): boolean {
  return state.order !== null && isTerminalStatus(state.order.status);
}

// A status outside the closed set is shown as unknown, so it can never pass for paid.
function knownStatus(status: unknown): CheckoutStatus {
  return (CHECKOUT_STATUSES as readonly unknown[]).includes(status) ? (status as CheckoutStatus) : 'unknown';
}

// `updatedAt` is the checkout server's ISO-8601 UTC, which Date.parse reads exactly. Times that
// cannot be read (NaN) cannot be ordered, so such an update is not taken for a stale one.
function isOlder(incoming: string, current: string): boolean {
  return Date.parse(incoming) < Date.parse(current);
}

// Whether a status may replace a final one: within the paid statuses, and paid on to refunded.
function mayLeave(from: CheckoutStatus, to: CheckoutStatus): boolean {
  return isPaidStatus(from) && (isPaidStatus(to) || to === 'refunded');
}

const HASH = /^[\w-]{1,128}$/;

// The page's own reported transactions over the server's view: an order the server still sees
// waiting is shown as detected, with those hashes, until the server says more.
function withSent(order: OrderStatusView, sent: readonly PaymentTransaction[] | undefined): OrderStatusView {
  if (!sent?.length) return order;
  const waiting = order.status === 'awaiting_payment' || order.status === 'partially_paid';
  if (!waiting && !isDetectedStatus(order.status)) return order;
  const listed = order.transactions ?? [];
  const missing = sent.filter((tx) => !listed.some((seen) => seen.hash.toLowerCase() === tx.hash.toLowerCase()));
  return {
    ...order,
    status: waiting ? 'detected' : order.status,
    transactions: missing.length ? [...listed, ...missing] : listed,
  };
}

function show(state: CheckoutState, order: OrderStatusView, sent = state.sent): CheckoutTransition {
  const previous = state.order?.status ?? null;
  const effects: CheckoutEffect[] = [];
  if (order.status !== previous) {
    effects.push({ type: 'statusChange', status: order.status, order });
    if (isPaidStatus(order.status) && !(previous && isPaidStatus(previous))) effects.push({ type: 'success', order });
    if (order.status === 'expired') effects.push({ type: 'timeout', order });
    if (isDetectedStatus(order.status) && !(previous && isDetectedStatus(previous))) {
      effects.push({ type: 'paymentDetected', order });
    }
  }
  const next: CheckoutState = { phase: order.status, order, error: null };
  return { state: sent?.length ? { ...next, sent } : next, effects };
}

function onUpdate(state: CheckoutState, incoming: OrderStatusView): CheckoutTransition {
  if (typeof incoming !== 'object' || incoming === null || typeof incoming.orderId !== 'string') {
    throw invalidEvent('An update event needs an order with an orderId.');
  }
  const status = knownStatus(incoming.status);
  const order = withSent(status === incoming.status ? incoming : { ...incoming, status }, state.sent);
  const current = state.order;
  if (current !== null) {
    // A late answer for an order the checkout no longer shows; `reset` first to switch orders.
    if (current.orderId !== order.orderId) return unchanged(state);
    if (isOlder(order.updatedAt, current.updatedAt)) return unchanged(state);
    const changes = order.status !== current.status;
    if (changes && isLocked(state) && !mayLeave(current.status, order.status)) return unchanged(state);
  }
  return show(state, order);
}

// A transaction the page itself sent (a wallet's answer): shown at once as detected, and kept
// over the server's word until the server lists it or moves on. Never paid: only the server says so.
function onDetect(state: CheckoutState, transaction: PaymentTransaction): CheckoutTransition {
  const hash = transaction?.hash;
  if (typeof hash !== 'string' || !HASH.test(hash)) {
    throw invalidEvent('A detect event needs a transaction with a hash of 1 to 128 letters, digits, - or _.');
  }
  const current = state.order;
  if (current === null || isLocked(state) || state.sent?.some((tx) => tx.hash === hash)) return unchanged(state);
  const confirmations = Number.isSafeInteger(transaction.confirmations) ? transaction.confirmations : null;
  const sent = [...(state.sent ?? []), { hash, confirmations }];
  const order = withSent(current, sent);
  return order === current ? unchanged(state) : show(state, order, sent);
}

/**
 * The checkout's pure state machine: the next state and the effects to run for one event.
 *
 * - `start` moves `idle` or `error` to `loading`; otherwise nothing changes.
 * - `update` shows the order. An update older (`updatedAt`) than the one shown, or for another
 *   order, is ignored. Once paid, overpaid, expired, failed or refunded the status stays, except
 *   between paid and overpaid and on to refunded. Effects: `statusChange` on every status change,
 *   `success` on entering `paid` or `overpaid`, `timeout` on entering `expired`, `paymentDetected`
 *   on entering `detected` or `confirming`.
 * - `detect` records a transaction the page sent itself (a wallet's hash): an order waiting for
 *   money shows as `detected` with it, whatever later updates say, until the server lists it or
 *   the order moves on to a status of its own.
 * - `fail` moves to `error` with an `error` effect, unless the order has reached a final status.
 * - `reset` returns to `initialCheckoutState`, dropping the order.
 *
 * A transition that changes nothing returns the same state object.
 *
 * @example
 * let { state, effects } = transition(initialCheckoutState, { type: 'start' });
 * ({ state, effects } = transition(state, { type: 'update', order }));
 * for (const effect of effects) if (effect.type === 'success') onSuccess(effect.order);
 */
export function transition(state: CheckoutState, event: CheckoutEvent): CheckoutTransition {
  if (typeof event !== 'object' || event === null) throw invalidEvent('A checkout event must be an object.');
  switch (event.type) {
    case 'start':
      if (state.phase !== 'idle' && state.phase !== 'error') return unchanged(state);
      return { state: { ...state, phase: 'loading', error: null }, effects: [] };
    case 'update':
      return onUpdate(state, event.order);
    case 'detect':
      return onDetect(state, event.transaction);
    case 'fail': {
      if (isLocked(state)) return unchanged(state);
      const { code, message } = event.error ?? {};
      if (typeof code !== 'string' || typeof message !== 'string') {
        throw invalidEvent('A fail event needs an error with a code and a message.');
      }
      const error = { code, message };
      return { state: { ...state, phase: 'error', error }, effects: [{ type: 'error', error }] };
    }
    case 'reset':
      return state === initialCheckoutState ? unchanged(state) : { state: initialCheckoutState, effects: [] };
    default:
      event satisfies never;
      throw invalidEvent(`Unknown checkout event type: ${describe((event as { type?: unknown }).type)}.`);
  }
}
