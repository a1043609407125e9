# shellcheck shell=bash
# Helpers shared by the benchmarks that start a backend of their own from its jar and measure it
# (infra/bench/ingest.sh, infra/bench/streams.sh, load-tests/run.sh). Sources infra/lib/common.sh;
# defines functions, runs nothing by itself. The scripts run them from $PULSE_ROOT.
#
# The figures these helpers compute end up in rows that docs/benchmarks.md quotes: a change to
# what they print changes those rows.

if [[ -n "${PULSE_BENCH_SH_LOADED:-}" ]]; then
  return 0
fi
PULSE_BENCH_SH_LOADED=1

# shellcheck source=infra/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_CLK_TCK="$(getconf CLK_TCK)"

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------

# bench_check_whole_numbers NAME...: stops the run unless each named setting is a whole number.
bench_check_whole_numbers() {
  local v
  for v in "$@"; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || pulse_die "$v must be a whole number, got '${!v}'"
  done
}

# bench_check_names NAME...: the names the run creates, and drops again: the databases in the named
# settings and the Redis key prefix BENCH_PREFIX. Checked before anything uses them in SQL or in a
# key pattern.
bench_check_names() {
  local v
  for v in "$@"; do
    [[ "${!v}" =~ ^[a-z_][a-z0-9_]*$ ]] || pulse_die "$v must be a plain database name, got '${!v}'"
  done
  [[ "$BENCH_PREFIX" =~ ^[A-Za-z0-9_-]+$ ]] || pulse_die "BENCH_PREFIX must be [A-Za-z0-9_-]+"
}

# ---------------------------------------------------------------------------
# Exit and cleanup
# ---------------------------------------------------------------------------

# bench_cleanup_on_exit FUNCTION: runs FUNCTION once when the script ends, however it ends (also on
# Ctrl-C or TERM), with errexit off so that one failed step does not skip the rest; the script
# keeps its exit status.
bench_cleanup_on_exit() {
  BENCH_CLEANUP="$1"
  trap bench_run_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_run_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  "$BENCH_CLEANUP"
  exit "$status"
}

# The databases bench_create_db made in this run, for bench_drop_created_dbs.
BENCH_CREATED_DBS=()

# bench_create_db NAME MARK HINT: a fresh database NAME for this run, commented with MARK so that
# a later run knows it for a leftover of this script and replaces it; any other database of that
# name is someone's data and stops the run (HINT: the variables that choose another name).
bench_create_db() {
  local name="$1" mark="$2" hint="$3" comment
  comment="$(pulse_psql postgres -Atc \
    "select coalesce(shobj_description(oid, 'pg_database'), '<none>') from pg_database where datname = '$name'")"
  if [[ -n "$comment" ]]; then
    [[ "$comment" == "$mark" ]] \
      || pulse_die "database $name exists and was not created by this script; drop it or set $hint"
    pulse_log "dropping $name left over from an earlier run"
    pulse_drop_database "$name"
  fi
  pulse_psql postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  BENCH_CREATED_DBS+=("$name")
  pulse_psql postgres -qc "COMMENT ON DATABASE \"$name\" IS '$mark'" >/dev/null
}

bench_drop_created_dbs() {
  local db
  for db in "${BENCH_CREATED_DBS[@]}"; do
    pulse_log "dropping database $db"
    pulse_drop_database "$db"
  done
}

bench_stop_backend() {
  [[ -n "$1" ]] || return 0
  pulse_log "stopping the backend (pid $1)"
  pulse_stop_pid "$1"
}

# ---------------------------------------------------------------------------
# Preflight and the machine
# ---------------------------------------------------------------------------

# bench_preflight PORT TOOL...: a JDK, the tools, PostgreSQL and Redis answering, and PORT free for
# the backend under test.
bench_preflight() {
  local port="$1" tool
  shift
  pulse_find_java
  for tool in "$@"; do
    pulse_have "$tool" || pulse_die "$tool is missing (apt-get install -y postgresql-client redis-tools curl)"
  done
  pulse_postgres_reachable || pulse_die "PostgreSQL is not reachable at $PULSE_DB_HOST:$PULSE_DB_PORT"
  pulse_redis PING >/dev/null 2>&1 || pulse_die "Redis is not reachable at $PULSE_REDIS_HOST:$PULSE_REDIS_PORT"
  if pulse_port_open 127.0.0.1 "$port"; then
    pulse_die "port $port is taken; set BENCH_PORT"
  fi
}

