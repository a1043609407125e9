-- Slides the windows of one scope to `now`: seals level-0 buckets whose time span has ended
-- (adds them to the running totals of every window) and expires buckets that left a window
-- (subtracts them from that window's total and folds them into the next, coarser level).
-- Work is driven by the scope's own due set, so a call costs only what is due.
--
-- ARGV: now, L, L bucket sizes (ms), L window lengths (ms), maxSteps
-- Returns {nextDue (-1 if nothing is scheduled), changedWindowMask}
local base = KEYS[1]
local meta = base .. ':m'
if redis.call('EXISTS', meta) == 0 then
  return {-1, 0}
end
local now = tonumber(ARGV[1])
local L = tonumber(ARGV[2])
local g, w = {}, {}
for i = 1, L do
  g[i] = tonumber(ARGV[2 + i])
  w[i] = tonumber(ARGV[2 + L + i])
end
local maxSteps = tonumber(ARGV[3 + 2 * L])
local due, open = base .. ':d', base .. ':o'
local changed = {}
local steps = 0
while steps < maxSteps do
  local item = redis.call('ZRANGEBYSCORE', due, '-inf', now, 'LIMIT', 0, 1)
  if #item == 0 then
    break
  end
  steps = steps + 1
  local id = item[1]
  local sep = string.find(id, ':', 1, true)
  local level = tonumber(string.sub(id, 1, sep - 1))
  local start = tonumber(string.sub(id, sep + 1))
  local lvl = level + 1
  local bkey = base .. ':b:' .. id
  local fields = redis.call('HGETALL', bkey)
  if redis.call('ZSCORE', open, id) then
    for j = lvl, L do
      local tkey = base .. ':t:' .. (j - 1)
      for k = 1, #fields, 2 do
        redis.call('HINCRBY', tkey, fields[k], fields[k + 1])
      end
    end
    redis.call('ZREM', open, id)
    redis.call('ZADD', due, start + g[lvl] + w[lvl], id)
  else
    local tkey = base .. ':t:' .. level
    for k = 1, #fields, 2 do
      if redis.call('HINCRBY', tkey, fields[k], -tonumber(fields[k + 1])) == 0 then
        redis.call('HDEL', tkey, fields[k])
      end
    end
    changed[lvl] = true
    if lvl < L then
      local start2 = math.floor(start / g[lvl + 1]) * g[lvl + 1]
      local id2 = level + 1 .. ':' .. string.format('%d', start2)
      local b2 = base .. ':b:' .. id2
      redis.call('ZADD', due, 'NX', start2 + g[lvl + 1] + w[lvl + 1], id2)
      for k = 1, #fields, 2 do
        redis.call('HINCRBY', b2, fields[k], fields[k + 1])
      end
    end
    redis.call('DEL', bkey)
    redis.call('ZREM', due, id)
  end
end
local mask = 0
for j = 1, L do
  if changed[j] then
    mask = mask + 2 ^ (j - 1)
  end
end
local first = redis.call('ZRANGE', due, 0, 0, 'WITHSCORES')
local nextDue = -1
if first[2] then
  nextDue = tonumber(first[2])
end
return {nextDue, mask}
