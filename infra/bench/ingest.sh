#!/usr/bin/env bash
# Ingest benchmark on this machine: sustained events/s and request latency through the HTTP
# batch API with PostgreSQL and Redis, next to the raw limits of the box measured in the same
# run (redis-benchmark, psql \copy, pgbench). Prints a Markdown block for docs/benchmarks.md.
#
#   infra/bench/ingest.sh [--duration S] [--warmup S] [--concurrency N] [--batch N]
#                         [--rate R] [--dealers N] [--skip-raw] [--no-build]
#
# Environment (flags win):
#   DURATION (60)      measured seconds of each HTTP run, after the warm-up
#   WARMUP (10)        warm-up seconds of each HTTP run
#   CONCURRENCY (8)    requests in flight (also the pgbench clients)
#   BATCH (500)        events per request (also rows per statement in pgbench)
#   FIXED_RATE (5000)  events/s of the fixed-rate run; the floor to meet
#   DEALERS (10000)    dealers in the generated network
#   BENCH_PORT (18080) BENCH_DB (pulse_bench) BENCH_RAW_DB (pulse_bench_raw)
#   BENCH_PREFIX (pulse-bench)  Redis key prefix of the backend under test
#   BENCH_JAR (backend/target/pulse-backend.jar)  the build to measure (built if missing), e.g.
#                      an older commit's jar for a before/after run on the same box
#   BENCH_JAVA_OPTS (-Xmx1g)   backend JVM options; BENCH_CLIENT_JAVA_OPTS (-Xmx1g)
#   BENCH_JFR (0)      1: profile the backend with JDK Flight Recorder during the measured window
#                      of the max-rate run (max/backend.jfr, hot methods, CPU samples by library)
#   PULSE_DB_*, PULSE_REDIS_*  where PostgreSQL and Redis are (see infra/lib/common.sh)
#
# What it creates, it removes on exit (also on Ctrl-C): the databases $BENCH_DB and
# $BENCH_RAW_DB (created fresh; a leftover one is dropped only if this script created it),
# the Redis keys under $BENCH_PREFIX: and bench:{pulse-<pid>}, the backend it started.
# Raw outputs: target/bench/ingest-<time>/ (report.md is the printed block).
set -euo pipefail

# shellcheck source=infra/lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
cd "$PULSE_ROOT"

: "${DURATION:=60}" "${WARMUP:=10}" "${CONCURRENCY:=8}" "${BATCH:=500}" "${FIXED_RATE:=5000}" "${DEALERS:=10000}"
: "${BENCH_PORT:=18080}" "${BENCH_DB:=pulse_bench}" "${BENCH_RAW_DB:=pulse_bench_raw}" "${BENCH_PREFIX:=pulse-bench}"
: "${BENCH_JAVA_OPTS:=-Xmx1g}" "${BENCH_CLIENT_JAVA_OPTS:=-Xmx1g}" "${BENCH_JFR:=0}"
SKIP_RAW=0
BUILD=1

while (($#)); do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --batch) BATCH="$2"; shift 2 ;;
    --rate) FIXED_RATE="$2"; shift 2 ;;
    --dealers) DEALERS="$2"; shift 2 ;;
    --skip-raw) SKIP_RAW=1; shift ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) pulse_usage; exit 0 ;;
    *) pulse_usage >&2; pulse_die "unknown argument: $1" ;;
  esac
done
bench_check_whole_numbers DURATION WARMUP CONCURRENCY BATCH FIXED_RATE DEALERS BENCH_PORT
bench_check_names BENCH_DB BENCH_RAW_DB

OUT="$PULSE_ROOT/target/bench/ingest-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
# Private copies: a rebuild must not swap a jar under the JVMs.
JAR="$OUT/pulse-backend.jar"
CLIENT_JAR="$OUT/pulse-simulator.jar"
BASE_URL="http://127.0.0.1:$BENCH_PORT"
RAW_TAG="pulse-$$"
DB_MARK="scratch database of infra/bench/ingest.sh"

BACKEND_PID=""
CLIENT_PID=""
SAMPLER_PID=""
declare -a EVENT_SCRIPT_RATE=()
PG_TX_ROWS_1=""

# ---------------------------------------------------------------------------
# Cleanup
# ---------------------------------------------------------------------------

cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null
  pulse_stop_pid "$CLIENT_PID"
  bench_stop_backend "$BACKEND_PID"
  bench_drop_created_dbs
  pulse_log "deleting Redis keys $BENCH_PREFIX:* and bench:{$RAW_TAG}*"
  pulse_redis_delete "$BENCH_PREFIX:*"
  pulse_redis_delete "bench:{$RAW_TAG}*"
  rm -f "$JAR" "$CLIENT_JAR"
}
bench_cleanup_on_exit cleanup

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

create_db() { bench_create_db "$1" "$DB_MARK" BENCH_DB/BENCH_RAW_DB; }

# "pid:group" words for bench_cpu_snapshot.
pid_groups() { echo "$BACKEND_PID:backend $CLIENT_PID:client $REDIS_PID:redis"; }

# The requests/s of a quiet redis-benchmark run.
rb_rate() { tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -n 1 | cut -d' ' -f1; }

