import type { Redis } from 'ioredis';
import type { RedisScript } from './redisScript.js';

/**
 * Runs a script by its SHA-1, sending the source only when the server does not know it yet
 * (first use, or a Redis restarted without its script cache).
 *
 * @example await runScript(redis, CLAIM_SCRIPTS.reserveIdempotencyKey, [key], [entry, ttlMs]);
 */
export async function runScript(
  redis: Redis,
  script: RedisScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script.lua, keys.length, ...keys, ...args);
  }
}