# Where the build leaves the jars the benchmarks run: the service, and its clients (the simulator,
# the ingest benchmark and the stream probe: io.pulse.simulator.*, module load-tests/simulator).
# shellcheck disable=SC2034 # read by the scripts that source this file
BENCH_BACKEND_JAR="backend/target/pulse-backend.jar"
# shellcheck disable=SC2034
BENCH_SIMULATOR_JAR="load-tests/simulator/target/pulse-simulator.jar"

# bench_private_jar SRC DEST BUILD: copies the jar SRC (the backend's or the simulator's) to DEST,
# building both first if SRC is missing and BUILD is 1 (Maven's output in build.log beside DEST).
# The JVMs run DEST, so that a rebuild during the run cannot swap the jar under them.
bench_private_jar() {
  local src="$1" dest="$2" build="$3" log
  log="$(dirname "$dest")/build.log"
  if [[ ! -f "$src" ]]; then
    ((build)) || pulse_die "$src is missing; run without --no-build"
    pulse_log "building the backend and simulator jars"
    ./mvnw -B -q -pl backend,load-tests/simulator -am package -DskipTests -Dspotless.check.skip=true \
      >"$log" 2>&1 || { tail -n 40 "$log" >&2; pulse_die "the build failed; see $log"; }
  fi
  cp "$src" "$dest"
}

