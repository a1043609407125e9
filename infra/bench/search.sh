#!/usr/bin/env bash
# Comment search benchmark on this machine: PostgreSQL holds COMMENTS commented answers (2 million
# by default, Russian and English words with a realistic, Zipf-like spread) over DEALERS dealers of
# BRANDS brands; one backend answers GET /api/v1/feedback/search?q=<word>&brandId=<brand> as a
# brand executive, one request at a time and CONCURRENCY at a time. Prints the latency (p50, p95,
# p99, max) of each, the same query's time inside PostgreSQL (EXPLAIN ANALYZE), and a Markdown
# block for docs/benchmarks.md.
#
#   infra/bench/search.sh [--comments N] [--queries N] [--concurrency N] [--no-build]
#
# Environment (flags win):
#   COMMENTS (2000000)  commented answers loaded (SQL generate_series, then the search index built)
#   DEALERS (10000) BRANDS (10)  the network they belong to
#   QUERIES (400)       requests per round; CONCURRENCY (4) requests in flight in the second round
#   FLOOR_P95_MS (200)  the floor: p95 of the one-at-a-time round below this
#   BENCH_PORT (18091) BENCH_DB (pulse_bench_search) BENCH_PREFIX (pulse-bench-search)
#   BENCH_JAR (backend/target/pulse-backend.jar)  the build to measure (built if missing)
#   BENCH_JAVA_OPTS (-Xmx1g)  backend JVM options
#   BENCH_KEEP_DB (0)  1: leave the loaded database behind (to look at query plans; drop it after)
#   PULSE_DB_*, PULSE_REDIS_*  where PostgreSQL and Redis are (see infra/lib/common.sh)
#
# What it creates, it removes on exit (also on Ctrl-C): the database $BENCH_DB, the Redis keys
# under $BENCH_PREFIX:, the backend. Raw outputs: target/bench/search-<time>/.
set -euo pipefail

# shellcheck source=infra/lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/bench.sh"
cd "$PULSE_ROOT"

: "${COMMENTS:=2000000}" "${DEALERS:=10000}" "${BRANDS:=10}" "${QUERIES:=400}" "${CONCURRENCY:=4}"
: "${FLOOR_P95_MS:=200}" "${BENCH_JAVA_OPTS:=-Xmx1g}"
: "${BENCH_PORT:=18091}" "${BENCH_DB:=pulse_bench_search}" "${BENCH_PREFIX:=pulse-bench-search}"
BUILD=1
while (($#)); do
  case "$1" in
    --comments) COMMENTS="$2"; shift 2 ;;
    --queries) QUERIES="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) pulse_usage; exit 0 ;;
    *) pulse_usage >&2; pulse_die "unknown argument: $1" ;;
  esac
done
bench_check_whole_numbers COMMENTS DEALERS BRANDS QUERIES CONCURRENCY FLOOR_P95_MS BENCH_PORT
bench_check_names BENCH_DB
((DEALERS >= BRANDS && BRANDS >= 1 && COMMENTS >= DEALERS)) || pulse_die "need COMMENTS >= DEALERS >= BRANDS >= 1"

bench_preflight "$BENCH_PORT" curl psql
bench_machine_facts
OUT="target/bench/search-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
JAR="$OUT/backend.jar"
BACKEND_PID=""
BASE_URL="http://127.0.0.1:$BENCH_PORT"

cleanup() {
  bench_stop_backend "$BACKEND_PID"
  if [[ "${BENCH_KEEP_DB:-0}" == 1 ]]; then
    pulse_log "leaving database $BENCH_DB behind (BENCH_KEEP_DB=1)"
  else
    bench_drop_created_dbs
  fi
  pulse_log "deleting Redis keys $BENCH_PREFIX:*"
  pulse_redis_delete "$BENCH_PREFIX:*"
  rm -f "$JAR"
}
bench_cleanup_on_exit cleanup

bench_private_jar "${BENCH_JAR:-$BENCH_BACKEND_JAR}" "$JAR" "$BUILD"
bench_create_db "$BENCH_DB" "pulse search benchmark" BENCH_DB

start_backend() {
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
  bench_start_backend search "$BENCH_DB" "$BENCH_PREFIX" "$OUT/backend.log" $BENCH_JAVA_OPTS -jar "$JAR" \
    "--server.port=$BENCH_PORT" --spring.main.banner-mode=off \
    --pulse.security.users[0].username=bench-admin '--pulse.security.users[0].password={noop}bench' \
    --pulse.security.users[0].role=ADMIN \
    --pulse.security.users[1].username=bench-exec '--pulse.security.users[1].password={noop}bench' \
    --pulse.security.users[1].role=BRAND_EXECUTIVE --pulse.security.users[1].brand=SB01 \
    --pulse.security.expensive-reads.burst=1000000
  BACKEND_PID=$!
  bench_wait_ready "$BASE_URL" "$BACKEND_PID" "$OUT/backend.log" backend
}

