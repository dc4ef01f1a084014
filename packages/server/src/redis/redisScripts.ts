import { createHash } from 'node:crypto';

/** A Lua script and its SHA-1, for `EVALSHA` with an `EVAL` fallback. */
export interface RedisScript {
  lua: string;
  sha: string;
}

function script(lua: string): RedisScript {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** The store's atomic read-modify-writes. Each runs whole or not at all on the Redis server. */
export const REDIS_SCRIPTS = {
  /**
   * KEYS: order. ARGV: expected version, the new record. Writes the record (keeping the key's
   * expiry) only over the expected version: 1 when written, 0 when not.
   */
  compareAndSet: script(`
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
if cjson.decode(raw).version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1
`),
  /**
   * KEYS: fulfilment mark, order. ARGV: claim token, retention when the order has no expiry,
   * margin past the order's expiry. SET NX of the token, expiring after the order; returns the
   * token the mark holds (this call's when it won).
   */
  markFulfilled: script(`
local ttl = redis.call('PTTL', KEYS[2])
if ttl < 0 then ttl = tonumber(ARGV[2]) else ttl = ttl + tonumber(ARGV[3]) end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ttl) then return ARGV[1] end
return redis.call('GET', KEYS[1])
`),
  /**
   * KEYS: idempotency key. ARGV: the pending entry, ttl ms. SET NX PX of the entry; returns nil
   * when this call reserved the key, else what the key holds.
   */
  reserve: script(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`),
} as const;
