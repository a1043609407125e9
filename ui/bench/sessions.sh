#!/usr/bin/env bash
# The UI under load: one UI instance, SESSIONS simulated browser sessions (Vaadin's init request
# + WebSocket push, no browser), each watching its own dealer's cabinet; feedback posted to the
# backend at RATE events/s; measures heap per session, CPU and post-to-session latency.
#
#   ui/bench/sessions.sh            (SESSIONS=500 EVENTS=300 RATE=5 UI_HEAP=2g DEALERS=1000)
#
# Starts its own backend (its own database and Redis prefix, dropped afterwards) and UI from
# backend/target/pulse-backend.jar and ui/target/pulse-ui.jar, and loads it with the simulator of
# load-tests/simulator/target/pulse-simulator.jar (build them first: ./mvnw package).
# Prints Markdown for docs/benchmarks.md; raw output in target/bench/ui-<time>/.
set -euo pipefail

# shellcheck source=infra/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../infra/lib/common.sh"
cd "$PULSE_ROOT"

: "${SESSIONS:=500}" "${EVENTS:=300}" "${RATE:=5}" "${UI_HEAP:=2g}" "${DEALERS:=1000}"
: "${BACKEND_PORT:=18280}" "${UI_PORT:=18281}"
AUTH="Basic $(printf 'admin:admin' | base64)"

pulse_find_java
pulse_ensure_postgres
pulse_ensure_redis
[[ -f backend/target/pulse-backend.jar && -f ui/target/pulse-ui.jar \
  && -f load-tests/simulator/target/pulse-simulator.jar ]] \
  || pulse_die "build first: ./mvnw -B -DskipTests package"

STAMP="$(date -u +%Y%m%d-%H%M%S)"
OUT="$PULSE_ROOT/target/bench/ui-$STAMP"
mkdir -p "$OUT"
SUFFIX="$(printf '%04x%04x' "$RANDOM" "$RANDOM")"
DB="pulse_ui_bench_$SUFFIX"
PREFIX="pulse-ui-bench-$SUFFIX"
cp backend/target/pulse-backend.jar "$OUT/backend.jar"
cp ui/target/pulse-ui.jar "$OUT/ui.jar"
cp load-tests/simulator/target/pulse-simulator.jar "$OUT/simulator.jar"
pulse_ensure_database "$DB"

BACKEND_PID="" UI_PID="" BENCH_PID=""
cleanup() {
  for pid in "$BENCH_PID" "$UI_PID" "$BACKEND_PID"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  pulse_drop_database "$DB"
  pulse_redis_delete "$PREFIX:*" unlink || true
  rm -f "$OUT/backend.jar" "$OUT/ui.jar" "$OUT/simulator.jar"
}
trap cleanup EXIT

wait_http() {
  local url="$1" waited=0
  until curl -fsS -o /dev/null -H "Authorization: $AUTH" "$url" 2>/dev/null; do
    ((waited++ < 180)) || pulse_die "$url did not answer"
    sleep 1
  done
}

pulse_log "starting a backend on :$BACKEND_PORT (database $DB, Redis prefix $PREFIX)"
PULSE_DB_NAME="$DB" PULSE_REDIS_PREFIX="$PREFIX" PULSE_ADMIN_PASSWORD=admin \
  java -Xmx1g --enable-native-access=ALL-UNNAMED -jar "$OUT/backend.jar" \
  --server.port="$BACKEND_PORT" --pulse.security.max-streams-per-user=100000 \
  >"$OUT/backend.log" 2>&1 &
BACKEND_PID=$!
wait_http "http://127.0.0.1:$BACKEND_PORT/actuator/health/readiness"

pulse_log "loading $DEALERS dealers and 2 days of history with the simulator"
java -Xmx512m -cp "$OUT/simulator.jar" io.pulse.simulator.Simulator \
  --url "http://127.0.0.1:$BACKEND_PORT" --dealers "$DEALERS" --brands 4 --regions 20 \
  --history-days 2 --history-events $((DEALERS * 20)) --rate 0 --quiet >"$OUT/simulator.log" 2>&1

pulse_log "starting the UI on :$UI_PORT with -Xmx$UI_HEAP"
PULSE_BACKEND_URL="http://127.0.0.1:$BACKEND_PORT" \
  java "-Xmx$UI_HEAP" -XX:+UseG1GC --enable-native-access=ALL-UNNAMED -jar "$OUT/ui.jar" \
  --server.port="$UI_PORT" >"$OUT/ui.log" 2>&1 &
UI_PID=$!
wait_http "http://127.0.0.1:$UI_PORT/actuator/health"
curl -fsS -o /dev/null "http://127.0.0.1:$UI_PORT/" # warm the first request