# Samples what the benchmark database's PostgreSQL connections are doing, twice a second.
sample_pg_activity() {
  while true; do
    pulse_psql postgres -Atc "select case when state = 'active' then 'active: ' ||
        coalesce(wait_event_type || '/' || wait_event, 'on CPU') else state ||
        coalesce(' (' || wait_event || ')', '') end
      from pg_stat_activity where datname = '$BENCH_DB' and backend_type = 'client backend'
        and pid <> pg_backend_pid()" 2>/dev/null || true
    sleep 0.5
  done
}

# "active: on CPU 41%, idle in transaction (ClientRead) 30%, ..." from the samples.
pg_activity_summary() {
  sort "$1" | uniq -c | sort -rn | awk '
    { n[NR] = $1; $1 = ""; sub(/^ /, ""); what[NR] = $0; total += n[NR] }
    END {
      shown = 0
      for (i = 1; i <= NR && shown < 5; i++) {
        if (100 * n[i] / total < 1) continue
        printf "%s%s %d%%", (shown++ ? ", " : ""), what[i], 100 * n[i] / total
      }
      if (shown == 0) printf "-"
      print ""
    }'
}

redis_cmdstat() { pulse_redis INFO commandstats | tr -d '\r' | grep '^cmdstat_' || true; }

# "calls usec" of one command between two INFO commandstats outputs.
cmdstat_delta() {
  awk -v c="cmdstat_$3:" '
    index($0, c) == 1 {
      match($0, /calls=[0-9]+/); calls = substr($0, RSTART + 6, RLENGTH - 6)
      match($0, /usec=[0-9]+/); usec = substr($0, RSTART + 5, RLENGTH - 5)
      if (FILENAME == ARGV[1]) { c0 = calls; u0 = usec } else { c1 = calls; u1 = usec }
    }
    END { print c1 - c0, u1 - u0 }' "$1" "$2"
}

# Redis commands per accepted event (all but EVALSHA and the harness's own), total and the top
# four: "23.40 (bitfield 8.10, zadd 3.02, ...)". Commands a script runs count here too.
commands_per_event() {
  awk -v e="$3" '
    /^cmdstat_/ {
      name = substr($0, 9, index($0, ":") - 9)
      if (name ~ /^(evalsha|eval|info|script|config|ping|hello|client|select|flushall|dbsize)/) next
      match($0, /calls=[0-9]+/); calls = substr($0, RSTART + 6, RLENGTH - 6)
      if (FILENAME == ARGV[1]) c0[name] = calls; else c1[name] = calls
    }
    END {
      if (e <= 0) { print "-"; exit }
      total = 0; n = 0
      for (k in c1) { d = c1[k] - c0[k]; if (d > 0) { total += d; names[++n] = k; cnt[k] = d } }
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
        if (cnt[names[j]] > cnt[names[i]]) { t = names[i]; names[i] = names[j]; names[j] = t }
      out = ""
      for (i = 1; i <= n && i <= 4; i++) out = out (i > 1 ? ", " : "") sprintf("%s %.2f", names[i], cnt[names[i]] / e)
      printf "%.2f (%s)\n", total / e, out
    }' "$1" "$2"
}

# ---------------------------------------------------------------------------
# Preflight
# ---------------------------------------------------------------------------

bench_preflight "$BENCH_PORT" psql pgbench redis-cli redis-benchmark curl
bench_private_jar "${BENCH_JAR:-$BENCH_BACKEND_JAR}" "$JAR" "$BUILD"
bench_private_jar "$BENCH_SIMULATOR_JAR" "$CLIENT_JAR" "$BUILD"
pulse_log "raw outputs go to ${OUT#"$PULSE_ROOT"/}"

# ---------------------------------------------------------------------------
# 1. Machine facts
# ---------------------------------------------------------------------------

bench_machine_facts
REDIS_PERSIST="save='$(pulse_redis CONFIG GET save | sed -n 2p)', appendonly=$(pulse_redis CONFIG GET appendonly | sed -n 2p)"
PG_SETTINGS="$(pulse_psql postgres -Atc "select string_agg(name || '=' || setting || coalesce(unit, ''), ', ' order by name)
  from pg_settings where name in ('synchronous_commit', 'fsync', 'shared_buffers', 'max_wal_size')")"
{
  echo "cpu: $CPU_MODEL x $NPROC, ram ${RAM_GIB} GiB, kernel $KERNEL"
  echo "redis $REDIS_VERSION ($REDIS_PERSIST), postgresql $PG_VERSION ($PG_SETTINGS), java $JAVA_VERSION"
  echo "git $GIT_REV, load average at start $LOAD_START"
} | tee "$OUT/machine.txt" >&2

# ---------------------------------------------------------------------------
# 2. Raw limits
# ---------------------------------------------------------------------------

