-- Reads one scope atomically: its meta fields, the running total of each requested window, and
-- the open (not yet sealed) level-0 buckets, which count in every window.
-- ARGV: window indexes (0-based). Returns {0} if the scope is not initialised, else
-- {1, metaFlat, openBucketsFlat..., '|', total(window 1)Flat, total(window 2)Flat, ...}
-- where each *Flat is a flat field/value list.
local base = KEYS[1]
local meta = base .. ':m'
if redis.call('EXISTS', meta) == 0 then
  return {0}
end
local opens = redis.call('ZRANGE', base .. ':o', 0, -1)
local openFields = {}
for _, id in ipairs(opens) do
  local f = redis.call('HGETALL', base .. ':b:' .. id)
  for k = 1, #f do
    openFields[#openFields + 1] = f[k]
  end
end
local res = {1, redis.call('HGETALL', meta), openFields}
for i = 1, #ARGV do
  res[#res + 1] = redis.call('HGETALL', base .. ':t:' .. ARGV[i])
end
return res
