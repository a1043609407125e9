-- Reads one scope atomically: its meta fields, the running total of each requested window, and
-- the open (not yet sealed) level-0 buckets, which count in every window.
-- ARGV: window indexes (0-based). Returns {0} if the scope is not initialised (or laid out by an
-- older version), else {1, metaFlat, openCounters, total(window 1)Counters, ...} where metaFlat
-- is a flat field/value list and each *Counters the counters by slot (slot 0 first; the open
-- buckets summed).
local base = KEYS[1]
local meta = base .. ':m'
if redis.call('HGET', meta, 'v') ~= '3' then
  return {0}
end

-- Adds a string of 32-bit counters into a table of numbers, slot 0 at index 1.
local function addInto(into, packed)
  if not packed then
    return into
  end
  for i = 0, #packed / 4 - 1 do
    into[i + 1] = (into[i + 1] or 0) + struct.unpack('>i4', packed, 4 * i + 1)
  end
  return into
end

-- Lua tables with holes do not convert: fill the gaps with zeros.
local function dense(t)
  local n = 0
  for k in pairs(t) do
    if k > n then
      n = k
    end
  end
  for i = 1, n do
    t[i] = t[i] or 0
  end
  return t
end

local openCounters = {}
for _, id in ipairs(redis.call('ZRANGE', base .. ':o', 0, -1)) do
  addInto(openCounters, redis.call('GET', base .. ':b:' .. id))
end
local res = {1, redis.call('HGETALL', meta), dense(openCounters)}
for i = 1, #ARGV do
  res[#res + 1] = dense(addInto({}, redis.call('GET', base .. ':t:' .. ARGV[i])))
end
return res
