#!/usr/bin/env bash
# Live stream benchmark on this machine: one backend holds many dealer index streams (SSE) while
# the simulator ingests events; measures streams held and dropped, event-to-client latency,
# CPU per process, and heap and RSS per connection. Prints a Markdown block for docs/benchmarks.md.
#
#   infra/bench/streams.sh [--streams N] [--ramp S] [--duration S] [--rate R] [--dealers N]
#                          [--probes N] [--no-build]
#
# Environment (flags win):
#   STREAMS (10000)    dealer streams to hold (/api/v1/stream/dealers/{id}?window=$WINDOW),
#                      one per dealer, round the network
#   RAMP (60)          seconds over which the streams are opened
#   DURATION (180)     seconds of ingest at RATE while the streams are measured
#   WARMUP (10)        first seconds of the ingest left out of the CPU and rate figures
#                      (the latency counts every update of the whole ingest)
#   RATE (1000)        events/s fed by io.pulse.simulator.Simulator; 0: the idle mode (below)
#   DEALERS (10000)    dealers in the generated network
#   HISTORY_EVENTS (20000)  events of history (the last day) loaded before the streams
#   WINDOW (24h)       window of the streams
#   PROBES (1)         load-probe processes sharing the streams (io.pulse.simulator.StreamLoadProbe)
#   FLOOR_P99_MS (500) the floor: event-to-client p99 below this and no stream dropped
#   NOFILE (200000)    open-file limit to ask for (capped at the hard limit if we may not raise it)
#   BENCH_PORT (18090) BENCH_DB (pulse_bench_streams) BENCH_PREFIX (pulse-bench-streams)
#   BENCH_JAR (backend/target/pulse-backend.jar)  the build to measure (built if missing); the
#                      probe and the simulator run from load-tests/simulator/target/pulse-simulator.jar
#                      (built if missing)
#   BENCH_JAVA_OPTS (-Xmx1g)   backend JVM options; BENCH_CLIENT_JAVA_OPTS (-Xmx1g) probe and
#                      simulator JVM options
#   BENCH_BACKEND_ARGS ()  extra backend arguments, e.g. --pulse.streams.max-updates-per-second=2
#   BENCH_JFR (0)      1: profile the backend with JDK Flight Recorder during the measured window
#                      (backend.jfr, hot methods, CPU samples by library, GC pauses)
#   BENCH_HEAP_DUMP (0)  1: also dump the backend's live heap with the streams open
#                      (streams.hprof in the raw outputs; hundreds of MiB), to see who holds what
#   PULSE_DB_*, PULSE_REDIS_*  where PostgreSQL and Redis are (see infra/lib/common.sh)
#
# Idle mode (--rate 0): heap and RSS per open idle stream only. No ingest: the streams are held
# for DURATION seconds (heartbeats only), the heap is measured again after them, and a short report
# prints the memory figures. With --dealers below --streams, several streams watch each dealer
# (stream i watches dealer i mod DEALERS), which separates a subscriber's cost from its upstream's.
# The backend runs with --pulse.windows.background=false (no window ticker, no reconciler), so
# that background work over all dealers does not land in one class histogram and not the other:
#
#   infra/bench/streams.sh --rate 0 --streams 5000 --ramp 30 --duration 20              # 1 per dealer
#   infra/bench/streams.sh --rate 0 --streams 5000 --ramp 30 --duration 20 --dealers 50 # 100 per dealer
#
# The probes stream as one user (PULSE_USER/PULSE_PASSWORD, the demo admin by default, which also
# reads /actuator/prometheus), so the backend under test allows $STREAMS streams per user
# (pulse.security.max-streams-per-user); the simulator ingests with PULSE_INGEST_KEY (the demo key
# by default).
#
# What it creates, it removes on exit (also on Ctrl-C): the database $BENCH_DB (created fresh; a
# leftover one is dropped only if this script created it), the Redis keys under $BENCH_PREFIX:,
# the backend, probes and simulator it started. Raw outputs: target/bench/streams-<time>/
# (report.md is the printed block).
set -euo pipefail

# shellcheck source=infra/lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
cd "$PULSE_ROOT"

: "${STREAMS:=10000}" "${RAMP:=60}" "${DURATION:=180}" "${WARMUP:=10}" "${RATE:=1000}" "${DEALERS:=10000}"
: "${HISTORY_EVENTS:=20000}" "${WINDOW:=24h}" "${PROBES:=1}" "${FLOOR_P99_MS:=500}" "${NOFILE:=200000}"
: "${BENCH_PORT:=18090}" "${BENCH_DB:=pulse_bench_streams}" "${BENCH_PREFIX:=pulse-bench-streams}"
: "${BENCH_JAVA_OPTS:=-Xmx1g}" "${BENCH_CLIENT_JAVA_OPTS:=-Xmx1g}" "${BENCH_BACKEND_ARGS:=}" "${BENCH_JFR:=0}" "${BENCH_HEAP_DUMP:=0}"
BUILD=1

while (($#)); do
  case "$1" in
    --streams) STREAMS="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --dealers) DEALERS="$2"; shift 2 ;;
    --probes) PROBES="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) pulse_usage; exit 0 ;;
    *) pulse_usage >&2; pulse_die "unknown argument: $1" ;;
  esac