# What applying one event to one scope costs Redis, as in scripts/apply.lua for an event in a
# sealed bucket (feedback usually comes after its visit): meta/pending checks, one BITFIELD of the
# answer's ~10 counters on the bucket and one on each of the 4 window totals, high-water mark and
# "last".
EVENT_LUA="$(cat <<'LUA'
local b = KEYS[1]
local m = b .. ':m'
if redis.call('EXISTS', m) == 0 then redis.call('HSET', m, 'hw', 0) end
local head = redis.call('HMGET', m, 'v', 'hw', 'last')
local hw = tonumber(head[2] or '0')
redis.call('SCARD', b .. ':p')
redis.call('ZSCORE', b .. ':o', '1:1')
redis.call('EXISTS', b .. ':b:1:1')
local ops = {}
for i = 1, #ARGV, 2 do
  ops[#ops + 1] = 'INCRBY'; ops[#ops + 1] = 'i32'; ops[#ops + 1] = '#' .. ARGV[i]; ops[#ops + 1] = ARGV[i + 1]
end
redis.call('BITFIELD', b .. ':b:1:1', unpack(ops))
for j = 0, 3 do redis.call('BITFIELD', b .. ':t:' .. j, unpack(ops)) end
redis.call('HSET', m, 'hw', hw + 1, 'last', tonumber(head[3] or '0') + 1)
return hw + 1
LUA
)"
EVENT_FIELDS=(0 1 1 1 6 1 10 1 15 1 22 1 35 1 40 1 45 1 50 1)

# A table shaped like feedback_event (same columns, checks, keys and indexes; no foreign key).
RAW_DDL="$(cat <<'SQL'
CREATE TABLE feedback_event (
  event_id uuid PRIMARY KEY, dealer_id varchar(64) NOT NULL, seq bigint NOT NULL,
  stage varchar(20) NOT NULL, occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL,
  consultation smallint CHECK (consultation BETWEEN 1 AND 5),
  communication smallint CHECK (communication BETWEEN 1 AND 5),
  visit smallint CHECK (visit BETWEEN 1 AND 5), recommend smallint CHECK (recommend BETWEEN 0 AND 10),
  speed smallint CHECK (speed BETWEEN 1 AND 5), car smallint CHECK (car BETWEEN 1 AND 5),
  return_intent smallint CHECK (return_intent BETWEEN 1 AND 5),
  comment text, channel varchar(10), customer_ref varchar(128),
  CONSTRAINT feedback_dealer_seq UNIQUE (dealer_id, seq));
CREATE INDEX feedback_dealer_occurred ON feedback_event (dealer_id, occurred_at);
CREATE INDEX feedback_received ON feedback_event USING brin (received_at);
CREATE TABLE dealer_seq (dealer_id varchar(64) PRIMARY KEY, last_seq bigint NOT NULL DEFAULT 0);
SQL
)"

# One batch of generated rows as arrays (one round trip, kept in pgbench variables).
GEN_ARRAYS="SELECT array_agg(gen_random_uuid())::text AS ids,
  array_agg('D' || floor(random() * $DEALERS)::int)::text AS dealers,
  array_agg((array['CONSULTATION','TEST_DRIVE','HANDOVER','SERVICE_VISIT'])[1 + floor(random() * 4)::int])::text AS stages,
  array_agg(now() - random() * interval '5 minutes')::text AS occurred,
  array_agg(CASE WHEN random() < 0.6 THEN 1 + floor(random() * 5)::int END)::text AS c5,
  array_agg(1 + floor(random() * 5)::int)::text AS s5,
  array_agg(floor(random() * 11)::int)::text AS r10,
  array_agg(CASE WHEN random() < 0.15 THEN 'Friendly staff, quick handover.' END)::text AS comments
  FROM generate_series(1, $BATCH) \\gset"

UNNEST_INSERT="INSERT INTO feedback_event (event_id, dealer_id, seq, stage, occurred_at, received_at,
  consultation, communication, visit, recommend, speed, car, return_intent, comment, channel, customer_ref)
SELECT t.id, t.dealer, nextval('raw_seq'), t.stage, t.occurred, now(), t.c, t.s, t.c, t.r, t.s, t.c, t.s,
       t.comment, 'WEB', NULL
FROM unnest(:ids::uuid[], :dealers::text[], :stages::text[], :occurred::timestamptz[],
            :c5::smallint[], :s5::smallint[], :r10::smallint[], :comments::text[])
  AS t(id, dealer, stage, occurred, c, s, r, comment);"

# The backend's own transaction (io.pulse.feedback.FeedbackStore): lock the batch's dealer
# counters in id order, then insert what is new while numbering each dealer's events.
BACKEND_TX="BEGIN;
SELECT dealer_id FROM dealer_seq WHERE dealer_id = ANY(:dealers::text[]) ORDER BY dealer_id FOR UPDATE;
WITH input AS (
  SELECT * FROM unnest(:ids::uuid[], :dealers::text[], :stages::text[], :occurred::timestamptz[],
                       :c5::smallint[], :s5::smallint[], :r10::smallint[], :comments::text[])
    WITH ORDINALITY AS t(event_id, dealer_id, stage, occurred_at, c, s, r, comment, ord)),
fresh AS (SELECT i.* FROM input i WHERE NOT EXISTS (SELECT 1 FROM feedback_event f WHERE f.event_id = i.event_id)),
counts AS (SELECT dealer_id, count(*) AS n FROM fresh GROUP BY dealer_id),
bumped AS (UPDATE dealer_seq s SET last_seq = s.last_seq + c.n FROM counts c WHERE s.dealer_id = c.dealer_id
           RETURNING s.dealer_id, s.last_seq - c.n AS base)
INSERT INTO feedback_event (event_id, dealer_id, seq, stage, occurred_at, received_at, consultation,
  communication, visit, recommend, speed, car, return_intent, comment, channel, customer_ref)
