-- Claims due scopes of one schedule shard for one ticker: moves their score to the lease time, so
-- that other instances skip them and a crashed ticker's claims come back when the lease ends.
-- KEYS[1]: shard. ARGV: now, leaseUntil, limit. Returns the claimed scope tags.
local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, m in ipairs(items) do
  redis.call('ZADD', KEYS[1], 'XX', ARGV[2], m)
end
return items
