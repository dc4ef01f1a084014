import type { OrderStatusView } from './checkoutView.js';
import { AurpayKitError } from './errors.js';
import type { CheckoutStatus } from './orderStatus.js';
import { CHECKOUT_STATUSES, isTerminalStatus } from './orderStatus.js';

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
}

export const initialCheckoutState: CheckoutState = Object.freeze({ phase: 'idle', order: null, error: null });

export type CheckoutEvent =
  | { type: 'start' }
  | { type: 'update'; order: OrderStatusView }
  | { type: 'fail'; error: CheckoutError }
  | { type: 'reset' };

export type CheckoutEffect =
  | { type: 'statusChange'; status: CheckoutStatus; order: OrderStatusView }
  | { type: 'success'; order: OrderStatusView }
  | { type: 'timeout'; order: OrderStatusView }
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

function onUpdate(state: CheckoutState, incoming: OrderStatusView): CheckoutTransition {
  if (typeof incoming !== 'object' || incoming === null || typeof incoming.orderId !== 'string') {
    throw invalidEvent('An update event needs an order with an orderId.');
  }
  const status = knownStatus(incoming.status);
  const order = status === incoming.status ? incoming : { ...incoming, status };
  const current = state.order;
  if (current !== null) {
    // A late answer for an order the checkout no longer shows; `reset` first to switch orders.
    if (current.orderId !== order.orderId) return unchanged(state);
    if (isOlder(order.updatedAt, current.updatedAt)) return unchanged(state);
    const changes = order.status !== current.status;
    if (changes && isLocked(state) && !(current.status === 'paid' && order.status === 'refunded')) {
      return unchanged(state);
    }
  }
  const previous = current?.status ?? null;
  const effects: CheckoutEffect[] = [];
  if (order.status !== previous) {
    effects.push({ type: 'statusChange', status: order.status, order });
    if (order.status === 'paid') effects.push({ type: 'success', order });
    if (order.status === 'expired') effects.push({ type: 'timeout', order });
  }
  return { state: { phase: order.status, order, error: null }, effects };
}

/**
 * The checkout's pure state machine: the next state and the effects to run for one event.
 *
 * - `start` moves `idle` or `error` to `loading`; otherwise nothing changes.
 * - `update` shows the order. An update older (`updatedAt`) than the one shown, or for another
 *   order, is ignored. Once paid, expired, failed or refunded the status stays, except paid →
 *   refunded. Effects: `statusChange` on every status change, `success` on entering `paid`,
 *   `timeout` on entering `expired`.
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
      return { state: { phase: 'loading', order: state.order, error: null }, effects: [] };
    case 'update':
      return onUpdate(state, event.order);
    case 'fail': {
      if (isLocked(state)) return unchanged(state);
      const { code, message } = event.error ?? {};
      if (typeof code !== 'string' || typeof message !== 'string') {
        throw invalidEvent('A fail event needs an error with a code and a message.');
      }
      const error = { code, message };
      return { state: { phase: 'error', order: state.order, error }, effects: [{ type: 'error', error }] };
    }
    case 'reset':
      return state === initialCheckoutState ? unchanged(state) : { state: initialCheckoutState, effects: [] };
    default:
      event satisfies never;
      throw invalidEvent(`Unknown checkout event type: ${describe((event as { type?: unknown }).type)}.`);
  }
}
