#!/usr/bin/env bash
# Executive read benchmark on this machine: the fair ranking of every dealer of one brand over 30
# days (DEALERS dealers, all of brand EB01, in REGIONS regions), answered by Pulse
# (GET /api/v1/brands/EB01/ranking?window=30d, from its in-memory standings) and by the SQL a team
# without Pulse would write (one GROUP BY over feedback_event, region means, shrinkage, rank()),
# side by side in one run, at SMALL_EVENTS and at EVENTS events, quiet and while INGEST_RATE
# events/s go in; next to the raw limits of the box measured in the same run (HTTP, Redis and
# PostgreSQL round trips, a bare scan of the events). Prints a Markdown block for
# docs/benchmarks.md.
#
#   infra/bench/executive.sh [--events N] [--small-events N] [--requests N] [--no-build]
#
# Environment (flags win):
#   EVENTS (2000000) SMALL_EVENTS (500000)  events over the last 30 days, loaded with SQL in two
#                      steps (the backend then rebuilds Redis from PostgreSQL, as after a restart)
#   DEALERS (10000) REGIONS (40)  the network: one brand of DEALERS dealers
#   REQUESTS (2000)    Pulse requests per round (split over the clients at concurrency 4)
#   SQL_RUNS (20)      SQL queries per round
#   INGEST_RATE (500)  events/s sent during the "under ingest" rounds (the simulator's
#                      IngestBenchmark, to the brand's dealers)
#   FLOOR_P99_MS (10)  the floor: p99 of the Pulse read, one at a time, at EVENTS events
#   BENCH_PORT (18092) BENCH_DB (pulse_bench_exec) BENCH_PREFIX (pulse-bench-exec)
#   BENCH_JAR (backend/target/pulse-backend.jar)  the build to measure (built if missing)
#   BENCH_JAVA_OPTS (-Xmx1g)  backend JVM options
#   PULSE_DB_*, PULSE_REDIS_*  where PostgreSQL and Redis are (see infra/lib/common.sh)
#
# What it creates, it removes on exit (also on Ctrl-C): the database $BENCH_DB, the Redis keys
# under $BENCH_PREFIX:, the backend and the ingest client. Raw outputs:
# target/bench/executive-<time>/.
set -euo pipefail

# shellcheck source=infra/lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
cd "$PULSE_ROOT"

: "${EVENTS:=2000000}" "${SMALL_EVENTS:=500000}" "${DEALERS:=10000}" "${REGIONS:=40}"
: "${REQUESTS:=2000}" "${SQL_RUNS:=20}" "${INGEST_RATE:=500}" "${FLOOR_P99_MS:=10}"
: "${BENCH_JAVA_OPTS:=-Xmx1g}"
: "${BENCH_PORT:=18092}" "${BENCH_DB:=pulse_bench_exec}" "${BENCH_PREFIX:=pulse-bench-exec}"
BUILD=1
while (($#)); do
  case "$1" in
    --events) EVENTS="$2"; shift 2 ;;
    --small-events) SMALL_EVENTS="$2"; shift 2 ;;
    --requests) REQUESTS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) pulse_usage; exit 0 ;;
    *) pulse_usage >&2; pulse_die "unknown argument: $1" ;;
  esac
done
bench_check_whole_numbers EVENTS SMALL_EVENTS DEALERS REGIONS REQUESTS SQL_RUNS INGEST_RATE FLOOR_P99_MS BENCH_PORT
bench_check_names BENCH_DB
((DEALERS >= 1 && DEALERS <= 99999 && REGIONS >= 1 && REGIONS <= 99)) || pulse_die "need 1 <= DEALERS <= 99999, 1 <= REGIONS <= 99"
((SMALL_EVENTS >= DEALERS && EVENTS > SMALL_EVENTS)) || pulse_die "need EVENTS > SMALL_EVENTS >= DEALERS"
((REQUESTS % 4 == 0)) || pulse_die "REQUESTS must be a multiple of 4"

