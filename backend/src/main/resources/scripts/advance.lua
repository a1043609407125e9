-- Slides the windows of one scope to `now`: seals level-0 buckets whose time span has ended
-- (adds them to the running totals of every window) and expires buckets that left a window
-- (subtracts them from that window's total and folds them into the next, coarser level).
-- Work is driven by the scope's own due set, so a call costs only what is due.
--
-- ARGV: now, L, L bucket sizes (ms), L window lengths (ms), maxSteps
-- Returns {nextDue (-1 if nothing is scheduled), changedWindowMask}
local base = KEYS[1]
local meta = base .. ':m'
if redis.call('HGET', meta, 'v') ~= '3' then
  return {-1, 0}
end

-- BITFIELD increments adding a bucket's counters (a string of 32-bit counters), times sign.
local function ops(packed, sign)
  local o = {}
  if not packed then
    return o
  end
  for i = 0, #packed / 4 - 1 do
    local v = struct.unpack('>i4', packed, 4 * i + 1)
    if v ~= 0 then
      o[#o + 1] = 'INCRBY'
      o[#o + 1] = 'i32'
      o[#o + 1] = '#' .. i
      o[#o + 1] = string.format('%d', sign * v)
    end
  end
  return o
end

local function add(key, o)
  if #o > 0 then
    redis.call('BITFIELD', key, unpack(o))
  end
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
  local packed = redis.call('GET', bkey)
  if redis.call('ZSCORE', open, id) then
    local o = ops(packed, 1)
    for j = lvl, L do
      add(base .. ':t:' .. (j - 1), o)
    end
    redis.call('ZREM', open, id)
    redis.call('ZADD', due, start + g[lvl] + w[lvl], id)
  else
    local tkey = base .. ':t:' .. level
    add(tkey, ops(packed, -1))
    -- A window left with nothing in it holds no key (all counters zero).
    local rest = redis.call('GET', tkey)
    if rest and not string.find(rest, '[^%z]') then
      redis.call('DEL', tkey)
    end
    changed[lvl] = true
    if lvl < L then
      local start2 = math.floor(start / g[lvl + 1]) * g[lvl + 1]
      local id2 = level + 1 .. ':' .. string.format('%d', start2)
      redis.call('ZADD', due, 'NX', start2 + g[lvl + 1] + w[lvl + 1], id2)
      add(base .. ':b:' .. id2, ops(packed, 1))
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