SELECT f.event_id, f.dealer_id, b.base + row_number() OVER (PARTITION BY f.dealer_id ORDER BY f.ord),
       f.stage, f.occurred_at, now(), f.c, f.s, f.c, f.r, f.s, f.c, f.s, f.comment, 'WEB', NULL
FROM fresh f JOIN bumped b USING (dealer_id)
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id, dealer_id, seq;
COMMIT;"

# pgbench_rows_per_s NAME CLIENTS SCRIPT-BODY: runs the script for 15 s, prints rows/s.
pgbench_rows_per_s() {
  local name="$1" clients="$2" body="$3" tps
  printf '%s\n%s\n' "$GEN_ARRAYS" "$body" >"$OUT/pgbench-$name.sql"
  PGCONNECT_TIMEOUT=5 pgbench -n -M prepared -c "$clients" -j "$((clients < 2 ? 1 : 2))" -T 15 \
    -h "$PULSE_DB_HOST" -p "$PULSE_DB_PORT" -U "$PULSE_DB_USER" \
    -f "$OUT/pgbench-$name.sql" "$BENCH_RAW_DB" >"$OUT/pgbench-$name.txt" 2>&1 \
    || { tail -n 20 "$OUT/pgbench-$name.txt" >&2; pulse_die "pgbench $name failed"; }
  tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench-$name.txt" | head -n 1)"
  awk -v t="$tps" -v b="$BATCH" 'BEGIN { printf "%.0f\n", t * b }'
}

RAW_ROWS=()
raw_row() { RAW_ROWS+=("| $1 | $2 |"); }

if ((SKIP_RAW == 0)); then
  pulse_log "raw limits: redis-benchmark (200k requests, 50 clients)"
  RB=(redis-benchmark -h "$PULSE_REDIS_HOST" -p "$PULSE_REDIS_PORT" -q -n 200000 -c 50 -r 10000)
  rate="$("${RB[@]}" -P 1 hincrby "bench:{$RAW_TAG}:h:__rand_int__" f 1 2>&1 | tee "$OUT/redis-hincrby-p1.txt" | rb_rate)"
  raw_row "Redis HINCRBY, 50 clients, no pipelining" "$(bench_fmt "$rate") /s"
  rate="$("${RB[@]}" -P 16 hincrby "bench:{$RAW_TAG}:h:__rand_int__" f 1 2>&1 | tee "$OUT/redis-hincrby-p16.txt" | rb_rate)"
  raw_row "Redis HINCRBY, 50 clients, pipeline 16" "$(bench_fmt "$rate") /s"
  SHA="$(pulse_redis SCRIPT LOAD "$EVENT_LUA")"
  for p in 1 16; do
    rate="$("${RB[@]}" -P "$p" evalsha "$SHA" 1 "bench:{$RAW_TAG}:s:__rand_int__" "${EVENT_FIELDS[@]}" 2>&1 \
      | tee "$OUT/redis-event-script-p$p.txt" | rb_rate)"
    EVENT_SCRIPT_RATE[p]="$rate"
    raw_row "Redis EVALSHA of one event's apply work on one scope (sealed bucket: 5 BITFIELD of 10 counters + HMGET/SCARD/ZSCORE/EXISTS/HSET, 10k scopes), $([[ $p == 1 ]] && echo 'no pipelining' || echo 'pipeline 16')" "$(bench_fmt "$rate") scripts/s"
  done
  pulse_redis_delete "bench:{$RAW_TAG}*"

  pulse_log "raw limits: PostgreSQL in scratch database $BENCH_RAW_DB"
  create_db "$BENCH_RAW_DB"
  pulse_psql "$BENCH_RAW_DB" -qc "$RAW_DDL" >/dev/null
  pulse_psql "$BENCH_RAW_DB" -qc "CREATE SEQUENCE raw_seq;
    INSERT INTO dealer_seq SELECT 'D' || i FROM generate_series(0, $DEALERS - 1) i;" >/dev/null
  pulse_psql "$BENCH_RAW_DB" -qc "\\copy (select gen_random_uuid(), 'D' || (i % $DEALERS), i,
      'SERVICE_VISIT', now() - (i % 3600) * interval '1 second', now(), 1 + i % 5, 1 + i % 5, NULL, i % 11,
      1 + i % 4, NULL, 1 + i % 5, CASE WHEN i % 7 = 0 THEN 'Friendly staff, quick handover.' END, 'WEB', NULL
      from generate_series(1, 200000) i) to '$OUT/feedback-200k.csv' csv"
  t0="$(bench_now_ns)"
  pulse_psql "$BENCH_RAW_DB" -qc "\\copy feedback_event from '$OUT/feedback-200k.csv' csv" >/dev/null
  t1="$(bench_now_ns)"
  rate="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", 200000 / ((b - a) / 1e9) }')"
  raw_row "PostgreSQL \\copy of 200k feedback_event rows (client CSV, 3 indexes, one transaction)" "$(bench_fmt "$rate") rows/s"
  rm -f "$OUT/feedback-200k.csv"
  pulse_psql "$BENCH_RAW_DB" -qc "TRUNCATE feedback_event; CHECKPOINT" >/dev/null
  rate="$(pgbench_rows_per_s unnest "$CONCURRENCY" "$UNNEST_INSERT")"
  raw_row "PostgreSQL INSERT … SELECT FROM unnest(arrays), $BATCH rows per statement, $CONCURRENCY clients (pgbench, autocommit)" "$(bench_fmt "$rate") rows/s"
  pulse_psql "$BENCH_RAW_DB" -qc "TRUNCATE feedback_event; CHECKPOINT" >/dev/null
  rate="$(pgbench_rows_per_s backend-tx "$CONCURRENCY" "$BACKEND_TX")"
  raw_row "PostgreSQL the backend's transaction (lock the batch's dealer_seq rows, numbered INSERT … unnest), $BATCH rows, uniform dealers, $CONCURRENCY clients" "$(bench_fmt "$rate") rows/s"
  pulse_psql "$BENCH_RAW_DB" -qc "TRUNCATE feedback_event; CHECKPOINT" >/dev/null
  rate="$(pgbench_rows_per_s backend-tx-1 1 "$BACKEND_TX")"
  PG_TX_ROWS_1="$rate"
  raw_row "same, 1 client" "$(bench_fmt "$rate") rows/s"
  pulse_drop_database "$BENCH_RAW_DB"
  BENCH_CREATED_DBS=()
