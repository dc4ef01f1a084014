import { OPEN_STATUSES } from '../checkout/stores/orderStore.js';
import { PRUNABLE_STATUSES } from '../checkout/stores/prunableStatuses.js';
import { LUA_HELPERS } from './luaHelpers.js';
import { redisScript } from './redisScript.js';

const luaSet = (name: string, values: readonly string[]) =>
  `local ${name} = { ${values.map((value) => `['${value}'] = true`).join(', ')} }`;
const OPEN = luaSet('OPEN', OPEN_STATUSES);
const PRUNABLE = luaSet('PRUNABLE', PRUNABLE_STATUSES);

/**
 * The order scripts: an order's JSON and every index that lists it change in one script, so no
 * reader ever sees an order listed under a status it no longer has. "Class" is the order's status
 * class as `indexStatus` takes it: 'open', 'watched' or 'settled'.
 */
export const ORDER_SCRIPTS = {
  /**
   * KEYS: order, ref, unsettled, unsettled expiries, open-key index or ''.
   * ARGV: the order's JSON, order id, ttl ms, class, createdAt, expiresAt, key prefix, retention
   * cutoff (the store's now − retainMs).
   * Saves the order and its ref (both expiring after `ttl`) and indexes it; then looks at the five
   * oldest unsettled entries and drops those whose order is gone, or kept past retention only for
   * a fulfilment, so the index never outgrows the orders it lists. Returns 1.
   */
  put: redisScript(
    LUA_HELPERS.indexStatus,
    LUA_HELPERS.outlive,
    `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
indexStatus(KEYS[3], KEYS[4], KEYS[5], ARGV[2], ARGV[4], ARGV[5], ARGV[6])
if KEYS[5] ~= '' and ARGV[4] == 'open' then outlive(KEYS[5], ARGV[3]) end
local head = redis.call('ZRANGE', KEYS[3], 0, 4, 'WITHSCORES')
for i = 1, #head, 2 do
  local ttl = redis.call('PTTL', ARGV[7] .. 'order:' .. head[i])
  if ttl == -2 or (ttl == -1 and tonumber(head[i + 1]) < tonumber(ARGV[8])) then
    redis.call('ZREM', KEYS[3], head[i])
    redis.call('ZREM', KEYS[4], head[i])
  end
end
return 1`,
  ),

  /**
   * KEYS: order, unsettled, unsettled expiries, open-key index or '', fulfilment or '', owed index or ''.
   * ARGV: expected version, the new JSON, order id, new class, createdAt, expiresAt, outcome owed
   * or '', the fulfilment's member, updatedAt.
   * Over the expected version only: writes the order (keeping its expiry), moves it between the
   * indexes, and records the owed fulfilment unless one exists, then keeps the order (no expiry)
   * until that fulfilment is done. Returns 1 when written, 0 when the version moved on or the
   * order is unknown.
   */
  compareAndSetStatus: redisScript(
    LUA_HELPERS.indexStatus,
    LUA_HELPERS.outlive,
    LUA_HELPERS.oweFulfilment,
    `
local raw = redis.call('GET', KEYS[1])
if not raw or cjson.decode(raw).version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
indexStatus(KEYS[2], KEYS[3], KEYS[4], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
if KEYS[4] ~= '' and ARGV[4] == 'open' then outlive(KEYS[4], redis.call('PTTL', KEYS[1])) end
if ARGV[7] ~= '' and oweFulfilment(KEYS[5], KEYS[6], ARGV[8], ARGV[3], ARGV[7], ARGV[9]) then
  redis.call('PERSIST', KEYS[1])
end
return 1`,
  ),

  /**
   * KEYS: open-key index. ARGV: key prefix, now.
   * The JSON of the newest order (createdAt, then id) under the key whose stored status is open
   * and `expiresAt` after now, or nil. Drops entries whose order is gone or no longer open.
   */
  findOpenOrder: redisScript(
    OPEN,
    `
for _, id in ipairs(redis.call('ZREVRANGE', KEYS[1], 0, -1)) do
  local raw = redis.call('GET', ARGV[1] .. 'order:' .. id)
  local order = raw and cjson.decode(raw)
  if not order or not OPEN[order.status] then
    redis.call('ZREM', KEYS[1], id)
  elseif order.expiresAt > tonumber(ARGV[2]) then
    return raw
  end
end
return false`,
  ),

  /**
   * KEYS: unsettled, unsettled expiries.
   * ARGV: key prefix, expiredSince, limit, cursor createdAt or '', cursor order id.
   * The JSON of up to `limit` unsettled orders after the cursor, oldest first (ties by id, byte
   * order): open ones, and watched ones whose `expiresAt` ≥ expiredSince. Drops entries whose
   * order is gone.
   */
  listUnsettledOrders: redisScript(
    LUA_HELPERS.bytesAfter,
    `
local since, limit, after = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local found, gone, offset = {}, {}, 0
while #found < limit do
  local batch = redis.call('ZRANGEBYSCORE', KEYS[1], after == '' and '-inf' or after, '+inf', 'WITHSCORES', 'LIMIT', offset, limit)
  if #batch == 0 then break end
  offset = offset + #batch / 2
  for i = 1, #batch, 2 do
    local id = batch[i]
    if after == '' or tonumber(batch[i + 1]) > tonumber(after) or bytesAfter(id, ARGV[5]) then
      local expiresAt = redis.call('ZSCORE', KEYS[2], id)
      if not expiresAt or tonumber(expiresAt) >= since then
        local raw = redis.call('GET', ARGV[1] .. 'order:' .. id)
        if not raw then gone[#gone + 1] = id elseif #found < limit then found[#found + 1] = raw end
      end
    end
  end
end
for _, id in ipairs(gone) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
return found`,
  ),

  /**
   * KEYS: unsettled, unsettled expiries, done fulfilments index.
   * ARGV: key prefix, cut-off, most orders to prune, batch size, offset.
   * Looks at up to a batch of the unsettled entries created before the cut-off (every order that
   * expired before it was created before it), from `offset` on. An order in a prunable status,
   * with nothing paid, expired before the cut-off and with no fulfilment owed or failed goes:
   * its JSON, its ref, its index entries and its done fulfilments. Entries whose order is gone
   * are dropped. Returns { pruned, kept (the entries left, which the next batch's offset skips),
   * 1 when the range was walked to its end or 0 }.
   */
  prune: redisScript(
    PRUNABLE,
    `
local prefix, cutoff, want, batch = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2], 'LIMIT', ARGV[5], batch)
local pruned, kept, seen = 0, 0, 0
for _, id in ipairs(ids) do
  if pruned >= want then break end
  seen = seen + 1
  local orderKey, fulfilment = prefix .. 'order:' .. id, prefix .. 'fulfilment:' .. id .. ':'
  local raw = redis.call('GET', orderKey)
  local order = raw and cjson.decode(raw)
  local held = false
  for _, outcome in ipairs({ 'paid', 'expired' }) do
    local state = redis.call('HGET', fulfilment .. outcome, 'state')
    if state == 'owed' or state == 'failed' then held = true end
  end
  if not order then
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
  elseif held or not PRUNABLE[order.status] or order.paidAmount ~= '0' or order.expiresAt >= cutoff then
    kept = kept + 1
  else
    redis.call('DEL', orderKey)
    local ref = prefix .. 'ref:' .. order.callbackRef
    if redis.call('GET', ref) == id then redis.call('DEL', ref) end
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
    if type(order.openOrderKey) == 'string' then redis.call('ZREM', prefix .. 'open:' .. order.openOrderKey, id) end
    for _, outcome in ipairs({ 'paid', 'expired' }) do
      redis.call('DEL', fulfilment .. outcome)
      redis.call('ZREM', KEYS[3], id .. string.char(0) .. outcome)
    end
    pruned = pruned + 1
  end
end
return { pruned, kept, (seen == #ids and #ids < batch) and 1 or 0 }`,
  ),
} as const;
