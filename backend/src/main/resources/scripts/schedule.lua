-- Makes sure scopes are woken by the ticker no later than the given times (ZADD LT keeps the
-- earliest). KEYS[1]: one schedule shard. ARGV: pairs of (dueMillis, scopeTag).
for i = 1, #ARGV, 2 do
  redis.call('ZADD', KEYS[1], 'LT', ARGV[i], ARGV[i + 1])
end
return #ARGV / 2
