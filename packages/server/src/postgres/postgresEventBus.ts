import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { parseEventBusMessage, type EventBusMessage } from '../checkout/stores/eventBusMessage.js';
import { MemoryEventBus } from '../checkout/stores/memoryEventBus.js';
import type { OrderEventBus, OrderEventListener } from '../checkout/stores/orderEventBus.js';
import type { StoredOrder } from '../checkout/stores/orderStore.js';
import type { PostgresDatabase } from './postgresDatabase.js';
import { PostgresListener } from './postgresListener.js';

export interface PostgresEventBusOptions {
  /** For NOTIFY. */
  db: PostgresDatabase;
  /** Opens a client for the dedicated LISTEN connection, on first need and after each loss. */
  openClient: () => Client;
  channel: string;
  /** Reads an order whose notification was too large to carry it. */
  load: (orderId: string) => Promise<StoredOrder | null>;
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
}

/** NOTIFY refuses a payload of 8000 bytes or more. */
const NOTIFY_LIMIT = 8000;

/**
 * The `OrderEventBus` over PostgreSQL LISTEN/NOTIFY: `publish` hands the order to this process's
 * subscribers at once and NOTIFYs it on one channel; a dedicated connection LISTENs and hands every
 * other process's orders on (its own echo is skipped). An order too large for a notification is
 * announced by id and version, and each listener reads it from the store. The LISTEN is renewed
 * after a reconnect; what was published meanwhile reaches the streams through their watchers' polls.
 *
 * @example const stop = postgres.events.subscribe((order) => console.log(order.orderId, order.status));
 */
export class PostgresEventBus implements OrderEventBus {
  readonly #o: PostgresEventBusOptions;
  readonly #local = new MemoryEventBus();
  readonly #id = randomUUID();
  readonly #listener: PostgresListener;

  constructor(options: PostgresEventBusOptions) {
    this.#o = options;
    this.#listener = new PostgresListener({
      openClient: options.openClient,
      channel: options.channel,
      onNotification: (payload) => this.#receive(payload),
      onError: options.onError,
    });
  }

  async publish(order: StoredOrder): Promise<void> {
    let localError: unknown = null;
    try {
      this.#local.publish(order);
    } catch (error) {
      localError = error;
    }
    const whole = JSON.stringify({ from: this.#id, order } satisfies EventBusMessage);
    const payload =
      Buffer.byteLength(whole) < NOTIFY_LIMIT
        ? whole
        : JSON.stringify({ from: this.#id, orderId: order.orderId, version: order.version } satisfies EventBusMessage);
    await this.#o.db.query('publish a status change', 'SELECT pg_notify($1, $2)', [this.#o.channel, payload]);
    if (localError !== null) throw localError;
  }

  subscribe(listener: OrderEventListener): () => void {
    const stop = this.#local.subscribe(listener);
    // Starts the LISTEN connection; its losses are reported by the listener itself.
    this.ready().catch(() => undefined);
    return stop;
  }

  /** Resolves once the LISTEN connection listens (now, or after it is back). */
  ready(): Promise<void> {
    return this.#listener.ready();
  }

  /** Closes the LISTEN connection. */
  close(): Promise<void> {
    return this.#listener.close();
  }

  #receive(payload: string): void {
    const message = parseEventBusMessage(payload);
    if (message === null) {
      this.#o.onError(new Error(`Ignored a malformed notification on ${this.#o.channel}.`), { where: 'order events' });
      return;
    }
    if (message.from === this.#id) return;
    if ('order' in message) {
      this.#hand(message.order);
      return;
    }
    const { orderId } = message;
    this.#o.load(orderId).then(
      (order) => order !== null && this.#hand(order),
      (error: unknown) => this.#o.onError(error, { where: 'order events', orderId }),
    );
  }

  #hand(order: StoredOrder): void {
    try {
      this.#local.publish(order);
    } catch (error) {
      this.#o.onError(error, { where: 'order events', orderId: order.orderId });
    }
  }
}