fi

# ---------------------------------------------------------------------------
# 3. The backend under test
# ---------------------------------------------------------------------------

pulse_log "starting the backend on port $BENCH_PORT (database $BENCH_DB, Redis prefix $BENCH_PREFIX)"
create_db "$BENCH_DB"
pulse_redis_delete "$BENCH_PREFIX:*"
read -r -a JOPTS <<<"$BENCH_JAVA_OPTS"
bench_start_backend bench-backend "$BENCH_DB" "$BENCH_PREFIX" "$OUT/backend.log" \
  "${JOPTS[@]}" -jar "$JAR" "--server.port=$BENCH_PORT"
BACKEND_PID=$!
bench_wait_ready "$BASE_URL" "$BACKEND_PID" "$OUT/backend.log" backend

# ---------------------------------------------------------------------------
# 4./5. HTTP runs
# ---------------------------------------------------------------------------

# run_http NAME RATE [extra args]: one IngestBenchmark run with CPU, metrics and PG sampling
# over its measured window. Sets RUN_<field>[NAME] values.
declare -A R
run_http() {
  local name="$1" rate="$2" dir="$OUT/$1"
  shift 2
  mkdir -p "$dir"
  bench_exec_java "$CLIENT_JAR" bench-client "$BENCH_CLIENT_JAVA_OPTS" IngestBenchmark \
    --url "$BASE_URL" --dealers "$DEALERS" --batch "$BATCH" --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --warmup "$WARMUP" --rate "$rate" "$@" \
    >"$dir/client.txt" 2>"$dir/client.err" &
  CLIENT_PID=$!
  local waited=0
  until grep -q '^running:' "$dir/client.txt" 2>/dev/null; do
    kill -0 "$CLIENT_PID" 2>/dev/null || { cat "$dir/client.txt" "$dir/client.err" >&2; pulse_die "the benchmark client exited early"; }
    ((waited < 9000)) || pulse_die "the benchmark client did not start measuring within 15 min"
    sleep 0.1
    waited=$((waited + 1))
  done
  grep '^primed' "$dir/client.txt" >&2 || true
  pulse_log "$name: warming up for ${WARMUP}s, then measuring for ${DURATION}s"
  sleep "$WARMUP"
  local t0 t1
  t0="$(bench_now_ns)"
  bench_cpu_snapshot "$(pid_groups)" >"$dir/cpu-before.txt"
  bench_scrape "$BASE_URL" "$dir/prometheus-before.txt"
  redis_cmdstat >"$dir/redis-before.txt"
  pulse_psql postgres -Atc "select xact_commit, tup_inserted, blks_hit, blks_read from pg_stat_database where datname = '$BENCH_DB'" >"$dir/pg-before.txt"
  sample_pg_activity >"$dir/pg-activity.txt" &
  SAMPLER_PID=$!
  local jfr=0
  if [[ "$BENCH_JFR" == 1 && "$name" == max ]]; then
    bench_jfr_start "$BACKEND_PID" && jfr=1
  fi
  sleep "$(awk -v d="$DURATION" -v a="$t0" -v b="$(bench_now_ns)" 'BEGIN { s = d - (b - a) / 1e9; printf "%.3f", (s > 0 ? s : 0) }')"
  t1="$(bench_now_ns)"
  bench_cpu_snapshot "$(pid_groups)" >"$dir/cpu-after.txt"
  if ((jfr)); then
    bench_jfr_stop "$BACKEND_PID" "$dir/backend.jfr"
  fi
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  bench_scrape "$BASE_URL" "$dir/prometheus-after.txt"
  redis_cmdstat >"$dir/redis-after.txt"
  pulse_psql postgres -Atc "select xact_commit, tup_inserted, blks_hit, blks_read from pg_stat_database where datname = '$BENCH_DB'" >"$dir/pg-after.txt"
  wait "$CLIENT_PID" || pulse_warn "$name: the benchmark client exited with status $?"
  CLIENT_PID=""
  cat "$dir/client.err" >&2
  local result seconds
  result="$(grep '^RESULT ' "$dir/client.txt" | tail -n 1)"
  [[ -n "$result" ]] || { cat "$dir/client.txt" >&2; pulse_die "$name: no RESULT line"; }
  sed -n '/^measured window/,/^client/p' "$dir/client.txt" >&2
  seconds="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
  bench_cpu_delta "$dir/cpu-before.txt" "$dir/cpu-after.txt" >"$dir/cpu.txt"

  local f
  for f in events_per_s p50_ms p90_ms p99_ms max_ms errors sustained requests; do
    R[$name.$f]="$(bench_result_field "$result" "$f")"
  done
  for f in others backend postgres redis client other machine steal cores; do
    R[$name.cpu.$f]="$(bench_cpu_figure "$dir/cpu.txt" "$f")"
  done
  local b="$dir/prometheus-before.txt" a="$dir/prometheus-after.txt"
  local accepted apply_n apply_s http_n http_s
  accepted="$(awk -v x="$(bench_prom_sum "$b" pulse_ingest_events_total 'result="accepted"')" \
    -v y="$(bench_prom_sum "$a" pulse_ingest_events_total 'result="accepted"')" 'BEGIN { print y - x }')"
  apply_n="$(awk -v x="$(bench_prom_sum "$b" pulse_redis_script_seconds_count 'script="apply"')" \
    -v y="$(bench_prom_sum "$a" pulse_redis_script_seconds_count 'script="apply"')" 'BEGIN { print y - x }')"
  apply_s="$(awk -v x="$(bench_prom_sum "$b" pulse_redis_script_seconds_sum 'script="apply"')" \
    -v y="$(bench_prom_sum "$a" pulse_redis_script_seconds_sum 'script="apply"')" 'BEGIN { print y - x }')"
  http_n="$(awk -v x="$(bench_prom_sum "$b" http_server_requests_seconds_count 'uri="/api/v1/feedback/batch"')" \
    -v y="$(bench_prom_sum "$a" http_server_requests_seconds_count 'uri="/api/v1/feedback/batch"')" 'BEGIN { print y - x }')"
  http_s="$(awk -v x="$(bench_prom_sum "$b" http_server_requests_seconds_sum 'uri="/api/v1/feedback/batch"')" \
    -v y="$(bench_prom_sum "$a" http_server_requests_seconds_sum 'uri="/api/v1/feedback/batch"')" 'BEGIN { print y - x }')"
  R[$name.accepted_metric]="$(awk -v n="$accepted" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')"
  R[$name.apply_per_event]="$(awk -v n="$apply_n" -v e="$accepted" 'BEGIN { printf "%.2f", (e > 0 ? n / e : 0) }')"
  R[$name.apply_per_s]="$(awk -v n="$apply_n" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')"
  R[$name.apply_mean_ms]="$(awk -v n="$apply_n" -v s="$apply_s" 'BEGIN { printf "%.2f", (n > 0 ? 1000 * s / n : 0) }')"
  R[$name.apply_p99_ms]="$(bench_prom_quantile "$b" "$a" pulse_redis_script_seconds 'script="apply"' 0.99 1)"
  R[$name.apply_in_flight]="$(awk -v s="$apply_s" -v t="$seconds" 'BEGIN { printf "%.1f", s / t }')"
  R[$name.gc_share]="$(awk -v x="$(bench_prom_sum "$b" jvm_gc_pause_seconds_sum)" -v y="$(bench_prom_sum "$a" jvm_gc_pause_seconds_sum)" \
    -v s="$seconds" 'BEGIN { printf "%.1f", 100 * (y - x) / s }')"
  R[$name.evalsha_per_event]=0
  R[$name.http_mean_ms]="$(awk -v n="$http_n" -v s="$http_s" 'BEGIN { printf "%.1f", (n > 0 ? 1000 * s / n : 0) }')"
  R[$name.http_p99_ms]="$(bench_prom_quantile "$b" "$a" http_server_requests_seconds 'uri="/api/v1/feedback/batch"' 0.99 1)"
  local evalsha
  read -r -a evalsha <<<"$(cmdstat_delta "$dir/redis-before.txt" "$dir/redis-after.txt" evalsha)"
  R[$name.redis_usec_per_script]="$(awk -v c="${evalsha[0]}" -v u="${evalsha[1]}" 'BEGIN { printf "%.1f", (c > 0 ? u / c : 0) }')"
  R[$name.redis_script_share]="$(awk -v u="${evalsha[1]}" -v s="$seconds" 'BEGIN { printf "%.0f", u / 1e6 / s * 100 }')"
  R[$name.evalsha_per_s]="$(awk -v c="${evalsha[0]}" -v s="$seconds" 'BEGIN { printf "%.0f", c / s }')"
  R[$name.evalsha_per_event]="$(awk -v c="${evalsha[0]}" -v e="$accepted" 'BEGIN { printf "%.2f", (e > 0 ? c / e : 0) }')"
  R[$name.redis_commands]="$(commands_per_event "$dir/redis-before.txt" "$dir/redis-after.txt" "$accepted")"
  local writes_n writes_e store_s count_s
  writes_n="$(bench_prom_delta "$b" "$a" pulse_ingest_write_events_count '')"
  writes_e="$(bench_prom_delta "$b" "$a" pulse_ingest_write_events_sum '')"
  store_s="$(bench_prom_delta "$b" "$a" pulse_ingest_writes_seconds_sum 'step="store"')"
  count_s="$(bench_prom_delta "$b" "$a" pulse_ingest_writes_seconds_sum 'step="count"')"
  R[$name.writes]="$(awk -v n="$writes_n" -v e="$writes_e" -v st="$store_s" -v ct="$count_s" -v s="$seconds" \
    'BEGIN { if (n > 0) printf "%.1f/s, %.0f events each; store %.0f ms, count %.0f ms", n / s, e / n, 1000 * st / n, 1000 * ct / n; else print "-" }')"
  R[$name.pg_tx_per_s]="$(paste -d'|' "$dir/pg-before.txt" "$dir/pg-after.txt" \
    | awk -F'|' -v s="$seconds" '{ printf "%.0f", ($5 - $1) / s }')"
  R[$name.pg_activity]="$(pg_activity_summary "$dir/pg-activity.txt")"
  if [[ -f "$dir/backend.jfr" ]]; then
    bench_jfr_view "$dir/backend.jfr" hot-methods "$dir/jfr-hot-methods.txt"
    R[$name.jfr]="$(bench_jfr_by_library "$dir/backend.jfr")"
  fi
  pulse_log "$name: $(bench_fmt "${R[$name.events_per_s]}") events/s, p50 ${R[$name.p50_ms]} ms, p99 ${R[$name.p99_ms]} ms"
}

