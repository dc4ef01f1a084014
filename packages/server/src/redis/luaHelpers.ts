/**
 * Lua functions several scripts share, prepended to a script by `redisScript(LUA_HELPERS.x, body)`.
 * Times and scores travel as the strings JavaScript formatted and are written back unchanged:
 * Lua prints numbers with 14 significant digits, so a script never formats a time it stores.
 */
export const LUA_HELPERS = {
  /**
   * Whether string `a` sorts after `b` byte by byte, as Redis orders equal scores (Lua's own `<`
   * follows the server's locale).
   */
  bytesAfter: `
local function bytesAfter(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x > y end
  end
  return #a > #b
end`,

  /**
   * Files order `id` under the indexes of its status class: 'open' (listed for the reconciler and
   * under its open-order key), 'watched' (expired or failed: listed while its `expiresAt` is in
   * the window) or 'settled' (in none). `openKeyIndex` is '' when the order has no open-order key.
   */
  indexStatus: `
local function indexStatus(unsettled, expiries, openKeyIndex, id, class, createdAt, expiresAt)
  if class == 'settled' then
    redis.call('ZREM', unsettled, id)
    redis.call('ZREM', expiries, id)
  else
    redis.call('ZADD', unsettled, createdAt, id)
    if class == 'watched' then redis.call('ZADD', expiries, expiresAt, id) else redis.call('ZREM', expiries, id) end
  end
  if openKeyIndex ~= '' then
    if class == 'open' then redis.call('ZADD', openKeyIndex, createdAt, id) else redis.call('ZREM', openKeyIndex, id) end
  end
end`,

  /**
   * Makes `key` live at least `ttl` ms more (never shortens it); nothing when `ttl` is not
   * positive (the order it follows has no expiry, or is gone).
   */
  outlive: `
local function outlive(key, ttl)
  ttl = tonumber(ttl)
  if ttl <= 0 then return end
  local left = redis.call('PTTL', key)
  if left == -1 or (left >= 0 and left < ttl) then redis.call('PEXPIRE', key, ttl) end
end`,

  /**
   * Records an owed fulfilment, due `now`, unless the order has one for that outcome; true when
   * this call recorded it. Owed and failed records carry no expiry.
   */
  oweFulfilment: `
local function oweFulfilment(key, owedIndex, member, orderId, outcome, now)
  if redis.call('EXISTS', key) == 1 then return false end
  redis.call('HSET', key, 'orderId', orderId, 'outcome', outcome, 'state', 'owed', 'attempts', '0', 'dueAt', now, 'createdAt', now, 'updatedAt', now)
  redis.call('ZADD', owedIndex, now, member)
  return true
end`,

  /** The fulfilment hash behind a member of a `fulfilments:{state}` set (order id, NUL, outcome). */
  fulfilmentKey: `
local function fulfilmentKey(prefix, member)
  return prefix .. 'fulfilment:' .. (string.gsub(member, '%z', ':'))
end`,
} as const;
