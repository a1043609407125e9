#!/usr/bin/env bash
# Runs a Gatling simulation of load-tests/ against Pulse on this machine and prints where the HTML
# report is, with the CPU and memory of every process involved.
#
#   load-tests/run.sh SIMULATION [options] [-Dpulse.NAME=VALUE ...]
#
# SIMULATION: cabinets | ingest | executives | soak | overload | all (each in turn; what CI runs with
# --profile smoke) | a simulation's class name.
#
# Options (each also sets the matching -Dpulse.* property; see docs/load-testing.md):
#   --profile P          smoke (default) | capacity | soak | stress
#   --users N            cabinets (cabinets, soak) or executives (executives)
#   --executives N       executives of the soak
#   --rate R             feedback events per second        --batch N   events per request
#   --ramp D             arrival time (30s, 2m, …)         --duration D  steady time after it
#   --url URL            backend to load (repeat or comma-separate for several); loopback only;
#                        default http://127.0.0.1:8080, or the backends started with --start-backend
#   --start-backend      start backends from a private copy of backend/target/pulse-backend.jar,
#                        with their own database and Redis key prefix, and load a network into them
#                        with the simulator (load-tests/simulator/target/pulse-simulator.jar)
#   --backends N         how many backend processes to start (default 1; ports 18100, 18101, …);
#                        they share PostgreSQL and Redis, listeners and events are spread over them
#   --dealers N          dealers of the network loaded by --start-backend (default 10000)
#   --history-events N   feedback of the last day loaded with it (default 20000)
#   --backend-opts "…"   JVM options of each started backend (default "-Xmx1g")
#   --backend-arg ARG    extra Spring argument for the started backends (repeatable),
#                        e.g. --backend-arg --pulse.security.max-streams-per-user=20000
#   --gatling-heap SIZE  heap of the Gatling JVM (default 2g)
#   --local-addresses N  spread connections over 127.0.0.1 … 127.0.0.N (default: auto, one more
#                        address per 25,000 connections to one backend, which is where one
#                        address runs out of ephemeral ports)
#   --wait-for-quiet     first wait until no other benchmark runs (pgrep pulse.component=bench)
#   --auth MODE          tokens (default with --start-backend): the started backends run in OIDC
#                        mode trusting a key pair made for the run, and every cabinet streams as
#                        the manager of its own dealer, every executive as an executive of their
#                        brand (bearer JWTs signed by the simulation); shared (default otherwise):
#                        every listener uses the one set of credentials below
#   -h, --help
#
# Credentials (docs/api.md, "Authentication"): PULSE_LOAD_API_KEY for ingest (X-Api-Key), always.
# With --auth shared: PULSE_LOAD_USER + PULSE_LOAD_PASSWORD (HTTP Basic) or PULSE_LOAD_BEARER for
# reads, streams and /actuator. Unset, they are the backend's demo-mode ones: the key
# $PULSE_INGEST_KEY (pulse-demo-ingest-key) and the user admin / $PULSE_ADMIN_PASSWORD (admin). All
# listeners then share one user, so backends started here get
# pulse.security.max-streams-per-user=1000000, and another backend needs the same for that user.
# Output: load-tests/target/gatling/<simulation>-<time>/index.html (the report) and
# load-tests/target/load-runs/<time>/ (Gatling's console log, backend logs, resources.csv).
# What it starts and creates, it stops and removes on exit (also on Ctrl-C): backends, the
# database pulse_load_<pid>, the Redis keys pulse-load-<pid>:*.
set -euo pipefail

# shellcheck source=infra/lib/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib/bench.sh"
cd "$PULSE_ROOT"

SIMULATION=""
PROFILE="smoke"
URLS=()
START_BACKEND=0
BACKENDS=1
DEALERS=10000
HISTORY_EVENTS=20000
BACKEND_OPTS="-Xmx1g"
BACKEND_ARGS=()
GATLING_HEAP="2g"
LOCAL_ADDRESSES="auto"
WAIT_FOR_QUIET=0
AUTH_MODE=""
USERS=""
EXECUTIVES=""
PROPS=()

