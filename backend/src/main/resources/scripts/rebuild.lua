-- Replaces one scope's aggregates with a state computed from PostgreSQL (the source of truth).
-- Wipes every key of the scope, writes the given buckets (already merged per bucket), adds the
-- sealed ones to the running totals, and sets each source dealer's high-water mark to the last
-- sequence number the snapshot saw. Events newer than that are applied afterwards as usual.
--
-- ARGV: now, L, L bucket sizes, L window lengths, acceptedAt, nSources, nSources x (source, hw),
--       then per bucket: level, start, n, n x (slot, value)
-- Buckets and totals are strings of 32-bit counters (see apply.lua); meta 'v' 3 marks that layout (3: with the events' composites),
-- and a scope of an older layout is wiped here like any other.
-- Returns {nextDue}
local base = KEYS[1]
local meta, pend, due, open = base .. ':m', base .. ':p', base .. ':d', base .. ':o'
local now = tonumber(ARGV[1])
local L = tonumber(ARGV[2])
local g, w = {}, {}
for i = 1, L do
  g[i] = tonumber(ARGV[2 + i])
  w[i] = tonumber(ARGV[2 + L + i])
end
for _, id in ipairs(redis.call('ZRANGE', due, 0, -1)) do
  redis.call('DEL', base .. ':b:' .. id)
end
for j = 0, L - 1 do
  redis.call('DEL', base .. ':t:' .. j)
end
redis.call('DEL', meta, pend, due, open)
local pos = 3 + 2 * L
redis.call('HSET', meta, 'v', 3, 'last', ARGV[pos])
local nSources = tonumber(ARGV[pos + 1])
pos = pos + 2
for _ = 1, nSources do
  local src, hw = ARGV[pos], ARGV[pos + 1]
  if src == '' then
    redis.call('HSET', meta, 'hw', hw)
  else
    redis.call('HSET', meta, 'hw:' .. src, hw)
  end
  pos = pos + 2
end
local n = #ARGV
while pos <= n do
  local level = tonumber(ARGV[pos])
  local start = ARGV[pos + 1]
  local nf = tonumber(ARGV[pos + 2])
  local fpos = pos + 3
  pos = fpos + 2 * nf
  local lvl = level + 1
  local id = level .. ':' .. start
  local bkey = base .. ':b:' .. id
  local e = tonumber(start) + g[lvl]
  local isOpen = level == 0 and e > now
  if isOpen then
    redis.call('ZADD', open, e, id)
    redis.call('ZADD', due, e, id)
  else
    redis.call('ZADD', due, e + w[lvl], id)
  end
  local ops = {}
  for k = 0, nf - 1 do
    ops[#ops + 1] = 'INCRBY'
    ops[#ops + 1] = 'i32'
    ops[#ops + 1] = '#' .. ARGV[fpos + 2 * k]
    ops[#ops + 1] = ARGV[fpos + 2 * k + 1]
  end
  if nf > 0 then
    redis.call('BITFIELD', bkey, unpack(ops))
    if not isOpen then
      for j = lvl, L do
        redis.call('BITFIELD', base .. ':t:' .. (j - 1), unpack(ops))
      end
    end
  end
end
local first = redis.call('ZRANGE', due, 0, 0, 'WITHSCORES')
if first[2] then
  return {tonumber(first[2])}
end
return {-1}