done
bench_check_whole_numbers STREAMS RAMP DURATION WARMUP RATE DEALERS HISTORY_EVENTS PROBES FLOOR_P99_MS NOFILE BENCH_PORT
((STREAMS >= 1 && PROBES >= 1 && STREAMS >= PROBES)) || pulse_die "need STREAMS >= PROBES >= 1"
((RATE == 0 || DURATION > WARMUP + 5)) || pulse_die "DURATION must exceed WARMUP by more than 5 s"
bench_check_names BENCH_DB
[[ "$WINDOW" =~ ^[0-9]+[a-z]+$ ]] || pulse_die "WINDOW must look like 24h, got '$WINDOW'"

OUT="$PULSE_ROOT/target/bench/streams-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
JAR_SRC="${BENCH_JAR:-$BENCH_BACKEND_JAR}"
# Private copies: a rebuild must not swap a jar under the JVMs.
JAR="$OUT/pulse-backend.jar"
CLIENT_JAR="$OUT/pulse-simulator.jar"
BASE_URL="http://127.0.0.1:$BENCH_PORT"
DB_MARK="scratch database of infra/bench/streams.sh"

BACKEND_PID=""
SIM_PID=""
REDIS_PID=""
PROBE_PIDS=()

# ---------------------------------------------------------------------------
# Cleanup
# ---------------------------------------------------------------------------

cleanup() {
  local pid
  pulse_stop_pid "$SIM_PID"
  for pid in "${PROBE_PIDS[@]}"; do
    pulse_stop_pid "$pid"
  done
  bench_stop_backend "$BACKEND_PID"
  bench_drop_created_dbs
  pulse_log "deleting Redis keys $BENCH_PREFIX:*"
  pulse_redis_delete "$BENCH_PREFIX:*"
  rm -f "$JAR" "$CLIENT_JAR"
}
bench_cleanup_on_exit cleanup

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# "mean / ≤p99 ms (rate/s)" of a timer between two scrapes (rate over $SECONDS_MEASURED).
timer_summary() {
  local before="$1" after="$2" name="$3" filter="$4" n s
  n="$(bench_prom_delta "$before" "$after" "${name}_count" "$filter")"
  s="$(bench_prom_delta "$before" "$after" "${name}_sum" "$filter")"
  awk -v n="$n" -v s="$s" -v t="$SECONDS_MEASURED" -v p="$(bench_prom_quantile "$before" "$after" "$name" "$filter" 0.99 0)" \
    'BEGIN { if (n > 0) printf "%.1f / ≤%s ms (%.0f/s)", 1000 * s / n, p, n / t; else print "-" }'
}

scrape() { bench_scrape "$BASE_URL" "$1"; }

# "pid:group" words for bench_cpu_snapshot.
pid_groups() {
  local pid words="$BACKEND_PID:backend"
  [[ -n "$REDIS_PID" ]] && words="$words $REDIS_PID:redis"
  [[ -n "$SIM_PID" ]] && words="$words $SIM_PID:simulator"
  for pid in "${PROBE_PIDS[@]}"; do
    words="$words $pid:probe"
  done
  echo "$words"
}

# CPU ticks of each backend thread: "tid ticks name" (name as Linux keeps it, 15 characters).
thread_snapshot() {
  echo "time $(bench_now_ns)"
  { cat /proc/"$BACKEND_PID"/task/[0-9]*/stat 2>/dev/null || true; } | awk '
    match($0, /\(.*\)/) {
      name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/ /, "_", name)
      split(substr($0, RSTART + RLENGTH + 1), f, " ")
      print $1, f[12] + f[13], name
    }'
}

