import { createHash } from 'node:crypto';

/** A Lua script and its SHA-1, for `EVALSHA` with an `EVAL` fallback (see `runScript`). */
export interface RedisScript {
  lua: string;
  sha: string;
}

/**
 * A script from its parts, joined in order: the `LUA_HELPERS` it uses first, then its body.
 * Each script runs whole or not at all on the Redis server, which is what makes a store method
 * atomic across processes.
 *
 * @example const ping = redisScript(`return redis.call('PING')`);
 */
export function redisScript(...parts: string[]): RedisScript {
  const lua = parts.map((part) => part.trim()).join('\n');
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}