# What the reports say about the box and the software: sets CPU_MODEL, NPROC, RAM_GIB, KERNEL,
# REDIS_VERSION, REDIS_PID (empty unless Redis runs here), PG_VERSION, JAVA_VERSION, GIT_REV,
# LOAD_START and STARTED_AT.
bench_machine_facts() {
  # shellcheck disable=SC2034 # the variables are the function's result
  {
    CPU_MODEL="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
    [[ -n "$CPU_MODEL" ]] || CPU_MODEL="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
    NPROC="$(nproc)"
    RAM_GIB="$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
    KERNEL="$(uname -r)"
    REDIS_VERSION="$(pulse_redis_info redis_version)"
    REDIS_PID=""
    if pulse_is_local_host "$PULSE_REDIS_HOST"; then
      REDIS_PID="$(pulse_redis_info process_id)"
    fi
    PG_VERSION="$(pulse_psql postgres -Atc 'show server_version' | cut -d' ' -f1)"
    JAVA_VERSION="$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1 | sed 's/.*version "\([^"]*\)".*/\1/')"
    GIT_REV="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    if [[ -n "$(git status --porcelain -- backend 2>/dev/null)" ]]; then
      GIT_REV="$GIT_REV + uncommitted changes"
    fi
    LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
    STARTED_AT="$(date -u '+%Y-%m-%d %H:%M UTC')"
  }
}

# ---------------------------------------------------------------------------
# JVMs
# ---------------------------------------------------------------------------

# bench_start_backend COMPONENT DB PREFIX LOG ARGS...: starts the backend jar in the background
# (ARGS: JVM options, -jar, the jar and its arguments) on database DB and Redis key prefix PREFIX,
# output to LOG; $! is its pid afterwards. COMPONENT names it in -Dpulse.component, which
# load-tests/run.sh --wait-for-quiet looks for.
bench_start_backend() {
  local component="$1" db="$2" prefix="$3" log="$4"
  shift 4
  PULSE_DB_NAME="$db" PULSE_REDIS_PREFIX="$prefix" \
    nohup "$JAVA_HOME/bin/java" "-Dpulse.component=$component" --enable-native-access=ALL-UNNAMED \
    "$@" >"$log" 2>&1 </dev/null &
}

# bench_wait_ready BASE_URL PID LOG WHAT [TAIL]: waits up to 180 s for the backend at BASE_URL to
# report ready; if process PID ends first or time runs out, shows the last TAIL (60) lines of LOG
# and stops the run. WHAT names the backend in the messages.
bench_wait_ready() {
  local url="$1" pid="$2" log="$3" what="$4" tail="${5:-60}" waited=0
  until curl -fsS --max-time 3 "$url/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$pid" 2>/dev/null || { tail -n "$tail" "$log" >&2; pulse_die "the $what exited"; }
    ((waited < 180)) || { tail -n "$tail" "$log" >&2; pulse_die "the $what was not ready in 180 s"; }
    sleep 1
    waited=$((waited + 1))
  done
  pulse_log "$what ready after ${waited}s"
}

# bench_exec_java JAR COMPONENT OPTIONS MAIN ARGS...: replaces the calling shell with the main class
# io.pulse.simulator.MAIN of the simulator jar JAR (OPTIONS: JVM options in one string; COMPONENT,
# unless empty, names it in -Dpulse.component). Run it in the background (&) or in a subshell:
# the pid the script then holds is the JVM's own, which is what CPU accounting and stopping need.
bench_exec_java() {
  local jar="$1" component="$2" options="$3" main="$4"
  shift 4
  local -a jvm=(--enable-native-access=ALL-UNNAMED) extra
  [[ -z "$component" ]] || jvm=("-Dpulse.component=$component" "${jvm[@]}")
  read -r -a extra <<<"$options"
  exec "$JAVA_HOME/bin/java" "${jvm[@]}" "${extra[@]}" -cp "$jar" "io.pulse.simulator.$main" "$@"
}

bench_jfr_start() {
  "$JAVA_HOME/bin/jcmd" "$1" JFR.start name=bench settings=profile >/dev/null
}

# bench_jfr_stop PID FILE
bench_jfr_stop() {
  "$JAVA_HOME/bin/jcmd" "$1" JFR.stop name=bench filename="$2" >/dev/null
}

# bench_jfr_view RECORDING VIEW FILE: one of jfr's summary views (hot-methods, gc-pauses, ...) into
# FILE; a view the JDK lacks leaves its error there instead of stopping the report.
bench_jfr_view() {
  "$JAVA_HOME/bin/jfr" view --width 200 "$2" "$1" >"$3" 2>&1 || true
}

# Backend CPU samples by library: the first frame from the top that is not JDK code (so a
# HashMap.put called by Jackson counts as Jackson), "Jackson 21 %, Netty 17 %, ...".
bench_jfr_by_library() {
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 12 "$1" | awk '
    function lib(f) {
      return f ~ /^tools\.jackson|^com\.fasterxml/ ? "Jackson" : f ~ /^io\.lettuce/ ? "Lettuce" :
             f ~ /^io\.netty/ ? "Netty" : f ~ /^reactor\.netty/ ? "Reactor Netty" : f ~ /^reactor\./ ? "Reactor" :
             f ~ /^io\.r2dbc/ ? "R2DBC" : f ~ /^io\.micrometer/ ? "Micrometer" : f ~ /^io\.pulse/ ? "Pulse" :
             f ~ /^org\.springframework/ ? "Spring" : f ~ /^(java|jdk|sun|com\.sun)\./ ? "JDK" : "other"
    }
    /stackTrace = \[/ { inside = 1; found = ""; next }
    inside && /^[[:space:]]*\]/ { inside = 0; n[found == "" ? "JDK" : found]++; total++; next }
    inside && found == "" { l = lib($1); if (l != "JDK") found = l }
    END {
      line = ""
      for (k = 1; k <= 8; k++) {
        best = ""; for (x in n) if (best == "" || n[x] > n[best]) best = x
        if (best == "") break
        line = line (k > 1 ? ", " : "") best " " sprintf("%.0f", 100 * n[best] / total) " %"
        delete n[best]
      }
      print (total ? line " (" total " samples)" : "-")
    }'
}

# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

bench_now_ns() { date +%s%N; }

# bench_fmt N: 12345.6 -> 12,346
bench_fmt() { printf '%.0f' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# bench_result_field LINE KEY: the value of KEY=value in a client's RESULT line.
bench_result_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# bench_prom_sum FILE NAME [SUBSTRING...]: the sum of a Prometheus metric over the lines of a scrape
# that contain all the substrings.
bench_prom_sum() {
  local file="$1" name="$2"
  shift 2
  awk -v name="$name" -v filters="$*" '
    BEGIN { n = split(filters, f, " ") }
    index($0, name "{") == 1 || index($0, name " ") == 1 {
      for (i = 1; i <= n; i++) if (index($0, f[i]) == 0) next
      sum += $NF
    }
    END { printf "%.6f\n", sum + 0 }' "$file"
}

# bench_prom_delta BEFORE AFTER NAME [SUBSTRING...]: how much a Prometheus sum grew between two
# scrapes.
bench_prom_delta() {
  local before="$1" after="$2" name="$3"
  shift 3
  awk -v x="$(bench_prom_sum "$before" "$name" "$@")" -v y="$(bench_prom_sum "$after" "$name" "$@")" 'BEGIN { printf "%.6f\n", y - x }'
}

# bench_prom_quantile BEFORE AFTER NAME FILTER Q DECIMALS: the Q quantile of a histogram's increase
# between two scrapes, as the upper bound of its bucket in ms with DECIMALS decimals ("-" without
# observations, ">max" above the last finite bucket).
bench_prom_quantile() {
  local before="$1" after="$2" name="$3" filter="$4" q="$5" decimals="$6"
  awk -v name="${name}_bucket{" -v filter="$filter" -v q="$q" -v format="%.${decimals}f\n" '
    index($0, name) == 1 && index($0, filter) > 0 {
      match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5)
      if (FILENAME == ARGV[1]) a[le] += $NF; else b[le] += $NF
    }
    END {
      for (le in b) { d[le] = b[le] - a[le]; if (le == "+Inf") total = d[le] }
      if (total <= 0) { print "-"; exit }
      best = ""
      for (le in d) if (le != "+Inf" && d[le] >= q * total && (best == "" || le + 0 < best + 0)) best = le
      if (best == "") print ">max"; else printf format, best * 1000
    }' "$before" "$after"
}

# bench_cpu_snapshot GROUPS: CPU ticks (utime + stime) of every process as "group pid ticks comm"
# lines, then the machine's busy, total and stolen ticks and the time. GROUPS: "pid:group" words
# (an empty pid is skipped); any other process is postgres, by its name, or other.
bench_cpu_snapshot() {
  echo "time ns $(bench_now_ns)"
  # Processes end while cat reads /proc; one that is gone is no error.
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v groups="$1" '
    BEGIN { n = split(groups, w, " "); for (i = 1; i <= n; i++) { split(w[i], kv, ":"); if (kv[1] != "") grp[kv[1]] = kv[2] } }
    match($0, /\(.*\)/) {
      comm = substr($0, RSTART + 1, RLENGTH - 2); gsub(/[^A-Za-z0-9_.:\/-]/, "_", comm)
      split(substr($0, RSTART + RLENGTH + 1), f, " ")
      g = ($1 in grp) ? grp[$1] : comm == "postgres" ? "postgres" : "other"
      print g, $1, f[12] + f[13], comm
    }'
  awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print "machine busy", busy; print "machine total", busy + $5 + $6; print "machine steal", $9 }' /proc/stat
}

# bench_cpu_delta BEFORE AFTER: per-group CPU between two snapshots in % of one core ("group
# percent" lines), the machine's busy and stolen %, its cores, and the three busiest other
# processes ("others" line).
bench_cpu_delta() {
  awk -v hz="$BENCH_CLK_TCK" '
    FNR == NR { base[$1 " " $2] = $3; if ($1 == "time") t0 = $3; next }
    $1 == "time" { t1 = $3; next }
    $1 == "machine" { m[$2] = $3 - base[$1 " " $2]; next }
    {
      d = $3 - (($1 " " $2) in base ? base[$1 " " $2] : 0)
      used[$1] += d
      if ($1 == "other") other[$4] += d
    }
    END {
      s = (t1 - t0) / 1e9
      for (g in used) printf "%s %.0f\n", g, 100 * used[g] / hz / s
      printf "machine %.0f\n", 100 * m["busy"] / hz / s
      printf "steal %.0f\n", 100 * m["steal"] / hz / s
      printf "cores %.0f\n", m["total"] / hz / s
      line = ""
      for (k = 1; k <= 3; k++) {
        best = ""; for (n in other) if (best == "" || other[n] > other[best]) best = n
        if (best == "" || other[best] <= 0) break
        line = line (k > 1 ? ", " : "") best " " sprintf("%.0f", 100 * other[best] / hz / s) " %"
        delete other[best]
      }
      print "others " (line == "" ? "-" : line)
    }' "$1" "$2"
}

# bench_cpu_figure CPU-FILE NAME: one figure of bench_cpu_delta's output; 0 for a group that used
# no CPU (it has no line). NAME "others" gives the busiest other processes.
bench_cpu_figure() {
  if [[ "$2" == others ]]; then
    sed -n 's/^others //p' "$1"
  else
    awk -v g="$2" '$1 == g { print $2; found = 1 } END { if (!found) print 0 }' "$1"
  fi
}

# bench_scrape BASE_URL FILE: the backend's /actuator/prometheus into FILE. It wants an admin:
# PULSE_USER/PULSE_PASSWORD (the demo admin by default), passed on stdin, not the command line.
bench_scrape() {
  curl -fsS --max-time 10 -K - "$1/actuator/prometheus" >"$2" \
    <<<"user = \"${PULSE_USER:-admin}:${PULSE_PASSWORD:-admin}\""
}
