import type { StoredOrder } from './orderStore.js';

/**
 * What a shared event bus sends between processes: the changed order, or, when the order is too
 * large for the channel, its id and version for the receiver to read it. `from` names the sending
 * bus, which ignores its own messages.
 */
export type EventBusMessage = { from: string; order: StoredOrder } | { from: string; orderId: string; version: number };

function isMessage(value: unknown): value is EventBusMessage {
  const message = value as { from?: unknown; order?: Partial<StoredOrder>; orderId?: unknown; version?: unknown } | null;
  if (typeof message?.from !== 'string') return false;
  if (message.order !== undefined) return typeof message.order.orderId === 'string' && typeof message.order.version === 'number';
  return typeof message.orderId === 'string' && typeof message.version === 'number';
}

/**
 * Reads a message off the bus's channel: null when it is not JSON or not a message.
 *
 * @example parseEventBusMessage('{"from":"b1","orderId":"42","version":3}') // { from: 'b1', orderId: '42', version: 3 }
 */
export function parseEventBusMessage(text: string): EventBusMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  return isMessage(message) ? message : null;
}