while (($#)); do
  case "$1" in
    --profile) PROFILE="$2"; shift 2 ;;
    --users) USERS="$2"; PROPS+=("-Dpulse.users=$2"); shift 2 ;;
    --executives) EXECUTIVES="$2"; PROPS+=("-Dpulse.executives=$2"); shift 2 ;;
    --rate) PROPS+=("-Dpulse.rate=$2"); shift 2 ;;
    --batch) PROPS+=("-Dpulse.batch=$2"); shift 2 ;;
    --ramp) PROPS+=("-Dpulse.ramp=$2"); shift 2 ;;
    --duration) PROPS+=("-Dpulse.duration=$2"); shift 2 ;;
    --url) IFS=',' read -r -a more <<<"$2"; URLS+=("${more[@]}"); shift 2 ;;
    --start-backend) START_BACKEND=1; shift ;;
    --backends) BACKENDS="$2"; shift 2 ;;
    --dealers) DEALERS="$2"; shift 2 ;;
    --history-events) HISTORY_EVENTS="$2"; shift 2 ;;
    --backend-opts) BACKEND_OPTS="$2"; shift 2 ;;
    --backend-arg) BACKEND_ARGS+=("$2"); shift 2 ;;
    --gatling-heap) GATLING_HEAP="$2"; shift 2 ;;
    --local-addresses) LOCAL_ADDRESSES="$2"; shift 2 ;;
    --wait-for-quiet) WAIT_FOR_QUIET=1; shift ;;
    --auth) AUTH_MODE="$2"; shift 2 ;;
    -D*) PROPS+=("$1"); shift ;;
    -h | --help) pulse_usage; exit 0 ;;
    -*) pulse_usage >&2; pulse_die "unknown option: $1" ;;
    *)
      [[ -z "$SIMULATION" ]] || pulse_die "one simulation at a time (got '$SIMULATION' and '$1')"
      SIMULATION="$1"; shift ;;
  esac
done
[[ -n "$SIMULATION" ]] || { pulse_usage >&2; exit 2; }
case "$SIMULATION" in
  cabinets) CLASS=io.pulse.loadtest.CabinetsSimulation ;;
  ingest) CLASS=io.pulse.loadtest.IngestSimulation ;;
  executives) CLASS=io.pulse.loadtest.ExecutivesSimulation ;;
  soak) CLASS=io.pulse.loadtest.SoakSimulation ;;
  overload) CLASS=io.pulse.loadtest.OverloadSimulation ;;
  all) CLASS="" ;;
  *.*) CLASS="$SIMULATION" ;;
  *) pulse_die "unknown simulation '$SIMULATION' (cabinets, ingest, executives, soak, overload, all)" ;;
esac
for v in BACKENDS DEALERS HISTORY_EVENTS; do
  [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -ge 1 ]] || pulse_die "$v must be a positive whole number"
done
[[ "$LOCAL_ADDRESSES" == auto || "$LOCAL_ADDRESSES" =~ ^[0-9]+$ ]] \
  || pulse_die "--local-addresses takes a number or auto"
[[ "$PROFILE" =~ ^(smoke|capacity|soak|stress)$ ]] || pulse_die "unknown profile '$PROFILE'"
if [[ -z "$AUTH_MODE" ]]; then
  if ((START_BACKEND)); then AUTH_MODE=tokens; else AUTH_MODE=shared; fi
fi
[[ "$AUTH_MODE" =~ ^(tokens|shared)$ ]] || pulse_die "--auth takes tokens or shared"
((START_BACKEND)) || [[ "$AUTH_MODE" == shared ]] \
  || pulse_die "--auth tokens needs --start-backend (the backend must trust the run's key)"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$PULSE_ROOT/load-tests/target/load-runs/$STAMP-$$"
mkdir -p "$OUT"
BASE_PORT="${PULSE_LOAD_PORT:-18100}"
DB_NAME="pulse_load_$$"
REDIS_PREFIX="pulse-load-$$"
DB_MARK="scratch database of load-tests/run.sh"
JAR="$OUT/pulse-backend.jar"
SIM_JAR="$OUT/pulse-simulator.jar"
MARK="bench-load-$$" # pulse.component of everything started here: other benchmarks wait for it
BACKEND_PIDS=()
SAMPLER_PID=""
MVN_PID=""
DB_CREATED=0

