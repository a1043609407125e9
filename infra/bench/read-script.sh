#!/usr/bin/env bash
# What one read of a scope costs Redis: backend/src/main/resources/scripts/read.lua of this
# checkout against the same script at another commit, on a private redis-server (a free port,
# removed on exit) holding 1,000 dealer scopes laid out as the backend keeps them (meta, one open
# bucket, four window totals of 51 packed counters each), driven by redis-benchmark. Prints
# Redis's own time per call (INFO commandstats), which no other load on the box inflates much.
#
#   infra/bench/read-script.sh [OTHER_COMMIT (default: HEAD~1)] [CALLS (default 50000)]
set -euo pipefail

# shellcheck source=infra/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$PULSE_ROOT"

OTHER="${1:-HEAD~1}"
CALLS="${2:-50000}"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
WORK="$(mktemp -d)"
trap 'redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$WORK" >/dev/null
for _ in $(seq 1 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

python3 - >"$WORK/scopes.resp" <<'PY'
import random, struct, sys
random.seed(1)
def cmd(*args):
    out = b'*%d\r\n' % len(args)
    for a in args:
        a = a.encode() if isinstance(a, str) else a
        out += b'$%d\r\n' % len(a) + a + b'\r\n'
    return out
def packed():
    return struct.pack('>51i', *[random.randint(0, 5000) for _ in range(51)])
buf = b''
for d in range(1000):
    base = 'bench:{d%012d}' % d  # redis-benchmark's __rand_int__ is 12 digits
    buf += cmd('HSET', base + ':m', 'v', '3', 'last', '1765000000000', 'hw', '120')
    buf += cmd('ZADD', base + ':o', '1', '0:1765000000000')
    buf += cmd('SET', base + ':b:0:1765000000000', packed())
    for w in range(4):
        buf += cmd('SET', base + ':t:%d' % w, packed())
sys.stdout.buffer.write(buf)
PY
redis-cli -p "$PORT" --pipe <"$WORK/scopes.resp" >/dev/null

git show "$OTHER:backend/src/main/resources/scripts/read.lua" >"$WORK/other.lua"
echo "| read.lua | calls | Redis time per call (commandstats) | calls/s (redis-benchmark, 4 clients) |"
echo "|---|---|---|---|"
for which in "$OTHER:$WORK/other.lua" "this checkout:backend/src/main/resources/scripts/read.lua"; do
  name="${which%%:*}" file="${which#*:}"
  sha="$(redis-cli -p "$PORT" script load "$(cat "$file")")"
  redis-cli -p "$PORT" config resetstat >/dev/null
  rps="$(redis-benchmark -p "$PORT" -n "$CALLS" -c 4 -r 1000 -q \
    evalsha "$sha" 1 'bench:{d__rand_int__}' 0 1 2 3 | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -n 1)"
  per="$(redis-cli -p "$PORT" info commandstats | sed -n 's/.*cmdstat_evalsha:.*usec_per_call=\([0-9.]*\).*/\1/p')"
  echo "| $name | $CALLS | ${per} µs | ${rps%% *} |"
done
