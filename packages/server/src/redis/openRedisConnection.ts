import { Redis, type RedisOptions } from 'ioredis';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';

export interface RedisConnectionSettings {
  url: string;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  /** Applied over the fail-fast defaults. */
  redis: RedisOptions;
  onError: (error: unknown, context: { where: string }) => void;
}

/** Reconnects at once, then backs off to one attempt a second. */
function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 1000);
}

/**
 * An ioredis connection that fails fast instead of queueing: while it is down, a command is
 * refused at once (no offline queue); one in flight when the connection drops fails with it (no
 * resend after a reconnect, so no write lands after its caller gave up); one with no answer after
 * `commandTimeoutMs` fails too. The checkout answers all of those 503. In the background it keeps
 * reconnecting. A lost connection is reported once to `onError`, and again only after it was back.
 *
 * `subscriber: true` is the pub/sub variant: its SUBSCRIBE waits for the connection instead, and
 * is renewed after each reconnect.
 *
 * @example const redis = openRedisConnection(settings, 'commands');
 */
export function openRedisConnection(settings: RedisConnectionSettings, role: 'commands' | 'subscriber'): Redis {
  const subscriber = role === 'subscriber';
  const connection = new Redis(settings.url, {
    enableOfflineQueue: subscriber,
    maxRetriesPerRequest: subscriber ? null : 0,
    autoResendUnfulfilledCommands: subscriber,
    ...(subscriber ? {} : { commandTimeout: settings.commandTimeoutMs }),
    connectTimeout: settings.connectTimeoutMs,
    retryStrategy: reconnectDelay,
    ...settings.redis,
  });
  let healthy = true;
  connection.on('ready', () => {
    healthy = true;
  });
  connection.on('error', (error: unknown) => {
    if (!healthy) return;
    healthy = false;
    const where = `redis ${role} connection`;
    settings.onError(new StoreUnavailableError(`The ${where} failed; commands answer 503 until it is back.`, { cause: error }), { where });
  });
  return connection;
}
