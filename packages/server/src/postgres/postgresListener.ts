import type { Client, Notification } from 'pg';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { quoteIdentifier } from './postgresTables.js';

export interface PostgresListenerOptions {
  /** A new, unconnected client for the dedicated LISTEN connection (one per attempt). */
  openClient: () => Client;
  channel: string;
  onNotification: (payload: string) => void;
  onError: (error: unknown, context: { where: string }) => void;
  /**
   * How often the connection is checked with `SELECT 1` (which fails after the client's
   * `query_timeout`): a peer gone without a word is noticed then, not after TCP keepalive's hours.
   * Default 30 000 ms.
   */
  pingIntervalMs?: number;
}

/** Reconnects at once, then backs off to one attempt every two seconds. */
function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** attempt, 2000);
}

/**
 * One connection that LISTENs on a channel for as long as it is open: when the connection is lost
 * it reconnects (with backoff) and LISTENs again. A loss is reported once to `onError`, and again
 * only after the connection was back. Notifications sent while it was down are not replayed.
 *
 * @example const listener = new PostgresListener({ openClient: () => new pg.Client(url), channel, onNotification, onError });
 */
export class PostgresListener {
  readonly #o: PostgresListenerOptions;
  #client: Client | null = null;
  #listening = false;
  #started = false;
  #closed = false;
  #healthy = true;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #ping: ReturnType<typeof setTimeout> | null = null;
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(options: PostgresListenerOptions) {
    this.#o = options;
  }

  /** Starts listening (once), and resolves when it listens now: at once, or after the next (re)connect. */
  ready(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`The listener on ${this.#o.channel} is closed.`));
    if (!this.#started) {
      this.#started = true;
      this.#connect();
    }
    if (this.#listening) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Closes the connection and stops reconnecting. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#listening = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    if (this.#ping !== null) clearTimeout(this.#ping);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new Error(`The listener on ${this.#o.channel} was closed.`));
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  #connect(): void {
    this.#timer = null;
    if (this.#closed) return;
    const client = this.#o.openClient();
    this.#client = client;
    let lost = false;
    const onLost = (error: unknown) => {
      if (lost || this.#closed) return;
      lost = true;
      this.#listening = false;
      if (this.#ping !== null) clearTimeout(this.#ping);
      this.#ping = null;
      if (this.#client === client) this.#client = null;
      client.end().catch(() => undefined);
      this.#report(error);
      this.#timer = setTimeout(() => this.#connect(), reconnectDelay(this.#attempt++));
    };
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('The connection ended.')));
    client.on('notification', (message: Notification) => {
      if (message.channel === this.#o.channel && message.payload !== undefined) this.#o.onNotification(message.payload);
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${quoteIdentifier(this.#o.channel)}`))
      .then(() => {
        if (lost || this.#closed) return;
        this.#listening = true;
        this.#healthy = true;
        this.#attempt = 0;
        this.#schedulePing(client, () => lost, onLost);
        for (const waiter of this.#waiters.splice(0)) waiter.resolve();
      }, onLost);
  }

  /** The next ping once the last one answered, so pings never queue up on a silent connection. */
  #schedulePing(client: Client, isLost: () => boolean, onLost: (error: unknown) => void): void {
    this.#ping = setTimeout(() => {
      client.query('SELECT 1').then(() => {
        if (!isLost() && !this.#closed) this.#schedulePing(client, isLost, onLost);
      }, onLost);
    }, this.#o.pingIntervalMs ?? 30_000);
    this.#ping.unref();
  }

  #report(error: unknown): void {
    if (!this.#healthy) return;
    this.#healthy = false;
    const where = 'postgres events connection';
    const message = `The LISTEN connection on ${this.#o.channel} failed; other instances' status changes reach this one's streams through polling until it is back.`;
    this.#o.onError(new StoreUnavailableError(message, { cause: error }), { where });
  }
}
