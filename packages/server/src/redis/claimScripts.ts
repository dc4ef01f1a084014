import { redisScript } from './redisScript.js';

/**
 * Named leases and idempotency keys: claims that end at a time kept in the value and compared
 * with the caller's (or the store's) clock. Their `PX` is only garbage collection, set well past
 * that time, so a clock that is not Redis's (a test's, or a skewed host's) still decides.
 */
export const CLAIM_SCRIPTS = {
  /**
   * KEYS: lease (a hash: owner, until). ARGV: owner, now, new end, ttl for garbage collection (ms).
   * Takes the lease when it is free, lapsed (until ≤ now) or owner's already. Returns 1 when owner
   * holds it now, 0 while another does.
   */
  acquireLease: redisScript(`
local owner, untilAt = unpack(redis.call('HMGET', KEYS[1], 'owner', 'until'))
if owner and owner ~= ARGV[1] and tonumber(untilAt) > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'until', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`),

  /**
   * KEYS: idempotency key (a string: "<expiresAt>:<entry JSON>").
   * ARGV: the pending value, the store's now, ttl for garbage collection (ms).
   * Sets the pending value unless the key holds one that has not expired by now. Returns nil when
   * this call reserved the key, else the value held.
   */
  reserveIdempotencyKey: redisScript(`
local held = redis.call('GET', KEYS[1])
if held then
  local expiresAt = tonumber(string.match(held, '^([^:]*):'))
  if expiresAt and expiresAt > tonumber(ARGV[2]) then return held end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return false`),
} as const;