pulse_log "run 1: max rate"
run_http max 0
pulse_log "run 2: fixed rate $FIXED_RATE events/s"
run_http fixed "$FIXED_RATE" --no-import --no-prime

# ---------------------------------------------------------------------------
# 6. The report
# ---------------------------------------------------------------------------

FLOOR_MET="NOT met"
if [[ "${R[fixed.sustained]}" == true ]] \
  && awk -v r="${R[max.events_per_s]}" -v f="$FIXED_RATE" 'BEGIN { exit !(r >= f) }'; then
  FLOOR_MET="met"
fi
# "171 / 78 / 113 = 362 µs" from a run's CPU shares and throughput.
per_event() {
  awk -v b="${R[$1.cpu.backend]}" -v p="${R[$1.cpu.postgres]}" -v r="${R[$1.cpu.redis]}" -v e="${R[$1.events_per_s]}" '
    BEGIN { if (e <= 0) { print "-"; exit }
            f = 1e4 / e; printf "%.0f / %.0f / %.0f = %.0f µs", b * f, p * f, r * f, (b + p + r) * f }'
}
# Events/s the box could take if backend, PostgreSQL and Redis had every core to themselves.
cpu_ceiling() {
  awk -v b="${R[$1.cpu.backend]}" -v p="${R[$1.cpu.postgres]}" -v r="${R[$1.cpu.redis]}" -v e="${R[$1.events_per_s]}" -v c="${R[$1.cpu.cores]}" '
    BEGIN { t = b + p + r; if (t <= 0) print 0; else printf "%.0f", e * 100 * c / t }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'; }

{
  echo "### Ingest benchmark, $STARTED_AT"
  echo
  echo "Machine: $NPROC × $CPU_MODEL, $RAM_GIB GiB RAM, Linux $KERNEL; Redis $REDIS_VERSION ($REDIS_PERSIST);"
  echo "PostgreSQL $PG_VERSION ($PG_SETTINGS); Java $JAVA_VERSION. Backend at git $GIT_REV."
  echo "Client, backend, PostgreSQL and Redis share the same $NPROC cores. Load average at start: $LOAD_START."
  echo "Command: \`infra/bench/ingest.sh\` (DURATION=$DURATION WARMUP=$WARMUP CONCURRENCY=$CONCURRENCY BATCH=$BATCH FIXED_RATE=$FIXED_RATE DEALERS=$DEALERS BENCH_JFR=$BENCH_JFR)."
  echo
  if ((${#RAW_ROWS[@]})); then
    echo "**Raw limits of this box** (same run)"
    echo
    echo "| operation | rate |"
    echo "|---|---|"
    printf '%s\n' "${RAW_ROWS[@]}"
    echo
  fi
  echo "**Ingest through \`POST /api/v1/feedback/batch\`** ($(bench_fmt "$DEALERS") dealers with realistic skew, $BATCH events per request, $CONCURRENCY requests in flight, ${WARMUP} s warm-up not counted, ${DURATION} s measured)"
  echo
  echo "| run | events/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "| max rate | **$(bench_fmt "${R[max.events_per_s]}")** | ${R[max.p50_ms]} | ${R[max.p90_ms]} | ${R[max.p99_ms]} | ${R[max.max_ms]} | ${R[max.requests]} | ${R[max.errors]} |"
  echo "| fixed $(bench_fmt "$FIXED_RATE")/s (sustained: ${R[fixed.sustained]}) | $(bench_fmt "${R[fixed.events_per_s]}") | ${R[fixed.p50_ms]} | ${R[fixed.p90_ms]} | ${R[fixed.p99_ms]} | ${R[fixed.max_ms]} | ${R[fixed.requests]} | ${R[fixed.errors]} |"
  echo
  echo "Floor of $(bench_fmt "$FIXED_RATE") events/s sustained: **$FLOOR_MET**."
  PRIMED="$(sed -n 's/^primed \(.*\) (cold start.*/\1/p' "$OUT/max/client.txt")"
  if [[ -n "$PRIMED" ]]; then
    echo
    echo "Cold start, not counted above: before the first run, one event per dealer to a fresh backend (empty PostgreSQL and Redis; each dealer's and each brand × region cell's first event initialises its aggregates from PostgreSQL): primed $PRIMED."
  fi
  echo
  echo "**Where the time goes** (measured window; CPU in % of one core, the box has ${R[max.cpu.cores]})"
  echo
  echo "| | max rate | fixed $(bench_fmt "$FIXED_RATE")/s |"
  echo "|---|---|---|"
  echo "| CPU backend JVM | ${R[max.cpu.backend]} % | ${R[fixed.cpu.backend]} % |"
  echo "| CPU PostgreSQL (all processes) | ${R[max.cpu.postgres]} % | ${R[fixed.cpu.postgres]} % |"
  echo "| CPU Redis | ${R[max.cpu.redis]} % | ${R[fixed.cpu.redis]} % |"
  echo "| CPU benchmark client | ${R[max.cpu.client]} % | ${R[fixed.cpu.client]} % |"
  echo "| CPU per event: backend / PostgreSQL / Redis = total | $(per_event max) | $(per_event fixed) |"
  echo "| CPU other processes on the box | ${R[max.cpu.other]} % (${R[max.cpu.others]}) | ${R[fixed.cpu.other]} % (${R[fixed.cpu.others]}) |"
  echo "| CPU whole machine (max ${R[max.cpu.cores]}00 %; of which stolen by the hypervisor) | ${R[max.cpu.machine]} % (${R[max.cpu.steal]} %) | ${R[fixed.cpu.machine]} % (${R[fixed.cpu.steal]} %) |"
  echo "| backend GC pause time | ${R[max.gc_share]} % | ${R[fixed.gc_share]} % |"
  echo "| server time per batch request, mean / p99 (http_server_requests) | ${R[max.http_mean_ms]} / ≤${R[max.http_p99_ms]} ms | ${R[fixed.http_mean_ms]} / ≤${R[fixed.http_p99_ms]} ms |"
  echo "| apply scripts per accepted event (pulse_redis_script_seconds / pulse_ingest_events_total) | ${R[max.apply_per_event]} | ${R[fixed.apply_per_event]} |"
  echo "| apply scripts per second | $(bench_fmt "${R[max.apply_per_s]}") | $(bench_fmt "${R[fixed.apply_per_s]}") |"
  echo "| apply script latency seen by the backend, mean / p99 | ${R[max.apply_mean_ms]} / ≤${R[max.apply_p99_ms]} ms | ${R[fixed.apply_mean_ms]} / ≤${R[fixed.apply_p99_ms]} ms |"
  echo "| apply scripts in flight on average (Little's law) | ${R[max.apply_in_flight]} | ${R[fixed.apply_in_flight]} |"
  echo "| group writes (one PostgreSQL transaction and one Redis apply per scope for the requests that arrived together), mean | ${R[max.writes]} | ${R[fixed.writes]} |"
  echo "| Redis EVALSHA calls per accepted event, all scripts (INFO commandstats) | ${R[max.evalsha_per_event]} | ${R[fixed.evalsha_per_event]} |"
  echo "| Redis commands per accepted event, run by the scripts or not (INFO commandstats; top four) | ${R[max.redis_commands]} | ${R[fixed.redis_commands]} |"
  echo "| Redis execution time per EVALSHA, all scripts (INFO commandstats) | ${R[max.redis_usec_per_script]} µs | ${R[fixed.redis_usec_per_script]} µs |"
  echo "| Redis time inside EVALSHA, all clients (commandstats; wall time, so it includes waits for a core) | ${R[max.redis_script_share]} % | ${R[fixed.redis_script_share]} % |"
  echo "| PostgreSQL commits/s in $BENCH_DB | $(bench_fmt "${R[max.pg_tx_per_s]}") | $(bench_fmt "${R[fixed.pg_tx_per_s]}") |"
  echo "| PostgreSQL connections of $BENCH_DB, sampled every 0.5 s | ${R[max.pg_activity]} | ${R[fixed.pg_activity]} |"
  if [[ -n "${R[max.jfr]:-}" ]]; then
    echo
    echo "Backend CPU samples in the max-rate run by library of the executing method (JFR): ${R[max.jfr]}."
  fi
  echo
  echo "CPU budget: at the max-rate run's cost per event, backend + PostgreSQL + Redis alone on all ${R[max.cpu.cores]} cores would take about $(bench_fmt "$(cpu_ceiling max)") events/s."
  if [[ -n "${EVENT_SCRIPT_RATE[16]:-}" ]]; then
    echo "Ratio to the hardware: Redis ran $(bench_fmt "${R[max.evalsha_per_s]}") EVALSHA/s in the max-rate run, $(ratio "${R[max.evalsha_per_s]}" "${EVENT_SCRIPT_RATE[16]}") of the $(bench_fmt "${EVENT_SCRIPT_RATE[16]}")/s redis-benchmark drove through a comparable one-event script with pipelining;"
    echo "PostgreSQL stored $(bench_fmt "${R[max.events_per_s]}") rows/s, $(ratio "${R[max.events_per_s]}" "$PG_TX_ROWS_1") of the $(bench_fmt "$PG_TX_ROWS_1") rows/s pgbench got from the backend's own transaction on one connection."
  fi
} | tee "$OUT/report.md"
pulse_log "report saved as ${OUT#"$PULSE_ROOT"/}/report.md"