# The metrics scrapes sign in as the run's admin.
export PULSE_USER=bench-admin PULSE_PASSWORD=bench
bench_preflight "$BENCH_PORT" curl psql pgbench redis-cli redis-benchmark
bench_machine_facts
OUT="$PULSE_ROOT/target/bench/executive-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
JAR="$OUT/backend.jar"
CLIENT_JAR="$OUT/simulator.jar"
BACKEND_PID=""
INGEST_PID=""
BASE_URL="http://127.0.0.1:$BENCH_PORT"
pulse_log "raw outputs go to ${OUT#"$PULSE_ROOT"/}"

cleanup() {
  [[ -z "$INGEST_PID" ]] || pulse_stop_pid "$INGEST_PID"
  bench_stop_backend "$BACKEND_PID"
  bench_drop_created_dbs
  pulse_log "deleting Redis keys $BENCH_PREFIX:*"
  pulse_redis_delete "$BENCH_PREFIX:*"
  rm -f "$JAR" "$CLIENT_JAR"
}
bench_cleanup_on_exit cleanup

bench_private_jar "${BENCH_JAR:-$BENCH_BACKEND_JAR}" "$JAR" "$BUILD"
bench_private_jar "$BENCH_SIMULATOR_JAR" "$CLIENT_JAR" "$BUILD"
bench_create_db "$BENCH_DB" "pulse executive benchmark" BENCH_DB
pulse_redis_delete "$BENCH_PREFIX:*"

start_backend() {
  local -a jopts
  read -r -a jopts <<<"$BENCH_JAVA_OPTS"
  bench_start_backend executive "$BENCH_DB" "$BENCH_PREFIX" "$OUT/backend-$1.log" "${jopts[@]}" -jar "$JAR" \
    "--server.port=$BENCH_PORT" --spring.main.banner-mode=off \
    --pulse.security.users[0].username=bench-admin '--pulse.security.users[0].password={noop}bench' \
    --pulse.security.users[0].role=ADMIN \
    --pulse.security.users[1].username=bench-exec '--pulse.security.users[1].password={noop}bench' \
    --pulse.security.users[1].role=BRAND_EXECUTIVE --pulse.security.users[1].brand=EB01
  BACKEND_PID=$!
  bench_wait_ready "$BASE_URL" "$BACKEND_PID" "$OUT/backend-$1.log" backend
}

# Waits for the full rebuild the backend starts when it finds Redis empty (the events went in with
# SQL, behind its back).
# A rebuild that failed some scopes (on a busy box, a scope's PostgreSQL read can time out) is run
# once more: it is idempotent, and a scope left out would read as empty.
wait_rebuilt() {
  local status waited=0 retried=0
  while :; do
    status="$(curl -fsS -u bench-admin:bench "$BASE_URL/api/v1/admin/rebuild" || true)"
    [[ "$status" == *'"DONE"'* ]] && break
    if [[ "$status" == *'"FAILED"'* ]]; then
      ((retried == 0)) || pulse_die "the rebuild failed twice: $status"
      pulse_warn "the rebuild failed some scopes, running it again: $status"
      echo "$status" >"$OUT/rebuild-$1-failed.json"
      curl -fsS -u bench-admin:bench -X POST "$BASE_URL/api/v1/admin/rebuild" >/dev/null
      retried=1
      sleep 2
      continue
    fi
    ((waited < 1800)) || pulse_die "the rebuild did not finish in 30 min: $status"
    sleep 2
    waited=$((waited + 2))
  done
  echo "$status" >"$OUT/rebuild-$1.json"
  pulse_log "Redis rebuilt from PostgreSQL after ${waited}s: $status"
}

# The schema comes from the backend's own migrations; then it stops while the data goes in.
start_backend schema
bench_stop_backend "$BACKEND_PID"
BACKEND_PID=""