# Backend CPU by thread family between two thread snapshots (numbers at the end folded:
# "parallel-#", "GC_Thread#"),
# the busiest first: "reactor-http-ep 45 %, lettuce-epollEv 20 %, ...".
thread_delta() {
  awk -v hz="$BENCH_CLK_TCK" '
    $1 == "time" { if (FNR == NR) t0 = $2; else t1 = $2; next }
    FNR == NR { base[$1] = $2; next }
    {
      name = $3; sub(/#?[0-9]+$/, "#", name)
      used[name] += $2 - ($1 in base ? base[$1] : 0)
    }
    END {
      s = (t1 - t0) / 1e9; line = ""
      for (k = 1; k <= 8; k++) {
        best = ""; for (n in used) if (best == "" || used[n] > used[best]) best = n
        if (best == "" || used[best] <= 0) break
        line = line (k > 1 ? ", " : "") best " " sprintf("%.0f", 100 * used[best] / hz / s) " %"
        delete used[best]
      }
      print (line == "" ? "-" : line)
    }' "$1" "$2"
}

# Heap in use after a full collection, and committed, in KiB: "used committed".
heap_after_gc() {
  local figures
  "$JAVA_HOME/bin/jcmd" "$BACKEND_PID" GC.run >/dev/null
  sleep 1
  figures="$("$JAVA_HOME/bin/jcmd" "$BACKEND_PID" GC.heap_info | tee -a "$OUT/heap-info.txt" \
    | sed -n 's/.* heap .*committed \([0-9]*\)K, used \([0-9]*\)K.*/\2 \1/p' | head -n 1)"
  [[ "$figures" =~ ^[0-9]+\ [0-9]+$ ]] || pulse_die "cannot read the heap from jcmd GC.heap_info (see $OUT/heap-info.txt)"
  echo "$figures"
}

# GC pauses in the backend's log between two JVM uptimes (s): "count total_ms max_ms".
gc_pauses() {
  awk -v from="$2" -v to="$3" '
    /Pause/ && match($0, /^\[[0-9.]+s\]/) {
      t = substr($0, 2, RLENGTH - 3) + 0
      if (t < from || t > to || $NF !~ /ms$/) next
      ms = substr($NF, 1, length($NF) - 2) + 0
      n++; sum += ms; if (ms > max) max = ms
    }
    END { printf "%d %.0f %.1f\n", n, sum, max }' "$1"
}

# The live objects by class (forces a full collection): jcmd GC.class_histogram into a file.
class_histogram() { "$JAVA_HOME/bin/jcmd" "$BACKEND_PID" GC.class_histogram >"$1"; }

# Heap growth by class between two class histograms, per stream, the biggest first:
# "byte[] 8.1 KiB (41), ..." (bytes and instances per stream); the full table goes to $4.
histogram_delta() {
  awk -v n="$3" '
    $1 ~ /^[0-9]+:$/ { key = $4; if (FILENAME == ARGV[1]) { b0[key] = $3; i0[key] = $2 } else { b1[key] = $3; i1[key] = $2 } }
    END {
      for (k in b1) { d[k] = b1[k] - b0[k]; c[k] = i1[k] - i0[k] }
      for (k = 1; k <= 40; k++) {
        best = ""; for (x in d) if (best == "" || d[x] > d[best]) best = x
        if (best == "" || d[best] <= 0) break
        printf "%s %.2f %.2f\n", best, d[best] / n / 1024, c[best] / n
        delete d[best]
      }
    }' "$1" "$2" | tee "$4" | head -n 8 | awk '{ printf "%s%s %.1f KiB (%.1f)", (NR > 1 ? ", " : ""), $1, $2, $3 } END { print "" }'
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# "12.3 MiB" from KiB.
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# "4.2 KiB" per stream from a KiB delta.
per_stream() { awk -v k="$1" -v n="$2" 'BEGIN { printf "%.1f KiB", k / n }'; }

# java_client MAIN ARGS...: a simulator main class as a probe or load; in a subshell, see
# bench_exec_java.
java_client() { bench_exec_java "$CLIENT_JAR" "" "$BENCH_CLIENT_JAVA_OPTS" "$@"; }

# ---------------------------------------------------------------------------
# Preflight: tools, services, limits
# ---------------------------------------------------------------------------

bench_preflight "$BENCH_PORT" psql redis-cli curl

# Every stream is a socket in the backend and one in a probe (plus jars, Redis, PostgreSQL).
HARD_NOFILE="$(ulimit -Hn)"
if [[ "$HARD_NOFILE" != unlimited ]] && ((HARD_NOFILE < NOFILE)); then
  if ulimit -Hn "$NOFILE" 2>/dev/null; then
    HARD_NOFILE="$NOFILE"
  else
    pulse_log "may not raise the hard open-file limit from $HARD_NOFILE to $NOFILE (no CAP_SYS_RESOURCE); using $HARD_NOFILE"
  fi
fi
if [[ "$HARD_NOFILE" == unlimited ]] || ((HARD_NOFILE >= NOFILE)); then
  ulimit -n "$NOFILE"
else
  ulimit -n "$HARD_NOFILE"
fi
NOFILE_SET="$(ulimit -n)"
NEED_FILES=$((STREAMS + 1000))
((NOFILE_SET >= NEED_FILES)) \
  || pulse_die "the open-file limit is $NOFILE_SET but the backend needs about $NEED_FILES for $STREAMS streams (raise the hard limit: ulimit -Hn, /etc/security/limits.conf)"

# Each client socket to 127.0.0.1:$BENCH_PORT takes an ephemeral port of one source address.
read -r PORT_LO PORT_HI </proc/sys/net/ipv4/ip_local_port_range
EPHEMERAL=$((PORT_HI - PORT_LO + 1))
TIME_WAIT=0
if pulse_have ss; then
  TIME_WAIT="$(ss -Htan state time-wait 2>/dev/null | wc -l)"
fi
((EPHEMERAL - TIME_WAIT > STREAMS + 500)) \
  || pulse_die "only $EPHEMERAL ephemeral ports ($PORT_LO-$PORT_HI, $TIME_WAIT in TIME_WAIT) for $STREAMS client sockets: widen net.ipv4.ip_local_port_range or wait a minute"
PORTS_NOTE="ephemeral ports $PORT_LO-$PORT_HI ($(bench_fmt "$EPHEMERAL"), enough for $(bench_fmt "$STREAMS") client sockets to one server port from 127.0.0.1)"

[[ -f "$JAR_SRC" || -z "${BENCH_JAR:-}" ]] || pulse_die "BENCH_JAR=$BENCH_JAR does not exist"
bench_private_jar "$JAR_SRC" "$JAR" "$BUILD"
bench_private_jar "$BENCH_SIMULATOR_JAR" "$CLIENT_JAR" "$BUILD"
if [[ -z "${BENCH_JAR:-}" && "$(stat -c %Y "$JAR_SRC")" -lt "$(git log -1 --format=%ct -- backend 2>/dev/null || echo 0)" ]]; then
  pulse_warn "$JAR_SRC is older than the last commit to backend/; rebuild it when nothing runs from it"
fi
pulse_log "raw outputs go to ${OUT#"$PULSE_ROOT"/}"

# ---------------------------------------------------------------------------
# 1. Machine facts
# ---------------------------------------------------------------------------

bench_machine_facts
if [[ -n "${BENCH_JAR:-}" ]]; then
  GIT_REV="? (BENCH_JAR=$BENCH_JAR, built $(date -u -r "$JAR_SRC" '+%Y-%m-%d %H:%M UTC'))"
fi
{
  echo "cpu: $CPU_MODEL x $NPROC, ram ${RAM_GIB} GiB, kernel $KERNEL"
  echo "redis $REDIS_VERSION, postgresql $PG_VERSION, java $JAVA_VERSION"
  echo "git $GIT_REV, load average at start $LOAD_START"
  echo "open files: soft $NOFILE_SET (asked $NOFILE, hard $HARD_NOFILE); $PORTS_NOTE; $TIME_WAIT sockets in TIME_WAIT"
} | tee "$OUT/machine.txt" >&2

# ---------------------------------------------------------------------------
# 2. The backend under test
# ---------------------------------------------------------------------------

pulse_log "starting the backend on port $BENCH_PORT (database $BENCH_DB, Redis prefix $BENCH_PREFIX, $BENCH_JAVA_OPTS)"
bench_create_db "$BENCH_DB" "$DB_MARK" BENCH_DB
pulse_redis_delete "$BENCH_PREFIX:*"
read -r -a JOPTS <<<"$BENCH_JAVA_OPTS"
read -r -a BARGS <<<"$BENCH_BACKEND_ARGS"
if ((RATE == 0)); then
  # Idle mode measures what the streams hold: no window slides, and no reconciler pass over every
  # dealer caught in one class histogram but not the other.
  BARGS=(--pulse.windows.background=false "${BARGS[@]}")
fi
bench_start_backend bench-backend "$BENCH_DB" "$BENCH_PREFIX" "$OUT/backend.log" \
  "-Xlog:gc:file=$OUT/backend-gc.log:uptime" "${JOPTS[@]}" -jar "$JAR" "--server.port=$BENCH_PORT" \
  "--pulse.security.max-streams-per-user=$STREAMS" "--pulse.security.max-streams-per-instance=$((STREAMS + 1000))" \
  "${BARGS[@]}"
BACKEND_PID=$!
bench_wait_ready "$BASE_URL" "$BACKEND_PID" "$OUT/backend.log" backend

# ---------------------------------------------------------------------------
# 3. The network and a day of history
# ---------------------------------------------------------------------------

pulse_log "loading $(bench_fmt "$DEALERS") dealers and $(bench_fmt "$HISTORY_EVENTS") events of history"
(java_client Simulator --url "$BASE_URL" --dealers "$DEALERS" --rate 0 \
  --history-days 1 --history-events "$HISTORY_EVENTS" --quiet) >"$OUT/load.txt" 2>"$OUT/load.err" \
  || { cat "$OUT/load.txt" "$OUT/load.err" >&2; pulse_die "loading the network failed"; }
grep '^totals' "$OUT/load.txt" >&2 || true

# ---------------------------------------------------------------------------
# 4. Memory before and after opening the streams
# ---------------------------------------------------------------------------

sleep 5
read -r HEAP0 HEAPC0 <<<"$(heap_after_gc)"
class_histogram "$OUT/class-histogram-before.txt"
RSS0="$(rss_kib "$BACKEND_PID")"
pulse_log "before the streams: heap after GC $(mib "$HEAP0") (committed $(mib "$HEAPC0")), RSS $(mib "$RSS0")"

PER_PROBE=$((STREAMS / PROBES))
pulse_log "opening $(bench_fmt "$STREAMS") streams over ${RAMP}s with $PROBES probe process(es)"
for ((p = 0; p < PROBES; p++)); do
  n=$((p == PROBES - 1 ? STREAMS - PER_PROBE * (PROBES - 1) : PER_PROBE))
  (java_client StreamLoadProbe --url "$BASE_URL" --streams "$n" --first $((p * PER_PROBE)) \
    --dealers "$DEALERS" --window "$WINDOW" --ramp "$RAMP" --duration 0) \
    >"$OUT/probe-$p.txt" 2>"$OUT/probe-$p.err" &
  PROBE_PIDS+=("$!")
done
waited=0
for ((p = 0; p < PROBES; p++)); do
  until grep -q '^ramped:' "$OUT/probe-$p.txt" 2>/dev/null; do
    kill -0 "${PROBE_PIDS[p]}" 2>/dev/null || { cat "$OUT/probe-$p.txt" "$OUT/probe-$p.err" >&2; pulse_die "probe $p exited early"; }
    ((waited < (RAMP + 120) * 10)) || pulse_die "probe $p did not finish its ramp in $((RAMP + 120)) s"
    sleep 0.1
    waited=$((waited + 1))
  done
  grep '^ramped:' "$OUT/probe-$p.txt" >&2
done
sleep 10 # the ramp's garbage and the last snapshots settle
scrape "$OUT/prometheus-streams.txt"
CONNECTIONS1="$(bench_prom_sum "$OUT/prometheus-streams.txt" pulse_stream_connections)"
UPSTREAMS1="$(bench_prom_sum "$OUT/prometheus-streams.txt" pulse_stream_upstreams)"
read -r HEAP1 HEAPC1 <<<"$(heap_after_gc)"
class_histogram "$OUT/class-histogram-streams.txt"
if [[ "$BENCH_HEAP_DUMP" == 1 ]]; then
  "$JAVA_HOME/bin/jcmd" "$BACKEND_PID" GC.heap_dump "$OUT/streams.hprof" >/dev/null
fi
RSS1="$(rss_kib "$BACKEND_PID")"
PROBE_RSS1=0
for pid in "${PROBE_PIDS[@]}"; do
  PROBE_RSS1=$((PROBE_RSS1 + $(rss_kib "$pid")))
done
pulse_log "with $(printf '%.0f' "$CONNECTIONS1") streams ($(printf '%.0f' "$UPSTREAMS1") upstreams): heap after GC $(mib "$HEAP1"), RSS $(mib "$RSS1")"

# ---------------------------------------------------------------------------
# 4b. Idle mode: hold the streams with nothing ingested, report memory, stop
# ---------------------------------------------------------------------------

if ((RATE == 0)); then
  EXTRA_ARGS_NOTE=""
  [[ -z "$BENCH_BACKEND_ARGS" ]] || EXTRA_ARGS_NOTE=" BENCH_BACKEND_ARGS='$BENCH_BACKEND_ARGS'"
  pulse_log "idle mode: holding the streams for ${DURATION}s with nothing ingested"
  sleep "$DURATION"
  scrape "$OUT/prometheus-end.txt"
  CONNECTIONS2="$(bench_prom_sum "$OUT/prometheus-end.txt" pulse_stream_connections)"
  read -r HEAP2 HEAPC2 <<<"$(heap_after_gc)"
  RSS2="$(rss_kib "$BACKEND_PID")"
  SLOW_DROPS="$(bench_prom_sum "$OUT/prometheus-end.txt" pulse_stream_slow_disconnects_total | awk '{ printf "%.0f", $1 }')"
  pulse_log "stopping the probes"
  for p in "${!PROBE_PIDS[@]}"; do
    pulse_stop_pid "${PROBE_PIDS[p]}"
  done
  PROBE_PIDS=()
  declare -A R=()
  for f in open dropped failed ended snapshots heartbeats; do R[$f]=0; done
  for ((p = 0; p < PROBES; p++)); do
    line="$(grep '^RESULT ' "$OUT/probe-$p.txt" | tail -n 1)"
    [[ -n "$line" ]] || { cat "$OUT/probe-$p.txt" "$OUT/probe-$p.err" >&2; pulse_die "probe $p printed no RESULT line"; }
    echo "$line" >>"$OUT/results.txt"
    for f in open dropped failed ended snapshots heartbeats; do
      R[$f]=$((${R[$f]} + $(bench_result_field "$line" "$f")))
    done
  done
  HELD="$(printf '%.0f' "$CONNECTIONS1")"
  ((HELD > 0)) || HELD=1
  HEAP_BY_CLASS="$(histogram_delta "$OUT/class-histogram-before.txt" "$OUT/class-histogram-streams.txt" "$HELD" "$OUT/heap-per-stream-by-class.txt")"
  {
    echo "### Idle streams memory, $STARTED_AT"
    echo
    echo "Machine: $NPROC × $CPU_MODEL, $RAM_GIB GiB RAM, Linux $KERNEL; Java $JAVA_VERSION. Backend at git $GIT_REV, JVM options \`$BENCH_JAVA_OPTS\`${BENCH_BACKEND_ARGS:+, arguments \`$BENCH_BACKEND_ARGS\`}."
    echo "Command: \`infra/bench/streams.sh --rate 0\` (STREAMS=$STREAMS RAMP=$RAMP DURATION=$DURATION DEALERS=$DEALERS HISTORY_EVENTS=$HISTORY_EVENTS WINDOW=$WINDOW PROBES=$PROBES BENCH_JAVA_OPTS='$BENCH_JAVA_OPTS'$EXTRA_ARGS_NOTE); the backend ran with \`--pulse.windows.background=false\`."
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| streams held at the end / dropped | $(bench_fmt "${R[open]}") of $(bench_fmt "$STREAMS") / ${R[dropped]} (failed to connect ${R[failed]}, ended early ${R[ended]}; slow-client disconnects $SLOW_DROPS) |"
    echo "| \`pulse_stream_connections\` / \`pulse_stream_upstreams\` | $(printf '%.0f' "$CONNECTIONS1") / $(printf '%.0f' "$UPSTREAMS1") (connections after ${DURATION} s idle: $(printf '%.0f' "$CONNECTIONS2")) |"
    echo "| snapshots / heartbeats received | $(bench_fmt "${R[snapshots]}") / $(bench_fmt "${R[heartbeats]}") |"
    echo "| heap after full GC: before streams / with streams / after ${DURATION} s idle | $(mib "$HEAP0") / $(mib "$HEAP1") / $(mib "$HEAP2") |"
    echo "| RSS: before streams / with streams / after ${DURATION} s idle | $(mib "$RSS0") / $(mib "$RSS1") / $(mib "$RSS2") |"
    echo "| **per connection** (with streams − before) / $(bench_fmt "$HELD") held: heap / RSS | **$(per_stream $((HEAP1 - HEAP0)) "$HELD")** / **$(per_stream $((RSS1 - RSS0)) "$HELD")** |"
    echo "| heap per connection by class (KiB and objects per stream) | $HEAP_BY_CLASS |"
  } | tee "$OUT/report.md"
  pulse_log "report saved as ${OUT#"$PULSE_ROOT"/}/report.md (all classes: heap-per-stream-by-class.txt)"
  exit 0
fi

# ---------------------------------------------------------------------------
# 5. Ingest while the streams are measured
# ---------------------------------------------------------------------------

pulse_log "ingesting $(bench_fmt "$RATE") events/s for ${DURATION}s (CPU and rate measured after ${WARMUP}s)"
(java_client Simulator --url "$BASE_URL" --dealers "$DEALERS" --rate "$RATE" --no-import \
  --duration "$DURATION") >"$OUT/simulator.txt" 2>"$OUT/simulator.err" &
SIM_PID=$!
SIM_START="$(bench_now_ns)"
sleep "$WARMUP"
T0="$(bench_now_ns)"
bench_cpu_snapshot "$(pid_groups)" >"$OUT/cpu-before.txt"
thread_snapshot >"$OUT/threads-before.txt"
scrape "$OUT/prometheus-before.txt"
JFR=0
if [[ "$BENCH_JFR" == 1 ]]; then
  bench_jfr_start "$BACKEND_PID" && JFR=1
fi
# Stop measuring 3 s before the simulator's end, while the rate is still steady.
sleep "$(awk -v d="$DURATION" -v s="$SIM_START" -v b="$(bench_now_ns)" 'BEGIN { r = d - 3 - (b - s) / 1e9; printf "%.3f", (r > 0 ? r : 0) }')"
T1="$(bench_now_ns)"
bench_cpu_snapshot "$(pid_groups)" >"$OUT/cpu-after.txt"
thread_snapshot >"$OUT/threads-after.txt"
scrape "$OUT/prometheus-after.txt"
if ((JFR)); then
  bench_jfr_stop "$BACKEND_PID" "$OUT/backend.jfr"
fi
PROBE_RSS2=0
for pid in "${PROBE_PIDS[@]}"; do
  PROBE_RSS2=$((PROBE_RSS2 + $(rss_kib "$pid")))
done
RSS2="$(rss_kib "$BACKEND_PID")"
wait "$SIM_PID" || pulse_warn "the simulator exited with status $?"
SIM_PID=""
grep '^totals' "$OUT/simulator.txt" >&2 || true
[[ -s "$OUT/simulator.err" ]] && head -n 20 "$OUT/simulator.err" >&2
sleep 3 # the last updates reach the probes
scrape "$OUT/prometheus-end.txt"
CONNECTIONS2="$(bench_prom_sum "$OUT/prometheus-end.txt" pulse_stream_connections)"
read -r HEAP2 HEAPC2 <<<"$(heap_after_gc)"

pulse_log "stopping the probes"
for p in "${!PROBE_PIDS[@]}"; do
  pulse_stop_pid "${PROBE_PIDS[p]}"
  grep -E '^(final|first failure)' "$OUT/probe-$p.txt" >&2 || true
done
PROBE_PIDS=()

# ---------------------------------------------------------------------------
# 6. Figures
# ---------------------------------------------------------------------------

SECONDS_MEASURED="$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
bench_cpu_delta "$OUT/cpu-before.txt" "$OUT/cpu-after.txt" >"$OUT/cpu.txt"
declare -A CPU
for g in backend redis postgres probe simulator other machine steal cores; do
  CPU[$g]="$(bench_cpu_figure "$OUT/cpu.txt" "$g")"
done
CPU_OTHERS="$(bench_cpu_figure "$OUT/cpu.txt" others)"
THREADS="$(thread_delta "$OUT/threads-before.txt" "$OUT/threads-after.txt")"

# The probes' RESULT lines; with several probes counts add up and percentiles are the worst
# probe's (an upper bound of the merged percentile).
declare -A R=()
for f in streams open dropped connected failed ended snapshots updates fresh stale heartbeats; do R[$f]=0; done
for f in p50_ms p90_ms p99_ms max_ms server_p50_ms server_p99_ms sent_p50_ms sent_p99_ms sent_max_ms; do R[$f]=-1; done
for ((p = 0; p < PROBES; p++)); do
  line="$(grep '^RESULT ' "$OUT/probe-$p.txt" | tail -n 1)"
  [[ -n "$line" ]] || { cat "$OUT/probe-$p.txt" "$OUT/probe-$p.err" >&2; pulse_die "probe $p printed no RESULT line"; }
  echo "$line" >>"$OUT/results.txt"
  for f in streams open dropped connected failed ended snapshots updates fresh stale heartbeats; do
    R[$f]=$((${R[$f]} + $(bench_result_field "$line" "$f")))
  done
  for f in p50_ms p90_ms p99_ms max_ms server_p50_ms server_p99_ms sent_p50_ms sent_p99_ms sent_max_ms; do
    v="$(bench_result_field "$line" "$f")"
    ((v > ${R[$f]})) && R[$f]=$v
  done
done
MERGED=""
((PROBES > 1)) && MERGED=" (worst of $PROBES probes)"

B="$OUT/prometheus-before.txt"
A="$OUT/prometheus-after.txt"
ACCEPTED="$(bench_prom_delta "$B" "$A" pulse_ingest_events_total 'result="accepted"')"
INGEST_RATE="$(awk -v n="$ACCEPTED" -v s="$SECONDS_MEASURED" 'BEGIN { printf "%.0f", n / s }')"
SIM_TOTALS="$(grep '^totals' "$OUT/simulator.txt" | tail -n 1 || true)"
SIM_MEAN="$(sed -n 's/.*mean rate \([0-9.]*\)\/s.*/\1/p' <<<"$SIM_TOTALS")"
SIM_FAILED="$(sed -n 's/.*failed \([0-9,]*\),.*/\1/p' <<<"$SIM_TOTALS")"
read -r GC_COUNT GC_TOTAL_MS GC_MAX_MS <<<"$(gc_pauses "$OUT/backend-gc.log" \
  "$(bench_prom_sum "$B" process_uptime_seconds)" "$(bench_prom_sum "$A" process_uptime_seconds)")"
GC_SHARE="$(awk -v ms="$GC_TOTAL_MS" -v s="$SECONDS_MEASURED" 'BEGIN { printf "%.1f", ms / 10 / s }')"
SLOW_DROPS="$(bench_prom_delta "$B" "$OUT/prometheus-end.txt" pulse_stream_slow_disconnects_total | awk '{ printf "%.0f", $1 }')"
# Memory per connection: divided by the streams the backend held when it was measured.
HELD="$(printf '%.0f' "$CONNECTIONS1")"
((HELD > 0)) || HELD=1
HEAP_BY_CLASS="$(histogram_delta "$OUT/class-histogram-before.txt" "$OUT/class-histogram-streams.txt" "$HELD" "$OUT/heap-per-stream-by-class.txt")"
INGEST_HTTP="$(timer_summary "$B" "$A" http_server_requests_seconds 'uri="/api/v1/feedback/batch"')"
APPLY="$(timer_summary "$B" "$A" pulse_redis_script_seconds 'script="apply"')"
READ="$(timer_summary "$B" "$A" pulse_redis_script_seconds 'script="read"')"
ADVANCE="$(timer_summary "$B" "$A" pulse_redis_script_seconds 'script="advance"')"
UPDATES_PER_S="$(awk -v u="${R[updates]}" -v d="$DURATION" 'BEGIN { printf "%.0f", u / d }')"

HEAP_DELTA=$((HEAP1 - HEAP0))
RSS_DELTA=$((RSS1 - RSS0))
FLOOR="NOT met"
if ((R[p99_ms] >= 0 && R[p99_ms] < FLOOR_P99_MS && R[dropped] == 0 && R[open] == STREAMS)); then
  FLOOR="met"
fi
if [[ -f "$OUT/backend.jfr" ]]; then
  bench_jfr_view "$OUT/backend.jfr" hot-methods "$OUT/jfr-hot-methods.txt"
  bench_jfr_view "$OUT/backend.jfr" gc-pauses "$OUT/jfr-gc-pauses.txt"
  bench_jfr_view "$OUT/backend.jfr" thread-cpu-load "$OUT/jfr-thread-cpu.txt"
  JFR_LIBS="$(bench_jfr_by_library "$OUT/backend.jfr")"
fi

# ---------------------------------------------------------------------------
# 7. The report
# ---------------------------------------------------------------------------

EXTRA_ARGS_NOTE=""
[[ -z "$BENCH_BACKEND_ARGS" ]] || EXTRA_ARGS_NOTE=" BENCH_BACKEND_ARGS='$BENCH_BACKEND_ARGS'"
{
  echo "### Live streams benchmark, $STARTED_AT"
  echo
  echo "Machine: $NPROC × $CPU_MODEL, $RAM_GIB GiB RAM, Linux $KERNEL; Redis $REDIS_VERSION; PostgreSQL $PG_VERSION;"
  echo "Java $JAVA_VERSION. Backend at git $GIT_REV, JVM options \`$BENCH_JAVA_OPTS\`${BENCH_BACKEND_ARGS:+, arguments \`$BENCH_BACKEND_ARGS\`}."
  echo "Backend, probe, simulator, PostgreSQL and Redis share the same $NPROC cores. Load average at start: $LOAD_START."
  echo "Open-file limit $NOFILE_SET (hard $HARD_NOFILE); $PORTS_NOTE."
  echo "Command: \`infra/bench/streams.sh\` (STREAMS=$STREAMS RAMP=$RAMP DURATION=$DURATION WARMUP=$WARMUP RATE=$RATE DEALERS=$DEALERS HISTORY_EVENTS=$HISTORY_EVENTS WINDOW=$WINDOW PROBES=$PROBES BENCH_JFR=$BENCH_JFR BENCH_JAVA_OPTS='$BENCH_JAVA_OPTS'$EXTRA_ARGS_NOTE)."
  echo
  echo "$(bench_fmt "$STREAMS") \`GET /api/v1/stream/dealers/{id}?window=$WINDOW\` streams, one per dealer, opened over ${RAMP} s by \`io.pulse.simulator.StreamLoadProbe\` (Reactor Netty, one socket per stream);"
  echo "then \`io.pulse.simulator.Simulator\` ingests $(bench_fmt "$RATE") events/s for ${DURATION} s. Latency counts every update carrying a newer event than the stream's previous message, over the whole ingest;"
  echo "CPU, GC and the ingest rate cover ${SECONDS_MEASURED} s of it (after ${WARMUP} s)."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| streams held at the end / dropped | **$(bench_fmt "${R[open]}")** of $(bench_fmt "$STREAMS") / **${R[dropped]}** (failed to connect ${R[failed]}, ended early ${R[ended]}; slow-client disconnects $SLOW_DROPS) |"
  echo "| backend \`pulse_stream_connections\` / \`pulse_stream_upstreams\` with the streams open | $(printf '%.0f' "$CONNECTIONS1") / $(printf '%.0f' "$UPSTREAMS1") (connections after the ingest: $(printf '%.0f' "$CONNECTIONS2")) |"
  echo "| updates received | $(bench_fmt "${R[updates]}") (≈ $(bench_fmt "$UPDATES_PER_S")/s; $(bench_fmt "${R[fresh]}") with a new event, $(bench_fmt "${R[stale]}") without) + $(bench_fmt "${R[snapshots]}") snapshots, $(bench_fmt "${R[heartbeats]}") heartbeats |"
  echo "| **event-to-client latency** (receipt − \`lastEventAcceptedAt\`) p50 / p90 / p99 / max$MERGED | ${R[p50_ms]} / ${R[p90_ms]} / **${R[p99_ms]}** / ${R[max_ms]} ms |"
  echo "| of which in the backend (\`sentAt\` − \`lastEventAcceptedAt\`) p50 / p99 | ${R[server_p50_ms]} / ${R[server_p99_ms]} ms |"
  echo "| sent-to-client (receipt − \`sentAt\`) p50 / p99 / max | ${R[sent_p50_ms]} / ${R[sent_p99_ms]} / ${R[sent_max_ms]} ms |"
  echo "| ingest rate achieved (\`pulse_ingest_events_total\` accepted) | $(bench_fmt "$INGEST_RATE") events/s (simulator: mean ${SIM_MEAN:-?}/s, failed ${SIM_FAILED:-?}) |"
  echo "| CPU backend / Redis / PostgreSQL (all) / probe / simulator, % of one core | ${CPU[backend]} / ${CPU[redis]} / ${CPU[postgres]} / ${CPU[probe]} / ${CPU[simulator]} % |"
  echo "| CPU other processes / whole machine (max ${CPU[cores]}00 %; stolen) | ${CPU[other]} % ($CPU_OTHERS) / ${CPU[machine]} % (${CPU[steal]} %) |"
  echo "| backend CPU by thread | $THREADS |"
  echo "| backend GC pauses (G1 log): share of the time / count / longest | $GC_SHARE % / $GC_COUNT / $GC_MAX_MS ms |"
  echo "| backend heap after full GC: before streams / with streams / after the ingest | $(mib "$HEAP0") / $(mib "$HEAP1") / $(mib "$HEAP2") (committed $(mib "$HEAPC0") / $(mib "$HEAPC1") / $(mib "$HEAPC2")) |"
  echo "| backend RSS: before streams / with streams / end of ingest | $(mib "$RSS0") / $(mib "$RSS1") / $(mib "$RSS2") |"
  echo "| **per connection** (with streams − before) / $(bench_fmt "$HELD") held: heap / RSS | **$(per_stream "$HEAP_DELTA" "$HELD")** / **$(per_stream "$RSS_DELTA" "$HELD")** |"
  echo "| heap per connection by class (class histograms: with streams − before; KiB and objects per stream) | $HEAP_BY_CLASS |"
  echo "| ingest request time in the backend, mean / p99 (\`http_server_requests\`, \`POST /api/v1/feedback/batch\`) | $INGEST_HTTP |"
  echo "| Redis scripts seen by the backend, mean / p99: apply (ingest) / read (stream re-reads) / advance (window slides) | $APPLY / $READ / $ADVANCE |"
  echo "| probe RSS with the streams / end of ingest (client side) | $(mib "$PROBE_RSS1") / $(mib "$PROBE_RSS2") |"
  echo
  if ((CPU[other] >= 20)); then
    echo "**Caution:** other processes on the box used ${CPU[other]} % of a core in the measured window ($CPU_OTHERS) and the load average at start was $LOAD_START: the backend shared the $NPROC cores with them, so these figures are worse than on a quiet box."
    echo
  fi
  echo "Floor (event-to-client p99 < $FLOOR_P99_MS ms, no stream dropped, $(bench_fmt "$STREAMS") streams at $(bench_fmt "$RATE") events/s): **$FLOOR**."
  if [[ -n "${JFR_LIBS:-}" ]]; then
    echo
    echo "Backend CPU samples in the measured window by library of the executing method (JFR): $JFR_LIBS."
  fi
} | tee "$OUT/report.md"
pulse_log "report saved as ${OUT#"$PULSE_ROOT"/}/report.md"
