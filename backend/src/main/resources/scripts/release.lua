-- Hands claimed scopes back to the schedule with their new due time. If ingest lowered a score
-- while the scope was claimed (a new bucket), the earlier of the two wins.
-- KEYS[1]: shard. ARGV: leaseUntil, then pairs of (scopeTag, nextDue or -1 for nothing due).
local lease = tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  local m, nextDue = ARGV[i], tonumber(ARGV[i + 1])
  local cur = redis.call('ZSCORE', KEYS[1], m)
  if not cur or tonumber(cur) == lease then
    if nextDue < 0 then
      redis.call('ZREM', KEYS[1], m)
    else
      redis.call('ZADD', KEYS[1], nextDue, m)
    end
  elseif nextDue >= 0 and nextDue < tonumber(cur) then
    redis.call('ZADD', KEYS[1], nextDue, m)
  end
end
return 1