pulse_log "loading one brand of $DEALERS dealers in $REGIONS regions (SQL)"
pulse_psql "$BENCH_DB" -v ON_ERROR_STOP=1 -q >"$OUT/load-network.log" 2>&1 <<SQL
INSERT INTO brand (id, name) VALUES ('EB01', 'Brand one');
INSERT INTO region (id, name) SELECT 'R' || lpad(r::text, 2, '0'), 'Region ' || r FROM generate_series(1, $REGIONS) r;
INSERT INTO dealer (id, name, brand_id, region_id, time_zone)
  SELECT 'D' || lpad(d::text, 5, '0'), 'Dealer ' || d, 'EB01', 'R' || lpad((d % $REGIONS + 1)::text, 2, '0'), 'Europe/Moscow'
  FROM generate_series(1, $DEALERS) d;
SQL

# load_events FROM TO: events number FROM..TO-1, round the dealers (so seq = i / DEALERS + 1 stays
# each dealer's own gapless sequence), each in the last 30 days, scores drawn around the dealer's
# own quality (0.5–0.95 of the scale), RECOMMEND always, every other parameter 60 % of the time.
load_events() {
  local from="$1" to="$2" started
  started="$(bench_now_ns)"
  pulse_log "loading events $from..$((to - 1)) (SQL)"
  pulse_psql "$BENCH_DB" -v ON_ERROR_STOP=1 -q >>"$OUT/load-events.log" 2>&1 <<SQL
CREATE OR REPLACE FUNCTION pg_temp.s(q float8, lo int, hi int) RETURNS smallint LANGUAGE sql VOLATILE AS
  \$\$ SELECT greatest(lo, least(hi, round(lo + (hi - lo) * (q + (random() - 0.5) * 0.6))))::smallint \$\$;
INSERT INTO feedback_event (event_id, dealer_id, seq, stage, occurred_at, received_at,
    consultation, communication, visit, recommend, speed, car, return_intent)
SELECT gen_random_uuid(), 'D' || lpad((i % $DEALERS + 1)::text, 5, '0'), i / $DEALERS + 1,
       (ARRAY['FIRST_CONTACT','CONSULTATION','TEST_DRIVE','CONTRACT','HANDOVER','FOLLOW_UP','SERVICE_VISIT'])[1 + i % 7],
       t, t,
       CASE WHEN random() < 0.6 THEN pg_temp.s(q, 1, 5) END,
       CASE WHEN random() < 0.6 THEN pg_temp.s(q, 1, 5) END,
       CASE WHEN random() < 0.6 THEN pg_temp.s(q, 1, 5) END,
       pg_temp.s(q, 0, 10),
       CASE WHEN random() < 0.6 THEN pg_temp.s(q, 1, 5) END,
       CASE WHEN random() < 0.6 THEN pg_temp.s(q, 1, 5) END,
       CASE WHEN random() < 0.6 THEN pg_temp.s(q, 1, 5) END
FROM generate_series($from, $to - 1) i,
     LATERAL (SELECT 0.5 + 0.45 * ((((i % $DEALERS) * 7919) % 1000) / 1000.0) AS q,
                     now() - random() * interval '29 days 12 hours' AS t) x;
INSERT INTO dealer_seq (dealer_id, last_seq)
  SELECT dealer_id, max(seq) FROM feedback_event GROUP BY dealer_id
  ON CONFLICT (dealer_id) DO UPDATE SET last_seq = EXCLUDED.last_seq;
VACUUM ANALYZE feedback_event;
SQL
  LOAD_SECONDS[$to]=$((($(bench_now_ns) - started) / 1000000000))
}
declare -A LOAD_SECONDS

# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------