# The schema comes from the backend's own migrations; then it stops while the data goes in.
start_backend
bench_stop_backend "$BACKEND_PID"
BACKEND_PID=""

pulse_log "loading $DEALERS dealers and $COMMENTS commented answers (SQL)"
LOAD_START_NS="$(bench_now_ns)"
pulse_psql "$BENCH_DB" -v ON_ERROR_STOP=1 -q >"$OUT/load.log" 2>&1 <<SQL
INSERT INTO brand (id, name) SELECT 'SB' || lpad(b::text, 2, '0'), 'Brand ' || b FROM generate_series(1, $BRANDS) b;
INSERT INTO region (id, name) SELECT 'SR' || lpad(r::text, 2, '0'), 'Region ' || r FROM generate_series(1, 20) r;
INSERT INTO dealer (id, name, brand_id, region_id, time_zone)
  SELECT 'SD' || lpad(d::text, 5, '0'), 'Dealer ' || d, 'SB' || lpad((d % $BRANDS + 1)::text, 2, '0'),
         'SR' || lpad((d % 20 + 1)::text, 2, '0'), 'Europe/Moscow'
  FROM generate_series(0, $DEALERS - 1) d;
-- Words of customers' comments, most common first; a comment takes 6 to 20 of them, each drawn
-- with a probability falling with its rank (Zipf-like), so some words are in most comments and
-- most words in few.
CREATE TEMP TABLE word (rank int PRIMARY KEY, w text);
INSERT INTO word SELECT row_number() OVER (), w FROM unnest(string_to_array(
  'менеджер машина ждали долго сервис автомобиль спасибо хорошо плохо консультант тест-драйв '
  || 'договор выдача звонок время очередь цена скидка кредит страховка документы салон мойка '
  || 'запчасти ремонт диагностика мастер приемка вежливо грубо быстро медленно чисто грязно кофе '
  || 'ожидание час минут неделю обещали перезвонили забыли ошибка оформление гарантия масло шины '
  || 'waiting manager service car thanks slow fast rude polite price discount paperwork delivery '
  || 'test drive loan insurance workshop repair parts coffee clean dirty queue hour minutes promised '
  || 'called forgot mistake warranty tyres oil inspection advisor friendly helpful late early',
  ' ')) AS w;
-- 20,000 distinct comments, then $COMMENTS answers round the dealers over the last 365 days, each
-- with one of them: the words keep their spread, and the load takes minutes, not an hour.
CREATE TEMP TABLE sample (id int PRIMARY KEY, c text);
INSERT INTO sample
SELECT s, (SELECT string_agg(w, ' ') FROM (
          SELECT w FROM word
          WHERE random() < 0.6 / rank ^ 0.8 + 0.015 + 0 * s
          LIMIT 20) t)
FROM generate_series(1, 20000) s;
UPDATE sample SET c = 'спасибо' WHERE c IS NULL;
INSERT INTO feedback_event (event_id, dealer_id, seq, stage, occurred_at, received_at, recommend, speed, comment)
SELECT gen_random_uuid(),
       'SD' || lpad((i % $DEALERS)::text, 5, '0'),
       i / $DEALERS + 1,
       (ARRAY['FIRST_CONTACT','CONSULTATION','TEST_DRIVE','CONTRACT','HANDOVER','FOLLOW_UP','SERVICE_VISIT'])[1 + i % 7],
       now() - (random() * interval '365 days'),
       now(),
       (random() * 10)::int,
       1 + (random() * 4)::int,
       s.c
FROM generate_series(0, $COMMENTS - 1) i JOIN sample s ON s.id = 1 + (i::bigint * 7919) % 20000;
INSERT INTO dealer_seq (dealer_id, last_seq)
  SELECT dealer_id, max(seq) FROM feedback_event GROUP BY dealer_id
  ON CONFLICT (dealer_id) DO UPDATE SET last_seq = EXCLUDED.last_seq;
-- The search index (V7) is rebuilt over what is there, as after a bulk load.
REINDEX INDEX feedback_comment_fts;
VACUUM ANALYZE;
SQL
LOAD_SECONDS=$(( ($(bench_now_ns) - LOAD_START_NS) / 1000000000 ))
pulse_log "loaded in ${LOAD_SECONDS}s"
ROWS="$(pulse_psql "$BENCH_DB" -Atc "select count(*) from feedback_event where comment is not null")"
INDEX_MB="$(pulse_psql "$BENCH_DB" -Atc "select pg_relation_size('feedback_comment_fts') / 1048576")"

start_backend