# ---------------------------------------------------------------------------
# Cleanup
# ---------------------------------------------------------------------------

cleanup() {
  local status=$? pid
  # Finish cleaning up even if a second Ctrl-C or TERM arrives.
  trap "" INT TERM
  trap - EXIT
  set +e
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null
  if [[ -n "$MVN_PID" ]]; then
    pulse_log "stopping Gatling"
    for pid in $(pgrep -f " -Dpulse.component=$MARK-gatling" || true); do
      pulse_stop_pid "$pid"
    done
    pulse_stop_pid "$MVN_PID"
  fi
  for pid in "${BACKEND_PIDS[@]}"; do
    pulse_log "stopping backend pid $pid"
    pulse_stop_pid "$pid"
  done
  if ((DB_CREATED)); then
    pulse_log "dropping database $DB_NAME and Redis keys $REDIS_PREFIX:*"
    pulse_drop_database "$DB_NAME"
    pulse_redis_delete "$REDIS_PREFIX:*"
  fi
  rm -f "$JAR" "$SIM_JAR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------
# Preflight
# ---------------------------------------------------------------------------

pulse_find_java

# Every stream is a socket on both ends, and Gatling, the backend and PostgreSQL share this box.
raise_nofile() {
  local want=1048576 hard # the kernel allows up to fs.nr_open; a container may cap it lower
  hard="$(ulimit -Hn)"
  if [[ "$hard" != unlimited && "$hard" -lt "$want" ]] && pulse_is_root; then
    ulimit -Hn "$want" 2>/dev/null || true
    hard="$(ulimit -Hn)"
  fi
  ulimit -Sn "$hard" 2>/dev/null || true
  pulse_log "open files limit: $(ulimit -Sn) (hard $(ulimit -Hn))"
}
raise_nofile

if ((WAIT_FOR_QUIET)); then
  # Quiet twice, a random few seconds apart: two scripts polling alike would otherwise both see
  # the end of a third one's run and start together.
  while true; do
    while pgrep -f 'pulse.component=bench' >/dev/null; do
      pulse_log "another benchmark runs ($(pgrep -f 'pulse.component=bench' | tr '\n' ' ')); checking again in 30 s"
      sleep 30
    done
    sleep $((5 + RANDOM % 20))
    pgrep -f 'pulse.component=bench' >/dev/null || break
  done
fi

is_loopback_url() { [[ "$1" =~ ^https?://(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(:[0-9]+)?(/.*)?$ ]]; }

if ((START_BACKEND)); then
  ((${#URLS[@]} == 0)) || pulse_die "--url and --start-backend exclude each other"
  for ((i = 0; i < BACKENDS; i++)); do
    URLS+=("http://127.0.0.1:$((BASE_PORT + i))")
  done
elif ((${#URLS[@]} == 0)); then
  URLS=("http://127.0.0.1:8080")
fi
for url in "${URLS[@]}"; do
  is_loopback_url "$url" || pulse_die "refusing to load $url: load-tests/run.sh targets this machine's loopback addresses only"
done
URL_LIST="$(IFS=,; echo "${URLS[*]}")"

# ---------------------------------------------------------------------------
# Backends
# ---------------------------------------------------------------------------

start_backends() {
  local i port pid waited jar
  for jar in backend/target/pulse-backend.jar load-tests/simulator/target/pulse-simulator.jar; do
    [[ -f "$jar" ]] \
      || pulse_die "$jar is missing: build it first (infra/test.sh or ./mvnw -pl backend,load-tests/simulator -am package)"
  done
  pulse_ensure_postgres
  pulse_ensure_redis
  for ((i = 0; i < BACKENDS; i++)); do
    port=$((BASE_PORT + i))
    ! pulse_port_open 127.0.0.1 "$port" || pulse_die "port $port is taken; set PULSE_LOAD_PORT"
  done
  # Private copies: a rebuild must not swap a jar under the running JVMs.
  cp backend/target/pulse-backend.jar "$JAR"
  cp load-tests/simulator/target/pulse-simulator.jar "$SIM_JAR"
  pulse_psql postgres -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
  DB_CREATED=1
  pulse_psql postgres -qc "COMMENT ON DATABASE \"$DB_NAME\" IS '$DB_MARK'" >/dev/null
  read -r -a jopts <<<"$BACKEND_OPTS"
  if [[ "$AUTH_MODE" == tokens ]]; then
    make_token_key
    # Production mode: bearer JWTs, here signed with the run's own key. Every listener is a user
    # of their own, so the per-user stream cap stays at its default.
    # OIDC mode refuses the demo ingest key: the run ingests with a key of its own.
    API_KEY="load-$(openssl rand -hex 16)"
    AUTH_ARGS=(--pulse.security.mode=oidc
      "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:$TOKEN_KEY.pub"
      "--spring.security.oauth2.resourceserver.jwt.audiences=pulse"
      "--pulse.security.ingest-keys[0].name=load-tests"
      "--pulse.security.ingest-keys[0].key=$API_KEY")
  else
    AUTH_ARGS=(--pulse.security.max-streams-per-user=1000000)
  fi
  for ((i = 0; i < BACKENDS; i++)); do
    port=$((BASE_PORT + i))
    pulse_log "starting backend $((i + 1))/$BACKENDS on port $port (database $DB_NAME, Redis prefix $REDIS_PREFIX)"
    bench_start_backend "$MARK-backend" "$DB_NAME" "$REDIS_PREFIX" "$OUT/backend-$port.log" \
      "${jopts[@]}" -jar "$JAR" "--server.port=$port" "${AUTH_ARGS[@]}" "${BACKEND_ARGS[@]}"
    BACKEND_PIDS+=("$!")
    # The first one runs the database migrations alone; the others start once it is up.
    if ((i == 0)); then
      wait_ready "$port" "$!"
    fi
  done
  for ((i = 1; i < BACKENDS; i++)); do
    wait_ready "$((BASE_PORT + i))" "${BACKEND_PIDS[$i]}"
  done
  pulse_log "loading the network: $DEALERS dealers and $HISTORY_EVENTS events of the last day"
  (PULSE_INGEST_KEY="$API_KEY" PULSE_USER="$READ_USER" PULSE_PASSWORD="$READ_PASSWORD" \
    bench_exec_java "$SIM_JAR" "$MARK-loader" -Xmx1g Simulator \
    --url "${URLS[0]}" --rate 0 --dealers "$DEALERS" --history-days 1 \
    --history-events "$HISTORY_EVENTS" --concurrency 8 --quiet) >"$OUT/network-load.log" 2>&1 \
    || { tail -n 30 "$OUT/network-load.log" >&2; pulse_die "loading the network failed"; }
  tail -n 3 "$OUT/network-load.log" >&2
  warm_up
}

# A fresh JVM compiles its hot paths during the first seconds of load, and the first stream of a
# dealer sets up its shared upstream: open and drop a few hundred streams on every backend first,
# so that a short run measures the service rather than its cold start.
warm_up() {
  local url i id n=$((DEALERS < 300 ? DEALERS : 300))
  pulse_log "warming up: $n short-lived dealer streams per backend"
  : >"$OUT/warm-up.txt"
  for ((i = 1; i <= n; i++)); do
    id="$(printf D%05d "$i")"
    printf '%s %s\n' "$id" "$(read_authorization "manager-$id" "\"pulse_role\":\"DEALER_MANAGER\",\"pulse_dealers\":[\"$id\"]")" \
      >>"$OUT/warm-up.txt"
  done
  for url in "${URLS[@]}"; do
    local first status
    read -r first <"$OUT/warm-up.txt"
    read -r -a first <<<"$first"
    status="$(curl -s -o /dev/null -m 2 -w '%{http_code}' -H "Authorization: ${first[1]} ${first[2]}" \
      "$url/api/v1/stream/dealers/${first[0]}?window=24h" || true)"
    [[ "$status" == 200 ]] || pulse_warn "warm-up stream on $url answered $status, not 200"
    xargs -P 50 -L 1 sh -c 'curl -s -o /dev/null -m 2 -H "Authorization: $2 $3" "$0/api/v1/stream/dealers/$1?window=24h"' \
      "$url" <"$OUT/warm-up.txt" || true
  done
}

# --auth tokens: an RSA key pair for this run ($TOKEN_KEY, PKCS#8 PEM, and $TOKEN_KEY.pub); the
# simulation signs the listeners' tokens with it, the backends trust its public half.
TOKEN_KEY="$OUT/token-key.pem"
make_token_key() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TOKEN_KEY" 2>/dev/null \
    || pulse_die "openssl could not make the run's token key (apt-get install openssl)"
  openssl pkey -in "$TOKEN_KEY" -pubout -out "$TOKEN_KEY.pub" 2>/dev/null
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# The Authorization value for reads by SUBJECT with the extra JSON claims $2 (--auth tokens: an
# RS256 JWT signed with the run's key, valid for an hour; --auth shared: the shared credentials).
read_authorization() {
  local subject="$1" claims="$2" header payload signature
  if [[ "$AUTH_MODE" != tokens ]]; then
    printf 'Basic %s\n' "$(printf '%s:%s' "$READ_USER" "$READ_PASSWORD" | openssl base64 -A)"
    return
  fi
  header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
  payload="$(printf '{"sub":"%s","iss":"https://load-tests.pulse.invalid","aud":"pulse","exp":%d,%s}' \
    "$subject" "$(($(date +%s) + 3600))" "$claims" | b64url)"
  signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$TOKEN_KEY" | b64url)"
  printf 'Bearer %s.%s.%s\n' "$header" "$payload" "$signature"
}

# wait_ready PORT PID: the backend started on PORT as process PID.
wait_ready() { bench_wait_ready "http://127.0.0.1:$1" "$2" "$OUT/backend-$1.log" "backend on port $1" 40; }

API_KEY="${PULSE_LOAD_API_KEY:-${PULSE_INGEST_KEY:-pulse-demo-ingest-key}}"
READ_USER="${PULSE_LOAD_USER:-admin}"
READ_PASSWORD="${PULSE_LOAD_PASSWORD:-${PULSE_ADMIN_PASSWORD:-admin}}"
if ((START_BACKEND)); then
  start_backends
fi

# ---------------------------------------------------------------------------
# Source addresses
# ---------------------------------------------------------------------------

# One source address gives a destination (address, port) about as many connections as the
# ephemeral port range holds; beyond that connect() fails with EADDRNOTAVAIL. Every 127.0.0.0/8
# address is this machine's, so more source addresses multiply the range.
read -r PORT_LOW PORT_HIGH </proc/sys/net/ipv4/ip_local_port_range
EPHEMERAL=$((PORT_HIGH - PORT_LOW + 1))
PER_ADDRESS=$((EPHEMERAL * 9 / 10 < 25000 ? EPHEMERAL * 9 / 10 : 25000))
# Connections the run holds at once: a cabinet holds its stream, an executive its stream and one
# for API calls. Without --users, the largest profile default (docs/load-testing.md).
case "$SIMULATION:$PROFILE" in
  cabinets:stress) default_users=20000 ;;
  cabinets:capacity | overload:capacity | overload:stress) default_users=10000 ;;
  executives:stress) default_users=2000 ;;
  soak:*) default_users=5000 ;;
  *) default_users=2000 ;;
esac
case "$SIMULATION" in
  executives) connections=$((2 * ${USERS:-$default_users})) ;;
  soak) connections=$((${USERS:-$default_users} + 2 * ${EXECUTIVES:-200})) ;;
  *) connections="${USERS:-$default_users}" ;;
