-- Reads one scope atomically: the newest acceptance time, the open (not yet sealed) level-0
-- buckets, which count in every window, and the running total of each requested window.
-- ARGV: window indexes (0-based). Returns {0} if the scope is not initialised (or laid out by an
-- older version), else {1, last, {open bucket, ...}, total(window 1), ...}: each bucket and total
-- the string of 32-bit counters as BITFIELD keeps it (false where there is none). The backend
-- decodes the counters: unpacking them here, one struct.unpack per counter, made a read several
-- times dearer for Redis, the one server every instance shares.
local base = KEYS[1]
local head = redis.call('HMGET', base .. ':m', 'v', 'last')
if head[1] ~= '3' then
  return {0}
end
local open = {}
for _, id in ipairs(redis.call('ZRANGE', base .. ':o', 0, -1)) do
  local packed = redis.call('GET', base .. ':b:' .. id)
  if packed then
    open[#open + 1] = packed
  end
end
local res = {1, head[2] or '0', open}
for i = 1, #ARGV do
  res[#res + 1] = redis.call('GET', base .. ':t:' .. ARGV[i])
end
return res
