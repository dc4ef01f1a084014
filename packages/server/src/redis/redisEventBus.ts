import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { parseEventBusMessage, type EventBusMessage } from '../checkout/stores/eventBusMessage.js';
import { MemoryEventBus } from '../checkout/stores/memoryEventBus.js';
import type { OrderEventBus, OrderEventListener } from '../checkout/stores/orderEventBus.js';
import type { StoredOrder } from '../checkout/stores/orderStore.js';
import { toRedisStoreError } from './toRedisStoreError.js';

export interface RedisEventBusOptions {
  /** The command connection, for PUBLISH. */
  publisher: Redis;
  /** Opens the dedicated subscriber connection, on first need. */
  openSubscriber: () => Redis;
  channel: string;
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
}

/**
 * The `OrderEventBus` over Redis pub/sub: `publish` hands the order to this process's subscribers
 * at once and PUBLISHes it on one channel; a dedicated subscriber connection hears every other
 * process's orders (its own echo is skipped) and hands them on. The subscription is renewed after
 * a reconnect; what was published meanwhile reaches the streams through their watchers' polls.
 *
 * @example const events = new RedisEventBus({ publisher, openSubscriber: () => publisher.duplicate(), channel, onError });
 */
export class RedisEventBus implements OrderEventBus {
  readonly #o: RedisEventBusOptions;
  readonly #local = new MemoryEventBus();
  readonly #id = randomUUID();
  #subscriber: Redis | null = null;
  #subscribed: Promise<void> | null = null;
  #closed = false;

  constructor(options: RedisEventBusOptions) {
    this.#o = options;
  }

  async publish(order: StoredOrder): Promise<void> {
    let localError: unknown = null;
    try {
      this.#local.publish(order);
    } catch (error) {
      localError = error;
    }
    try {
      await this.#o.publisher.publish(this.#o.channel, JSON.stringify({ from: this.#id, order } satisfies EventBusMessage));
    } catch (error) {
      throw toRedisStoreError(error, 'publish a status change');
    }
    if (localError !== null) throw localError;
  }

  subscribe(listener: OrderEventListener): () => void {
    const stop = this.#local.subscribe(listener);
    this.ready().catch((error: unknown) => {
      if (!this.#closed) this.#o.onError(error, { where: 'order events subscription' });
    });
    return stop;
  }

  /** Resolves once the subscriber connection listens on the channel. */
  ready(): Promise<void> {
    this.#subscribed ??= this.#listen();
    return this.#subscribed;
  }

  /** Closes the subscriber connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#subscriber?.disconnect();
    this.#subscriber = null;
  }

  async #listen(): Promise<void> {
    const subscriber = this.#o.openSubscriber();
    this.#subscriber = subscriber;
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.#o.channel) this.#receive(text);
    });
    await subscriber.subscribe(this.#o.channel);
  }

  #receive(text: string): void {
    const message = parseEventBusMessage(text);
    // Redis carries the whole order whatever its size: a message without one is not the kit's.
    if (message === null || !('order' in message)) {
      this.#o.onError(new Error(`Ignored a malformed message on ${this.#o.channel}.`), { where: 'order events' });
      return;
    }
    if (message.from === this.#id) return;
    try {
      this.#local.publish(message.order);
    } catch (error) {
      this.#o.onError(error, { where: 'order events', orderId: message.order.orderId });
    }
  }
}