# curl_round NAME CLIENTS N URL: N requests to URL as the brand's executive, CLIENTS curl processes
# at once, each sending its share one after the other on one kept-alive connection. One line per
# request: seconds and status.
curl_round() {
  local name="$1" clients="$2" n="$3" url="$4" c i
  for ((c = 0; c < clients; c++)); do
    for ((i = 0; i < n / clients; i++)); do
      printf 'url = "%s"\noutput = "/dev/null"\n' "$url"
    done >"$OUT/$name-$c.cfg"
  done
  local -a pids=()
  for ((c = 0; c < clients; c++)); do
    curl -s -u bench-exec:bench -K "$OUT/$name-$c.cfg" -w '%{time_total} %{http_code}\n' >"$OUT/$name-$c.txt" &
    pids+=($!)
  done
  wait "${pids[@]}"
  cat "$OUT/$name"-*.txt >"$OUT/$name.txt"
  rm -f "$OUT/$name"-*.cfg "$OUT/$name"-*.txt
}

# percentiles FILE: "n p50 p95 p99 max bad" in ms (one decimal) from lines "seconds status".
percentiles() {
  local bad
  bad="$(awk '$2 != 200' "$1" | wc -l)"
  sort -n -k1,1 "$1" | awk -v bad="$bad" '{ t[NR] = $1 * 1000 } END {
    n = NR; printf "%d %.1f %.1f %.1f %.1f %d\n", n, t[int(n * 0.5 + 0.5)], t[int(n * 0.95 + 0.5)], t[int(n * 0.99 + 0.5)], t[n], bad }'
}

# The question as SQL, as a team without Pulse would ask it: each dealer's CSI over 30 days (the
# mean of its parameters' means, 0-100), each region's response-weighted mean, shrunk with a fixed
# k = 20 (Pulse estimates k and weighs each dealer's own noise: more work, not less), ranked, the
# first page of 100.
cat >"$OUT/ranking.sql" <<'SQL'
WITH d AS (
  SELECT e.dealer_id, dl.region_id, count(*) AS n,
         avg((e.consultation - 1) * 25.0) AS p1, avg((e.communication - 1) * 25.0) AS p2,
         avg((e.visit - 1) * 25.0) AS p3, avg(e.recommend * 10.0) AS p4, avg((e.speed - 1) * 25.0) AS p5,
         avg((e.car - 1) * 25.0) AS p6, avg((e.return_intent - 1) * 25.0) AS p7
  FROM feedback_event e JOIN dealer dl ON dl.id = e.dealer_id
  WHERE dl.brand_id = 'EB01' AND e.occurred_at > now() - interval '30 days'
  GROUP BY e.dealer_id, dl.region_id),
c AS (
  SELECT dealer_id, region_id, n,
         (coalesce(p1, 0) + coalesce(p2, 0) + coalesce(p3, 0) + coalesce(p4, 0) + coalesce(p5, 0) + coalesce(p6, 0) + coalesce(p7, 0))
           / nullif(num_nonnulls(p1, p2, p3, p4, p5, p6, p7), 0) AS csi
  FROM d),
r AS (SELECT region_id, sum(csi * n) / sum(n) AS mean FROM c GROUP BY region_id),
s AS (SELECT c.*, r.mean + c.n / (c.n + 20.0) * (c.csi - r.mean) AS shrunk FROM c JOIN r USING (region_id))
SELECT dealer_id, region_id, n, csi, shrunk, rank() OVER (ORDER BY shrunk DESC) AS rank
FROM s ORDER BY shrunk DESC LIMIT 100;
SQL

# sql_round NAME CLIENTS TRANSACTIONS-PER-CLIENT: the query under pgbench, per-query latencies
# logged; prints "n p50 p95 p99 max 0" in ms.
sql_round() {
  local name="$1" clients="$2" per="$3"
  rm -f "$OUT/$name".log.*
  PGCONNECT_TIMEOUT=5 pgbench -n -M prepared -c "$clients" -j "$clients" -t "$per" -f "$OUT/ranking.sql" \
    --log --log-prefix="$OUT/$name.log" -h "$PULSE_DB_HOST" -p "$PULSE_DB_PORT" -U "$PULSE_DB_USER" \
    "$BENCH_DB" >"$OUT/$name.pgbench.txt" 2>&1 || { tail -n 20 "$OUT/$name.pgbench.txt" >&2; pulse_die "pgbench $name failed"; }
  cat "$OUT/$name".log.* | awk 'NF >= 6 { print $3 / 1e6, 200 }' >"$OUT/$name.txt"
  percentiles "$OUT/$name.txt"
}