ui_metric() { # the UI's actuator is for admins signed in through its login form
  local jar="$OUT/ui.cookies" csrf
  if [[ ! -s "$jar" ]]; then
    csrf="$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$UI_PORT/login" \
      | sed -n 's/.*<meta name="_csrf" content="\([^"]*\)".*/\1/p')"
    curl -fsS -o /dev/null -c "$jar" -b "$jar" "http://127.0.0.1:$UI_PORT/login" \
      --data-urlencode username=admin --data-urlencode password=admin --data-urlencode "_csrf=$csrf"
  fi
  curl -fsS -b "$jar" "http://127.0.0.1:$UI_PORT/actuator/metrics/$1" \
    | sed -n 's/.*"value":\([0-9.]*\).*/\1/p'
}
heap_mb() { # used heap after a full GC, MiB
  jcmd "$UI_PID" GC.run >/dev/null
  sleep 1
  # "garbage-first heap total reserved …K, committed …K, used …K" (older JDKs: "total …K, used …K")
  jcmd "$UI_PID" GC.heap_info | sed -n 's/.*heap .*[ ,]used \([0-9]*\)K.*/\1/p' | head -n 1 \
    | awk '{printf "%.1f", $1 / 1024}'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
threads() { ls "/proc/$1/task" | wc -l; }

HEAP_IDLE="$(heap_mb)"
pulse_log "UI heap with no sessions: $HEAP_IDLE MiB; opening $SESSIONS sessions"

coproc DRIVER { java -Xmx1g ui/bench/UiSessionBench.java --ui "http://127.0.0.1:$UI_PORT" \
  --backend "http://127.0.0.1:$BACKEND_PORT" --auth "$AUTH" --sessions "$SESSIONS" \
  --events "$EVENTS" --rate "$RATE" 2>"$OUT/driver.err"; }
BENCH_PID=$DRIVER_PID # bash unsets DRIVER_PID once the coprocess ends
while read -r line <&"${DRIVER[0]}"; do
  echo "$line" | tee -a "$OUT/driver.out"
  [[ "$line" == READY ]] && break
done
sleep 10 # let the first pushes settle
HEAP_SESSIONS="$(heap_mb)"
UPSTREAMS="$(ui_metric pulse.ui.upstreams)"
T0="$(cpu_ticks "$UI_PID")"; B0="$(cpu_ticks "$BACKEND_PID")"
sleep 30
T1="$(cpu_ticks "$UI_PID")"; B1="$(cpu_ticks "$BACKEND_PID")"
CPU_IDLE="$(( (T1 - T0) * 100 / 100 / 30 ))"
BCPU_IDLE="$(( (B1 - B0) / 30 ))"
THREADS="$(threads "$UI_PID")"
RSS="$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$UI_PID/status")"

echo >&"${DRIVER[1]}"
T2="$(cpu_ticks "$UI_PID")"; B2="$(cpu_ticks "$BACKEND_PID")"; S2="$(date +%s.%N)"
while read -r line <&"${DRIVER[0]}"; do
  echo "$line" | tee -a "$OUT/driver.out"
  [[ "$line" == DONE ]] && break
done
T3="$(cpu_ticks "$UI_PID")"; B3="$(cpu_ticks "$BACKEND_PID")"; S3="$(date +%s.%N)"
BUSY="$(awk -v a="$S2" -v b="$S3" 'BEGIN {print b - a}')"
CPU_BUSY="$(awk -v t=$((T3 - T2)) -v s="$BUSY" 'BEGIN {printf "%.0f", t / s}')"
BCPU_BUSY="$(awk -v t=$((B3 - B2)) -v s="$BUSY" 'BEGIN {printf "%.0f", t / s}')"
echo >&"${DRIVER[1]}" || true

OPENED="$(sed -n 's/^OPENED //p' "$OUT/driver.out")"
LAT="$(sed -n 's/^LATENCY //p' "$OUT/driver.out")"
field() { sed -n "s/.*\b$2=\([0-9.]*\).*/\1/p" <<<"$1"; }
PER_SESSION="$(awk -v a="$HEAP_IDLE" -v b="$HEAP_SESSIONS" -v n="$SESSIONS" 'BEGIN {printf "%.0f", (b - a) * 1024 / n}')"

cat <<MD | tee "$OUT/result.md"

### UI sessions benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC

Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; Java $(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1); UI at git $(git rev-parse --short HEAD 2>/dev/null || echo '?').
Command: \`ui/bench/sessions.sh\` (SESSIONS=$SESSIONS EVENTS=$EVENTS RATE=$RATE UI_HEAP=$UI_HEAP DEALERS=$DEALERS).
Backend, PostgreSQL, Redis, the UI and the session driver share the box.

| measure | value |
|---|---|
| sessions opened (init + WebSocket push), failed, time | $(field "$OPENED" sessions), $(field "$OPENED" failed), $(field "$OPENED" seconds) s |
| upstream SSE subscriptions UI → backend | ${UPSTREAMS:-?} (one per watched dealer and window) |
| UI heap after full GC: no sessions → $SESSIONS sessions | $HEAP_IDLE → $HEAP_SESSIONS MiB |
| **heap per session** (cabinet view, its components, feed backlog) | **$PER_SESSION KiB** |
| UI process RSS / threads with $SESSIONS sessions | $RSS MiB / $THREADS |
| UI CPU, sessions open, no new feedback (30 s) | $CPU_IDLE % of one core |
| UI CPU while feedback arrives at $RATE events/s | $CPU_BUSY % of one core (backend: $BCPU_BUSY %) |
| post → session latency (POST sent until the new count arrives over push), p50 / p90 / p99 / max | $(field "$LAT" p50) / $(field "$LAT" p90) / $(field "$LAT" p99) / $(field "$LAT" max) ms |
| events timed, missed (no update within 10 s) | $(field "$LAT" seen), $(field "$LAT" missed) |
| push messages / bytes received by all sessions | $(field "$LAT" pushes) / $(field "$LAT" pushbytes) |
MD