esac
if [[ "$LOCAL_ADDRESSES" == auto ]]; then
  per_backend=$(((connections + ${#URLS[@]} - 1) / ${#URLS[@]}))
  LOCAL_ADDRESSES=$(((per_backend + PER_ADDRESS - 1) / PER_ADDRESS))
  ((LOCAL_ADDRESSES >= 1)) || LOCAL_ADDRESSES=1
fi
if ((LOCAL_ADDRESSES > 1)); then
  ((LOCAL_ADDRESSES <= 250)) || pulse_die "--local-addresses at most 250"
  addresses="$(seq -s, -f '127.0.0.%g' 1 "$LOCAL_ADDRESSES")"
  PROPS+=("-Dpulse.localAddresses=$addresses")
  pulse_log "spreading connections over $LOCAL_ADDRESSES source addresses ($addresses); ephemeral ports $PORT_LOW-$PORT_HIGH"
fi

# ---------------------------------------------------------------------------
# Resources: CPU ticks and memory of each process every 5 s
# ---------------------------------------------------------------------------

REDIS_PID="$(pulse_redis_info process_id 2>/dev/null || true)"
sample_resources() {
  local t pid gatling i
  while true; do
    t="$(date +%s%N)"
    # The forked Gatling JVM, not the Maven JVM whose -Dgatling.jvmArgs=…,-Dpulse.component=… names it too.
    gatling="$(pgrep -f " -Dpulse.component=$MARK-gatling" | head -n 1 || true)"
    {
      for ((i = 0; i < ${#BACKEND_PIDS[@]}; i++)); do
        echo "backend-$((i + 1)) ${BACKEND_PIDS[$i]}"
      done
      [[ -n "$gatling" ]] && echo "gatling $gatling"
      [[ -n "$REDIS_PID" ]] && echo "redis $REDIS_PID"
      for pid in $(pgrep -x postgres || true); do echo "postgres $pid"; done
    } | while read -r group pid; do
      [[ -r /proc/$pid/stat ]] || continue
      awk -v t="$t" -v g="$group" -v pid="$pid" '
        FILENAME ~ /stat$/ { match($0, /\) /); split(substr($0, RSTART + 2), f, " "); ticks = f[12] + f[13] }
        FILENAME ~ /smaps_rollup$/ && $1 == "Pss:" { pss = $2 }
        END { print t, g, pid, ticks + 0, pss + 0 }' "/proc/$pid/stat" "/proc/$pid/smaps_rollup" 2>/dev/null || true
    done
    awk -v t="$t" '/^cpu / { print t, "machine", 0, $2 + $3 + $4 + $7 + $8 + $9, 0 }' /proc/stat
    sleep 5
  done
}
sample_resources >"$OUT/resources.csv" 2>/dev/null &
SAMPLER_PID=$!

# "group cpu% avg-memory-MB max-memory-MB" over [from, to] (epoch ms) of resources.csv; CPU in %
# of one core; memory is PSS (a process's own pages plus its share of shared ones, so PostgreSQL's
# shared buffers count once over all its processes).
summarise_resources() {
  local from_ns="$1" to_ns="$2"
  awk -v hz="$BENCH_CLK_TCK" -v from="$from_ns" -v to="$to_ns" '
    $1 < from || $1 > to { next }
    {
      key = $2 " " $3
      if (!(key in first_t)) { first_t[key] = $1; first_ticks[key] = $4 }
      last_t[key] = $1; last_ticks[key] = $4
      mem[$2 " " $1] += $5; times[$1] = 1; groups[$2] = 1
    }
    END {
      for (key in first_t) {
        split(key, k, " ")
        if (last_t[key] > first_t[key]) cpu[k[1]] += (last_ticks[key] - first_ticks[key]) / hz
        if (!(k[1] in span) || last_t[key] - first_t[key] > span[k[1]]) span[k[1]] = last_t[key] - first_t[key]
      }
      for (g in groups) {
        n = 0; sum = 0; max = 0
        for (t in times) if ((g " " t) in mem) { v = mem[g " " t] / 1024; sum += v; n++; if (v > max) max = v }
        s = span[g] / 1e9
        printf "%s %.0f %.0f %.0f\n", g, (s > 0 ? 100 * cpu[g] / s : 0), (n ? sum / n : 0), max
      }
    }' "$OUT/resources.csv" | sort
}

# ---------------------------------------------------------------------------
# Gatling
# ---------------------------------------------------------------------------

PROPS+=("-Dpulse.profile=$PROFILE" "-Dpulse.baseUrls=$URL_LIST")
PROPS+=("-Dpulse.apiKey=$API_KEY")
if [[ "$AUTH_MODE" == tokens ]]; then
  PROPS+=("-Dpulse.tokenKey=$TOKEN_KEY")
elif [[ -n "${PULSE_LOAD_BEARER:-}" ]]; then
  PROPS+=("-Dpulse.bearer=$PULSE_LOAD_BEARER")
else
  PROPS+=("-Dpulse.user=$READ_USER" "-Dpulse.password=$READ_PASSWORD")
fi
GATLING_JVM="--enable-native-access=ALL-UNNAMED,-Xms$GATLING_HEAP,-Xmx$GATLING_HEAP,-Dpulse.component=$MARK-gatling"
MVN=(./mvnw -B -ntp -pl load-tests gatling:test "-Dgatling.jvmArgs=$GATLING_JVM")
if [[ -n "$CLASS" ]]; then
  MVN+=("-Dgatling.simulationClass=$CLASS")
else
  MVN+=(-Dgatling.runMultipleSimulations=true -Dgatling.continueOnAssertionFailure=true)
fi
MVN+=("${PROPS[@]}")

touch "$OUT/.started"
pulse_log "running: $(sed -E 's/(-Dpulse\.(password|apiKey|bearer)=)[^ ]*/\1***/g' <<<"${MVN[*]}")"
started_ns="$(date +%s%N)"
# In the background, so that Ctrl-C or TERM reach the cleanup at once (bash defers traps while
# a foreground command runs).
"${MVN[@]}" > >(tee "$OUT/gatling.log") 2>&1 &
MVN_PID=$!
set +e
wait "$MVN_PID"
status=$?
set -e
MVN_PID=""
ended_ns="$(date +%s%N)"
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""

# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------

echo
echo "== load-tests/run.sh $SIMULATION --profile $PROFILE: $([[ "$status" == 0 ]] && echo PASSED || echo "FAILED (exit $status)")"
echo "targets: $URL_LIST"
# The hold window (after the ramp) as the simulations print it; else the whole run.
hold_from="$(sed -n 's/.*pulse-load: hold from \([0-9]*\) to \([0-9]*\).*/\1/p' "$OUT/gatling.log" | tail -n 1)"
hold_to="$(sed -n 's/.*pulse-load: hold from \([0-9]*\) to \([0-9]*\).*/\2/p' "$OUT/gatling.log" | tail -n 1)"
if [[ -n "$hold_from" && -n "$hold_to" && "$SIMULATION" != all ]]; then
  from_ns="${hold_from}000000"
  to_ns="$((hold_to < ended_ns / 1000000 ? hold_to : ended_ns / 1000000))000000"
  window="the steady state after the ramp ($(((to_ns - from_ns) / 1000000000)) s)"
else
  from_ns="$started_ns"; to_ns="$ended_ns"; window="the whole run"
fi
echo
echo "Resources over $window (CPU in % of one core, this box has $(nproc); memory: PSS):"
echo
echo "| process | CPU | memory avg | memory max |"
echo "|---|---|---|---|"
summarise_resources "$from_ns" "$to_ns" | while read -r group cpu avg max; do
  if [[ "$group" == machine ]]; then
    echo "| whole machine | $cpu % | | |"
  else
    echo "| $group | $cpu % | $avg MB | $max MB |"
  fi
done | tee "$OUT/resources.md"
grep -E '^(CabinetsSimulation|IngestSimulation|ExecutivesSimulation|SoakSimulation|OverloadSimulation):' "$OUT/gatling.log" || true
echo
reports="$(find load-tests/target/gatling -mindepth 2 -maxdepth 2 -name index.html -newer "$OUT/.started" 2>/dev/null | sort)"
if [[ -n "$reports" ]]; then
  echo "HTML report(s):"
  sed "s|^|  $PULSE_ROOT/|" <<<"$reports"
else
  echo "no HTML report was written (see $OUT/gatling.log)"
fi
echo "run files: $OUT"
# One line CI logs understand: a simulation passes when it ran and all its assertions held.
awk -v status="$status" '
  /Running simulation / { n++; failed[n] = 0 }
  n && (/ : false /  || /Run crashed/) { failed[n] = 1 }
  END {
    bad = 0; for (i = 1; i <= n; i++) bad += failed[i]
    if (n == 0 && status != 0) bad = 1
    if (bad == 0 && status != 0) bad = 1
    printf "load-tests: %d passed, %d failed\n", n - bad < 0 ? 0 : n - bad, bad
  }' "$OUT/gatling.log"
exit "$status"