# events_done FILE: events the ingest client had sent by its latest progress line.
events_done() {
  sed -n 's/.* \([0-9,]*\) events done .*/\1/p' "$1" | tail -n 1 | tr -d , | sed 's/^$/0/'
}

RANKING_URL="$BASE_URL/api/v1/brands/EB01/ranking?window=30d"
declare -A ROW

# measure STAGE EVENTS FULL: the rounds at one size; FULL=1 adds concurrency 4, the whole list and
# the rounds under ingest.
measure() {
  local stage="$1" events="$2" full="$3" first
  pulse_log "[$stage] first read (the brand's standings preloaded at start, or loaded by this read)"
  first="$(curl -s -o "$OUT/$stage-first.json" -u bench-exec:bench -w '%{time_total}' "$RANKING_URL")"
  ROW[$stage.first]="$(awk -v s="$first" 'BEGIN { printf "%.0f", s * 1000 }')"
  jq -c '{total, k, kEstimated, asOf, first: .dealers[0]}' "$OUT/$stage-first.json" >"$OUT/$stage-first.summary"
  pulse_log "[$stage] $(cat "$OUT/$stage-first.summary")"
  curl_round "$stage-warmup" 1 1000 "$RANKING_URL"
  pulse_log "[$stage] Pulse, $REQUESTS requests one at a time (quiet)"
  curl_round "$stage-pulse-c1" 1 "$REQUESTS" "$RANKING_URL"
  ROW[$stage.pulse.c1]="$(percentiles "$OUT/$stage-pulse-c1.txt")"
  pulse_log "[$stage] SQL, $SQL_RUNS queries one at a time (quiet)"
  ROW[$stage.sql.c1]="$(sql_round "$stage-sql-c1" 1 "$SQL_RUNS")"
  ((full)) || return 0
  pulse_log "[$stage] Pulse, $REQUESTS requests 4 at a time (quiet)"
  curl_round "$stage-pulse-c4" 4 "$REQUESTS" "$RANKING_URL"
  ROW[$stage.pulse.c4]="$(percentiles "$OUT/$stage-pulse-c4.txt")"
  pulse_log "[$stage] SQL, $SQL_RUNS queries 4 at a time (quiet)"
  ROW[$stage.sql.c4]="$(sql_round "$stage-sql-c4" 4 $((SQL_RUNS / 4)))"
  pulse_log "[$stage] Pulse, the whole list (limit=$DEALERS), 200 requests one at a time"
  curl_round "$stage-pulse-all" 1 200 "$RANKING_URL&limit=$DEALERS"
  ROW[$stage.pulse.all]="$(percentiles "$OUT/$stage-pulse-all.txt")"

  pulse_log "[$stage] ingest at $INGEST_RATE events/s to the brand's dealers (IngestBenchmark)"
  (bench_exec_java "$CLIENT_JAR" executive-ingest "-Xmx512m" IngestBenchmark \
    --url "$BASE_URL" --dealers "$DEALERS" --batch 50 --concurrency 2 --rate "$INGEST_RATE" \
    --duration 600 --warmup 0 --no-import --no-prime) >"$OUT/$stage-ingest.txt" 2>"$OUT/$stage-ingest.err" &
  INGEST_PID=$!
  local waited=0
  until grep -q "events/s" "$OUT/$stage-ingest.txt" 2>/dev/null || ((waited >= 60)); do sleep 1; waited=$((waited + 1)); done
  sleep 5
  bench_scrape "$BASE_URL" "$OUT/$stage-ingest-before.prom" || true
  local t0 done0
  t0="$(bench_now_ns)"
  done0="$(events_done "$OUT/$stage-ingest.txt")"
  pulse_log "[$stage] Pulse, $REQUESTS requests one at a time, 4 at a time (under ingest)"
  curl_round "$stage-pulse-ingest-c1" 1 "$REQUESTS" "$RANKING_URL"
  ROW[$stage.pulse.ingest.c1]="$(percentiles "$OUT/$stage-pulse-ingest-c1.txt")"
  curl_round "$stage-pulse-ingest-c4" 4 "$REQUESTS" "$RANKING_URL"
  ROW[$stage.pulse.ingest.c4]="$(percentiles "$OUT/$stage-pulse-ingest-c4.txt")"
  curl -s -u bench-exec:bench "$RANKING_URL&limit=1" >"$OUT/$stage-ingest-last.json"
  pulse_log "[$stage] SQL, $SQL_RUNS queries one at a time (under ingest)"
  ROW[$stage.sql.ingest.c1]="$(sql_round "$stage-sql-ingest-c1" 1 "$SQL_RUNS")"
  bench_scrape "$BASE_URL" "$OUT/$stage-ingest-after.prom" || true
  local seconds
  seconds="$(awk -v d=$(($(bench_now_ns) - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')"
  ROW[$stage.ingest.rate]="$(awk -v a="$done0" -v b="$(events_done "$OUT/$stage-ingest.txt")" -v s="$seconds" 'BEGIN { printf "%.0f", (b - a) / s }')"
  pulse_stop_pid "$INGEST_PID"
  INGEST_PID=""
  # What the ingest round cost the standings: scopes re-read per second, and how stale an answer
  # was at its worst (the brand's asOf against the time of the request, from the responses' own
  # asOf is not logged per request: the gauge pulse_standings_age, scraped at the end).
  ROW[$stage.ingest.seconds]="$seconds"
  ROW[$stage.ingest.reads_per_s]="$(awk -v x="$(bench_prom_delta "$OUT/$stage-ingest-before.prom" "$OUT/$stage-ingest-after.prom" pulse_standings_reads_total 'scope="dealer"')" -v s="$seconds" 'BEGIN { printf "%.0f", x / s }')"
  ROW[$stage.ingest.passes]="$(bench_prom_delta "$OUT/$stage-ingest-before.prom" "$OUT/$stage-ingest-after.prom" pulse_standings_refresh_seconds_count)"
  ROW[$stage.ingest.pass_ms]="$(awk -v x="$(bench_prom_delta "$OUT/$stage-ingest-before.prom" "$OUT/$stage-ingest-after.prom" pulse_standings_refresh_seconds_sum)" -v n="${ROW[$stage.ingest.passes]}" 'BEGIN { if (n > 0) printf "%.0f", 1000 * x / n; else print 0 }')"
}

