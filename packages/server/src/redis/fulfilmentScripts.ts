import { LUA_HELPERS } from './luaHelpers.js';
import { redisScript } from './redisScript.js';

/**
 * The fulfilment scripts. A record is a hash (orderId, outcome, state, attempts, dueAt, createdAt,
 * updatedAt, and leaseOwner, leaseUntil, lastError when not null); it sits in exactly one
 * `fulfilments:{state}` set, scored by its `dueAt`. "A record" below is HGETALL's flat list;
 * "member" is `RedisKeys.fulfilmentMember`. Times come from the caller, never from Redis's clock.
 */
export const FULFILMENT_SCRIPTS = {
  /**
   * KEYS: fulfilment, owed index, order. ARGV: order id, outcome, member, now.
   * Records the fulfilment as owed unless one exists (then keeps the order until it is done).
   * Returns the record.
   */
  owe: redisScript(
    LUA_HELPERS.oweFulfilment,
    `
if oweFulfilment(KEYS[1], KEYS[2], ARGV[3], ARGV[1], ARGV[2], ARGV[4]) then redis.call('PERSIST', KEYS[3]) end
return redis.call('HGETALL', KEYS[1])`,
  ),

  /**
   * KEYS: fulfilment. ARGV: owner, now, lease end.
   * When owed, due by now and nobody's lease is live: counts the attempt and leases it to owner.
   * Returns the record, or nil.
   */
  claim: redisScript(`
local state, dueAt, leaseUntil = unpack(redis.call('HMGET', KEYS[1], 'state', 'dueAt', 'leaseUntil'))
local now = tonumber(ARGV[2])
if state ~= 'owed' or tonumber(dueAt) > now or (leaseUntil and tonumber(leaseUntil) > now) then return false end
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HSET', KEYS[1], 'leaseOwner', ARGV[1], 'leaseUntil', ARGV[3], 'updatedAt', ARGV[2])
return redis.call('HGETALL', KEYS[1])`),

  /**
   * KEYS: fulfilment. ARGV: owner, now, new lease end.
   * Extends owner's live lease on an owed record. Returns 1, or 0 when owner holds none.
   */
  renew: redisScript(`
local state, owner, leaseUntil = unpack(redis.call('HMGET', KEYS[1], 'state', 'leaseOwner', 'leaseUntil'))
if state ~= 'owed' or owner ~= ARGV[1] or not leaseUntil or tonumber(leaseUntil) <= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'leaseUntil', ARGV[3])
return 1`),

  /**
   * KEYS: fulfilment, owed index, done index, order, the order's fulfilment for the other outcome.
   * ARGV: member, now, key prefix, retainMs, the store's now, an order's shortest ttl (ms), how
   * much longer a done record lives than its order (ms).
   * Marks an owed record done and clears its lease. Unless the other outcome is still owed or
   * failed, the order gets its retention back, and the done records expire that margin after it,
   * so a later status write never owes them again while the order exists. Also drops up to five
   * of the earliest done entries whose record expired. Returns 1, or 0 when not owed.
   */
  complete: redisScript(
    LUA_HELPERS.fulfilmentKey,
    `
local state, dueAt = unpack(redis.call('HMGET', KEYS[1], 'state', 'dueAt'))
if state ~= 'owed' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'done', 'updatedAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'leaseOwner', 'leaseUntil')
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], dueAt, ARGV[1])
local other = redis.call('HGET', KEYS[5], 'state')
if other ~= 'owed' and other ~= 'failed' then
  local raw, left = redis.call('GET', KEYS[4]), tonumber(ARGV[4])
  if raw then
    if redis.call('PTTL', KEYS[4]) == -1 then
      local retain = cjson.decode(raw).expiresAt + tonumber(ARGV[4]) - tonumber(ARGV[5])
      redis.call('PEXPIRE', KEYS[4], math.max(math.floor(retain), tonumber(ARGV[6])))
    end
    left = redis.call('PTTL', KEYS[4])
  end
  redis.call('PEXPIRE', KEYS[1], left + tonumber(ARGV[7]))
  if other == 'done' then redis.call('PEXPIRE', KEYS[5], left + tonumber(ARGV[7])) end
end
for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, 4)) do
  if redis.call('EXISTS', fulfilmentKey(ARGV[3], member)) == 0 then redis.call('ZREM', KEYS[3], member) end
end
return 1`,
  ),

  /**
   * KEYS: fulfilment, owed index, failed index. ARGV: owner, now, error, retry time or '', member.
   * Ends owner's attempt on an owed record: keeps the error, clears the lease, and makes it due at
   * the retry time, or failed without one. Returns the record, or nil when owner holds no lease.
   */
  fail: redisScript(`
local state, owner, dueAt = unpack(redis.call('HMGET', KEYS[1], 'state', 'leaseOwner', 'dueAt'))
if state ~= 'owed' or owner ~= ARGV[1] then return false end
redis.call('HDEL', KEYS[1], 'leaseOwner', 'leaseUntil')
redis.call('HSET', KEYS[1], 'lastError', ARGV[3], 'updatedAt', ARGV[2])
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], 'dueAt', ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
else
  redis.call('HSET', KEYS[1], 'state', 'failed')
  redis.call('ZREM', KEYS[2], ARGV[5])
  redis.call('ZADD', KEYS[3], dueAt, ARGV[5])
end
return redis.call('HGETALL', KEYS[1])`),

  /**
   * KEYS: fulfilment, owed index, failed index. ARGV: now, member.
   * Makes an owed or failed record owed and due now (a live lease stays). Returns the record, or
   * nil when done or unknown.
   */
  retry: redisScript(`
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'owed' and state ~= 'failed' then return false end
redis.call('HSET', KEYS[1], 'state', 'owed', 'dueAt', ARGV[1], 'updatedAt', ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
return redis.call('HGETALL', KEYS[1])`),

  /**
   * KEYS: the state's index. ARGV: key prefix, latest dueAt or '+inf', limit.
   * Up to `limit` records, earliest due first (ties by member bytes: order id, then outcome).
   * Drops entries whose record expired (done ones do).
   */
  list: redisScript(
    LUA_HELPERS.fulfilmentKey,
    `
local limit = tonumber(ARGV[3])
local found, gone, offset = {}, {}, 0
while #found < limit do
  local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', offset, limit)
  if #members == 0 then break end
  offset = offset + #members
  for _, member in ipairs(members) do
    local record = redis.call('HGETALL', fulfilmentKey(ARGV[1], member))
    if #record == 0 then gone[#gone + 1] = member elseif #found < limit then found[#found + 1] = record end
  end
end
for _, member in ipairs(gone) do redis.call('ZREM', KEYS[1], member) end
return found`,
  ),
} as const;