# The words asked for: every vocabulary word, so common and rare ones alike, each with its share.
WORDS=(менеджер ждали сервис долго машина спасибо очередь документы кредит диагностика мойка кофе
  гарантия шины waiting manager service slow price paperwork coffee warranty tyres advisor friendly)
pulse_psql "$BENCH_DB" -At >"$OUT/word-shares.txt" <<SQL
SELECT w, round(100.0 * (SELECT count(*) FROM feedback_event e WHERE to_tsvector('russian', e.comment) @@ websearch_to_tsquery('russian', w)) / $ROWS, 1)
FROM unnest(ARRAY['$(IFS=,; echo "${WORDS[*]}" | sed "s/,/','/g")']) w;
SQL

queries() {
  local i w b
  for ((i = 0; i < QUERIES; i++)); do
    w="${WORDS[RANDOM % ${#WORDS[@]}]}"
    b="SB01"
    printf '%s/api/v1/feedback/search?q=%s&brandId=%s\n' "$BASE_URL" "$(printf '%s' "$w" | jq -sRr @uri)" "$b"
  done
}

# One request per line: total seconds and status.
run_round() {
  local parallel="$1" file="$2"
  queries | xargs -P "$parallel" -I{} curl -s -o /dev/null -u bench-exec:bench \
    -w '%{time_total} %{http_code}\n' '{}' >"$file"
}

percentiles() {
  local bad
  bad="$(awk '$2 != 200' "$1" | wc -l)"
  sort -n -k1,1 "$1" | awk -v bad="$bad" '{ t[NR] = $1 * 1000 } END {
    n = NR; printf "%d %.0f %.0f %.0f %.0f %d\n", n, t[int(n * 0.5 + 0.5)], t[int(n * 0.95 + 0.5)], t[int(n * 0.99 + 0.5)], t[n], bad }'
}

pulse_log "warming up"
QUERIES=50 run_round 1 "$OUT/warmup.txt"
pulse_log "$QUERIES requests, one at a time"
run_round 1 "$OUT/serial.txt"
read -r N1 P50_1 P95_1 P99_1 MAX_1 BAD_1 < <(percentiles "$OUT/serial.txt")
pulse_log "$QUERIES requests, $CONCURRENCY at a time"
START_NS="$(bench_now_ns)"
run_round "$CONCURRENCY" "$OUT/parallel.txt"
PARALLEL_S="$(awk -v d=$(( $(bench_now_ns) - START_NS )) 'BEGIN { printf "%.1f", d / 1e9 }')"
read -r N2 P50_2 P95_2 P99_2 MAX_2 BAD_2 < <(percentiles "$OUT/parallel.txt")

# The same question inside PostgreSQL, for the most common word: what the database itself takes.
pulse_psql "$BENCH_DB" -At >"$OUT/explain.txt" <<'SQL'
EXPLAIN (ANALYZE, BUFFERS)
SELECT e.event_id, e.occurred_at FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id
WHERE d.brand_id = 'SB01' AND e.comment IS NOT NULL
  AND to_tsvector('russian'::regconfig, e.comment) @@ websearch_to_tsquery('russian', 'менеджер')
ORDER BY e.occurred_at DESC, e.event_id DESC LIMIT 21;
SQL
DB_MS="$(sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p' "$OUT/explain.txt")"

VERDICT="meets"
((P95_1 < FLOOR_P95_MS)) || VERDICT="misses"
{
  echo "### Comment search, $(bench_fmt "$ROWS") comments ($STARTED_AT)"
  echo
  echo "\`infra/bench/search.sh --comments $COMMENTS --queries $QUERIES --concurrency $CONCURRENCY\` on $CPU_MODEL, $NPROC cores, load at start $LOAD_START; PostgreSQL $PG_VERSION, Java $JAVA_VERSION, commit $GIT_REV."
  echo
  echo "A brand executive's \`GET /feedback/search?q=<word>&brandId=SB01\` ($BRANDS brands, $DEALERS dealers; one word of ${#WORDS[@]}, each in 2–60 % of the comments, see word-shares.txt), newest first, 20 per page, highlights included:"
  echo
  echo "| round | requests | p50 | p95 | p99 | max | not 200 |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  echo "| one at a time | $N1 | $P50_1 ms | $P95_1 ms | $P99_1 ms | $MAX_1 ms | $BAD_1 |"
  echo "| $CONCURRENCY at a time ($PARALLEL_S s) | $N2 | $P50_2 ms | $P95_2 ms | $P99_2 ms | $MAX_2 ms | $BAD_2 |"
  echo
  echo "Inside PostgreSQL, the most common word (\`менеджер\`) for the brand: ${DB_MS:-?} ms (EXPLAIN ANALYZE). Load: ${LOAD_SECONDS}s for the rows and the index (${INDEX_MB} MiB). Floor p95 < $FLOOR_P95_MS ms one at a time: **$VERDICT**."
} | tee "$OUT/report.md"