# ---------------------------------------------------------------------------
# Raw limits of the box, same run
# ---------------------------------------------------------------------------

raw_limits() {
  pulse_log "raw limits: HTTP, Redis, PostgreSQL round trips and a bare scan"
  # The same client, the same sign-in, a read that does nothing: what any request costs here.
  curl_round raw-http 1 "$REQUESTS" "$BASE_URL/api/v1/me"
  RAW[http]="$(percentiles "$OUT/raw-http.txt")"
  redis-benchmark -h "$PULSE_REDIS_HOST" -p "$PULSE_REDIS_PORT" -c 1 -n 20000 -t ping --csv >"$OUT/raw-redis-ping.csv" 2>&1 || true
  RAW[redis_ping]="$(awk -F'"' '/PING_INLINE|PING_MBULK/ { print $4; exit }' "$OUT/raw-redis-ping.csv")"
  redis-benchmark -h "$PULSE_REDIS_HOST" -p "$PULSE_REDIS_PORT" -c 50 -P 16 -n 400000 -t get --csv >"$OUT/raw-redis-get.csv" 2>&1 || true
  RAW[redis_get]="$(awk -F'"' '/"GET"/ { print $4; exit }' "$OUT/raw-redis-get.csv")"
  echo 'SELECT 1;' >"$OUT/select1.sql"
  PGCONNECT_TIMEOUT=5 pgbench -n -M prepared -c 1 -j 1 -T 5 -f "$OUT/select1.sql" -h "$PULSE_DB_HOST" -p "$PULSE_DB_PORT" \
    -U "$PULSE_DB_USER" "$BENCH_DB" >"$OUT/raw-pg-select1.txt" 2>&1 || true
  RAW[pg_select1]="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/raw-pg-select1.txt")"
  pulse_psql "$BENCH_DB" -At -c "EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM feedback_event" >"$OUT/raw-pg-scan.txt"
  RAW[pg_scan]="$(sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p' "$OUT/raw-pg-scan.txt")"
  pulse_psql "$BENCH_DB" -At -c "EXPLAIN (ANALYZE, BUFFERS) $(grep -v '^--' "$OUT/ranking.sql")" >"$OUT/sql-explain.txt"
  RAW[sql_inside]="$(sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p' "$OUT/sql-explain.txt")"
  RAW[table_mb]="$(pulse_psql "$BENCH_DB" -Atc "select pg_total_relation_size('feedback_event') / 1048576")"
}
declare -A RAW

