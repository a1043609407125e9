-- Applies feedback events to one aggregate scope (a dealer, or a brand x region cell).
-- All keys derive from KEYS[1] and share its hash tag, so the script runs on one Cluster slot.
--
-- Idempotency: every event carries its dealer's sequence number (gap-free per dealer, assigned
-- by PostgreSQL). A scope remembers a high-water mark per source dealer (all seqs <= hw are in)
-- plus the few seqs above it that arrived out of order, so replays count nothing twice.
--
-- ARGV: now, acceptedAt, L, L bucket sizes (ms), L window lengths (ms), mode, then
--   mode 'e' (events), per event: source ('' in a dealer scope, else the dealer id), seq, level
--       (-1 = outside every window), bucketStart, n, n x (slot, incr)
--   mode 'r' (runs, the ingest fast path), R, R x (source, firstSeq, lastSeq), then per bucket:
--       level, bucketStart, n, n x (slot, incr) summed over the runs' events. Applied only if
--       every run starts right after its source's high-water mark and nothing is pending, i.e.
--       none of its events is in yet; otherwise nothing is done and status 2 asks for mode 'e'.
-- Returns {status, applied}; status 1 = scope not initialised, or laid out by an older version
-- (meta 'v' is not 3): rebuild it, nothing done.
local base = KEYS[1]
local meta = base .. ':m'
local head = redis.call('HMGET', meta, 'v', 'hw', 'last')
if head[1] ~= '3' then
  return {1, 0}
end
local now = tonumber(ARGV[1])
local L = tonumber(ARGV[3])
local g, w = {}, {}
for i = 1, L do
  g[i] = tonumber(ARGV[3 + i])
  w[i] = tonumber(ARGV[3 + L + i])
end
local pend, due, open = base .. ':p', base .. ':d', base .. ':o'
local mode = ARGV[4 + 2 * L]
local pos = 5 + 2 * L
local n = #ARGV

local function hwField(src)
  if src == '' then
    return 'hw'
  end
  return 'hw:' .. src
end

-- Adds nf (slot, incr) pairs from ARGV[fpos..] to a bucket, opening or sealing it as needed.
-- Buckets and totals are strings of 32-bit counters: one BITFIELD adds them all.
local function addToBucket(level, start, fpos, nf)
  local lvl = level + 1
  local id = level .. ':' .. start
  local bkey = base .. ':b:' .. id
  local e = tonumber(start) + g[lvl]
  local isOpen
  if redis.call('ZSCORE', open, id) then
    isOpen = true
  elseif redis.call('EXISTS', bkey) == 1 then
    isOpen = false
  elseif level == 0 and e > now then
    isOpen = true
    redis.call('ZADD', open, e, id)
    redis.call('ZADD', due, e, id)
  else
    isOpen = false
    redis.call('ZADD', due, e + w[lvl], id)
  end
  local ops = {}
  for k = 0, nf - 1 do
    ops[#ops + 1] = 'INCRBY'
    ops[#ops + 1] = 'i32'
    ops[#ops + 1] = '#' .. ARGV[fpos + 2 * k]
    ops[#ops + 1] = ARGV[fpos + 2 * k + 1]
  end
  redis.call('BITFIELD', bkey, unpack(ops))
  if not isOpen then
    -- A sealed bucket is already inside the running totals: keep them in step.
    for j = lvl, L do
      redis.call('BITFIELD', base .. ':t:' .. (j - 1), unpack(ops))
    end
  end
end

local updates = {}
local applied = 0
if mode == 'r' then
  if redis.call('SCARD', pend) > 0 then
    return {2, 0}
  end
  local runs = tonumber(ARGV[pos])
  local rpos = pos + 1
  local marks = {}
  for r = 0, runs - 1 do
    local src = ARGV[rpos + 3 * r]
    local hw
    if src == '' then
      hw = tonumber(head[2] or '0')
    else
      hw = tonumber(redis.call('HGET', meta, hwField(src)) or '0')
    end
    if tonumber(ARGV[rpos + 3 * r + 1]) ~= hw + 1 then
      return {2, 0}
    end
    local last = tonumber(ARGV[rpos + 3 * r + 2])
    marks[#marks + 1] = hwField(src)
    marks[#marks + 1] = last
    applied = applied + last - hw
  end
  pos = rpos + 3 * runs
  while pos <= n do
    local nf = tonumber(ARGV[pos + 2])
    addToBucket(tonumber(ARGV[pos]), ARGV[pos + 1], pos + 3, nf)
    pos = pos + 3 + 2 * nf
  end
  updates = marks
else
  local hws = {}
  local hasPending = redis.call('SCARD', pend) > 0
  while pos <= n do
    local src = ARGV[pos]
    local seq = tonumber(ARGV[pos + 1])
    local level = tonumber(ARGV[pos + 2])
    local start = ARGV[pos + 3]
    local nf = tonumber(ARGV[pos + 4])
    local fpos = pos + 5
    pos = fpos + 2 * nf
    local pendPrefix = ''
    if src ~= '' then
      pendPrefix = src .. ':'
    end
    local hw = hws[src]
    if hw == nil then
      if src == '' then
        hw = tonumber(head[2] or '0')
      else
        hw = tonumber(redis.call('HGET', meta, hwField(src)) or '0')
      end
    end
    local fresh = seq > hw
    if fresh and hasPending then
      fresh = redis.call('SISMEMBER', pend, pendPrefix .. seq) == 0
    end
    if fresh then
      if seq == hw + 1 then
        hw = seq
      else
        redis.call('SADD', pend, pendPrefix .. seq)
        hasPending = true
      end
      if level >= 0 then
        addToBucket(level, start, fpos, nf)
      end
      applied = applied + 1
    end
    hws[src] = hw
  end
  for src, hw in pairs(hws) do
    local pendPrefix = ''
    if src ~= '' then
      pendPrefix = src .. ':'
    end
    if hasPending then
      while redis.call('SREM', pend, pendPrefix .. (hw + 1)) == 1 do
        hw = hw + 1
      end
    end
    updates[#updates + 1] = hwField(src)
    updates[#updates + 1] = hw
  end
end
if tonumber(ARGV[2]) > tonumber(head[3] or '0') then
  updates[#updates + 1] = 'last'
  updates[#updates + 1] = ARGV[2]
end
if #updates > 0 then
  redis.call('HSET', meta, unpack(updates))
end
return {0, applied}