# ---------------------------------------------------------------------------
# The run: SMALL_EVENTS, then EVENTS
# ---------------------------------------------------------------------------

load_events 0 "$SMALL_EVENTS"
start_backend small
wait_rebuilt small
measure small "$SMALL_EVENTS" 0
bench_stop_backend "$BACKEND_PID"
BACKEND_PID=""

load_events "$SMALL_EVENTS" "$EVENTS"
pulse_redis_delete "$BENCH_PREFIX:*"
start_backend large
wait_rebuilt large
measure large "$EVENTS" 1
raw_limits
bench_scrape "$BASE_URL" "$OUT/final.prom" || true
IN_WINDOW="$(pulse_psql "$BENCH_DB" -Atc "select count(*) from feedback_event where occurred_at > now() - interval '30 days'")"

# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

cells() { # "n p50 p95 p99 max bad" -> "| n | p50 | p95 | p99 | max | bad |"
  awk '{ printf "%s | %s ms | %s ms | %s ms | %s ms | %s", $1, $2, $3, $4, $5, $6 }' <<<"$1"
}
p99() { awk '{ print $4 }' <<<"$1"; }
VERDICT="meets"
awk -v p="$(p99 "${ROW[large.pulse.c1]}")" -v f="$FLOOR_P99_MS" 'BEGIN { exit !(p < f) }' || VERDICT="misses"
awk -v p="$(p99 "${ROW[large.pulse.ingest.c1]}")" -v f="$FLOOR_P99_MS" 'BEGIN { exit !(p < f) }' || VERDICT="misses"
{
  echo "### Executive read, $(bench_fmt "$DEALERS") dealers / $(bench_fmt "$EVENTS") events ($STARTED_AT)"
  echo
  echo "\`infra/bench/executive.sh --events $EVENTS --small-events $SMALL_EVENTS --requests $REQUESTS\` on $CPU_MODEL, $NPROC cores, $RAM_GIB GiB, load at start $LOAD_START; PostgreSQL $PG_VERSION, Redis $REDIS_VERSION, Java $JAVA_VERSION, commit $GIT_REV."
  echo
  echo "One brand (EB01) of $(bench_fmt "$DEALERS") dealers in $REGIONS regions; events loaded with SQL over the last 30 days (${LOAD_SECONDS[$SMALL_EVENTS]} s + ${LOAD_SECONDS[$EVENTS]} s), Redis rebuilt from PostgreSQL by the backend. Pulse: \`GET /api/v1/brands/EB01/ranking?window=30d\` as the brand's executive (the first page of 100 of the whole ranking; curl on one kept-alive connection per client). SQL: the same ranking as one \`GROUP BY\` over \`feedback_event\` (ranking.sql: 30 days, region means, fixed k, \`rank()\`, first 100) under pgbench. $(bench_fmt "$IN_WINDOW") events in the 30-day window at the end; table $( [[ -n "${RAW[table_mb]}" ]] && echo "${RAW[table_mb]} MiB" ) with indexes."
  echo
  echo "| events | read | clients | requests | p50 | p95 | p99 | max | not 200 |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  echo "| $(bench_fmt "$SMALL_EVENTS") | Pulse, quiet | 1 | $(cells "${ROW[small.pulse.c1]}") |"
  echo "| $(bench_fmt "$SMALL_EVENTS") | SQL GROUP BY, quiet | 1 | $(cells "${ROW[small.sql.c1]}") |"
  echo "| $(bench_fmt "$EVENTS") | Pulse, quiet | 1 | $(cells "${ROW[large.pulse.c1]}") |"
  echo "| $(bench_fmt "$EVENTS") | Pulse, quiet | 4 | $(cells "${ROW[large.pulse.c4]}") |"
  echo "| $(bench_fmt "$EVENTS") | Pulse, under $INGEST_RATE events/s | 1 | $(cells "${ROW[large.pulse.ingest.c1]}") |"
  echo "| $(bench_fmt "$EVENTS") | Pulse, under $INGEST_RATE events/s | 4 | $(cells "${ROW[large.pulse.ingest.c4]}") |"
  echo "| $(bench_fmt "$EVENTS") | Pulse, whole list ($(bench_fmt "$DEALERS") rows), quiet | 1 | $(cells "${ROW[large.pulse.all]}") |"
  echo "| $(bench_fmt "$EVENTS") | SQL GROUP BY, quiet | 1 | $(cells "${ROW[large.sql.c1]}") |"
  echo "| $(bench_fmt "$EVENTS") | SQL GROUP BY, quiet | 4 | $(cells "${ROW[large.sql.c4]}") |"
  echo "| $(bench_fmt "$EVENTS") | SQL GROUP BY, under $INGEST_RATE events/s | 1 | $(cells "${ROW[large.sql.ingest.c1]}") |"
  echo
  echo "First read after Redis was rebuilt (the brand's standings are preloaded by the standings loop's first pass, or loaded by this read if it comes first: $(bench_fmt "$DEALERS") dealer scripts pipelined, what every request cost before): ${ROW[small.first]} ms at $(bench_fmt "$SMALL_EVENTS") events, ${ROW[large.first]} ms at $(bench_fmt "$EVENTS")."
  echo "Under ingest (${ROW[large.ingest.seconds]} s, ${ROW[large.ingest.rate]} events/s accepted): the standings re-read ${ROW[large.ingest.reads_per_s]} dealers/s in ${ROW[large.ingest.passes]%.*} background passes of ${ROW[large.ingest.pass_ms]} ms on average."
  echo
  echo "**Raw limits of this box** (same run): HTTP round trip of a read that does nothing (\`GET /api/v1/me\` as the executive, same client and sign-in, one at a time): $(cells "${RAW[http]}" | awk -F' [|] ' '{ print "p50 " $2 ", p99 " $4 }'); Redis PING, 1 client: $(bench_fmt "${RAW[redis_ping]:-0}")/s ($(awk -v r="${RAW[redis_ping]:-0}" 'BEGIN { if (r > 0) printf "%.0f", 1e6 / r; else print 0 }') µs a round trip); Redis GET, 50 clients, pipeline 16: $(bench_fmt "${RAW[redis_get]:-0}")/s; PostgreSQL \`SELECT 1\`, 1 client: ${RAW[pg_select1]} ms; \`count(*)\` over the whole event table: ${RAW[pg_scan]} ms; the ranking SQL inside PostgreSQL (EXPLAIN ANALYZE): ${RAW[sql_inside]} ms."
  echo
  echo "Floor p99 < $FLOOR_P99_MS ms (Pulse, one at a time, quiet and under ingest, at $(bench_fmt "$EVENTS") events): **$VERDICT**."
} | tee "$OUT/report.md"
