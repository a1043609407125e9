#!/usr/bin/env bash
# Runs Pulse on this machine: PostgreSQL + Redis (started if needed), the backend, the
# simulator that feeds it, and the UI once the ui module exists.
#
#   infra/run.sh [start] [--no-build]   build, start everything, print the URLs (idempotent)
#   infra/run.sh stop                   stop what start started (PostgreSQL/Redis stay up)
#   infra/run.sh status                 show what is running (exit 0 if the backend runs, else 3)
#   infra/run.sh restart [--no-build]   stop, then start
#
# Environment (all optional):
#   PULSE_BACKEND_PORT (8080)  PULSE_UI_PORT (8081)        passed as --server.port
#   PULSE_SIM_ARGS             simulator options
#                              (default: --url http://127.0.0.1:$PULSE_BACKEND_PORT --history-days 400
#                               --history-events 300000 --featured-dealers D00001,D00002 --rate 20:
#                               13 months of history, the demo manager's dealers 10-30 answers a day)
#   PULSE_HISTORY_TIMEOUT (300) seconds to wait for the simulator to load the history
#   PULSE_BACKEND_JAVA_OPTS (-Xmx1g)  PULSE_SIM_JAVA_OPTS (-Xmx512m)  PULSE_UI_JAVA_OPTS (-Xmx1g)
#   PULSE_START_TIMEOUT (180)  seconds to wait for the backend / UI to become ready
#   PULSE_UI_READY_PATH (/actuator/health/readiness)  the UI is ready when this answers 2xx
#   PULSE_MAIL (1)             1: a local mail server (GreenMail) takes the demo's e-mail, readable at
#                              PULSE_MAILBOX_PORT (8025); the demo manager and executive are
#                              subscribed (manager@pulse.demo, exec-volta@pulse.demo) and their
#                              addresses confirmed through the link mailed to them. 0: no e-mail
#   PULSE_SMTP_PORT (3025)     the local mail server's SMTP port
#   PULSE_DB_*, PULSE_REDIS_*  see infra/lib/common.sh; exported to the backend unchanged
#
# Files: target/run/<component>.pid and target/run/<component>.log at the repository root.
set -euo pipefail

# shellcheck source=infra/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$PULSE_ROOT"

: "${PULSE_BACKEND_PORT:=8080}" "${PULSE_UI_PORT:=8081}" "${PULSE_START_TIMEOUT:=180}"
: "${PULSE_UI_READY_PATH:=/actuator/health/readiness}"
: "${PULSE_SIM_ARGS:=--url http://127.0.0.1:$PULSE_BACKEND_PORT --history-days 400 --history-events 300000 --featured-dealers D00001,D00002 --rate 20}"
: "${PULSE_HISTORY_TIMEOUT:=300}"
: "${PULSE_MAIL:=1}" "${PULSE_SMTP_PORT:=3025}" "${PULSE_MAILBOX_PORT:=8025}"
: "${PULSE_BACKEND_JAVA_OPTS:=-Xmx1g}" "${PULSE_SIM_JAVA_OPTS:=-Xmx512m}" "${PULSE_UI_JAVA_OPTS:=-Xmx1g}"

RUN_DIR="$PULSE_ROOT/target/run"
BACKEND_JAR="backend/target/pulse-backend.jar"
SIMULATOR_JAR="load-tests/simulator/target/pulse-simulator.jar"
UI_JAR="ui/target/pulse-ui.jar"
BACKEND_URL="http://127.0.0.1:$PULSE_BACKEND_PORT"
UI_URL="http://127.0.0.1:$PULSE_UI_PORT"
MAILBOX_URL="http://127.0.0.1:$PULSE_MAILBOX_PORT"

# Start order; stop goes backwards. The ui component is skipped while ui/ has no built jar; the
# mailbox unless PULSE_MAIL=1.
COMPONENTS=(mailbox backend simulator ui)

# ---------------------------------------------------------------------------
# Process bookkeeping
# ---------------------------------------------------------------------------

pid_file() { printf '%s/%s.pid\n' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log\n' "$RUN_DIR" "$1"; }

# Prints the pid of component $1 if it runs. Each JVM carries -Dpulse.component=NAME, so
# a stale pid file whose pid was reused by another process is not mistaken for ours.
component_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Dpulse.component=$1 " || return 1
  printf '%s\n' "$pid"
}

is_running() { component_pid "$1" >/dev/null; }

ui_present() { [[ -f "$UI_JAR" ]]; }

# start_java NAME JAVA-ARGS...: starts a JVM in the background, output to target/run/NAME.log.
start_java() {
  local name="$1" log
  shift
  log="$(log_file "$name")"
  mkdir -p "$RUN_DIR"
  if [[ -f "$log" ]]; then
    mv -f "$log" "$log.1"
  fi
  # No job control in a script: the JVM ignores SIGINT; nohup makes it ignore SIGHUP too,
  # so it keeps running after the terminal closes. Stop it with 'infra/run.sh stop'.
  nohup "$JAVA_HOME/bin/java" "-Dpulse.component=$name" --enable-native-access=ALL-UNNAMED "$@" \
    >"$log" 2>&1 </dev/null &
  echo "$!" >"$(pid_file "$name")"
  pulse_log "started $name (pid $!), log: ${log#"$PULSE_ROOT"/}"
}

stop_component() {
  local name="$1" pid
  if ! pid="$(component_pid "$name")"; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  pulse_log "stopping $name (pid $pid)"
  pulse_stop_pid "$pid" "$name"
  rm -f "$(pid_file "$name")"
}

show_log_tail() {
  local log
  log="$(log_file "$1")"
  if [[ -s "$log" ]]; then
    printf '\n----- last lines of %s -----\n' "${log#"$PULSE_ROOT"/}" >&2
    tail -n 60 "$log" >&2
    printf -- '----- end of %s -----\n\n' "${log#"$PULSE_ROOT"/}" >&2
  fi
}

# wait_ready NAME URL [UP]: waits until URL answers 2xx (and contains "UP" if asked).
wait_ready() {
  local name="$1" url="$2" want_up="${3:-}" body waited=0
  pulse_log "waiting up to ${PULSE_START_TIMEOUT}s for $name at $url"
  while true; do
    if ! is_running "$name"; then
      show_log_tail "$name"
      rm -f "$(pid_file "$name")"
      pulse_die "$name exited during startup; its log is above"
    fi
    if body="$(pulse_http_get "$url")"; then
      if [[ -z "$want_up" || "$body" == *'"UP"'* ]]; then
        pulse_log "$name is ready"
        return 0
      fi
    fi
    if ((waited >= PULSE_START_TIMEOUT)); then
      show_log_tail "$name"
      stop_component "$name"
      pulse_die "$name was not ready at $url within ${PULSE_START_TIMEOUT}s (last answer: ${body:-none});" \
        "stopped it; its log is above"
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

# ---------------------------------------------------------------------------
# Components
# ---------------------------------------------------------------------------

mail_enabled() { [[ "$PULSE_MAIL" == 1 ]]; }

# The demo's mail server: GreenMail's standalone jar from Maven Central (the version the tests
# use), SMTP and its HTTP API on loopback, every address accepted.
start_mailbox() {
  local version jar
  version="$(sed -n 's:.*<greenmail.version>\(.*\)</greenmail.version>.*:\1:p' pom.xml)"
  jar="$RUN_DIR/greenmail-standalone-$version.jar"
  if [[ ! -f "$jar" ]]; then
    mkdir -p "$RUN_DIR"
    ./mvnw -B -q dependency:copy "-Dartifact=com.icegreen:greenmail-standalone:$version" \
      "-DoutputDirectory=$RUN_DIR" >/dev/null || pulse_die "could not fetch GreenMail (set PULSE_MAIL=0 to run without e-mail)"
  fi
  if pulse_port_open 127.0.0.1 "$PULSE_SMTP_PORT"; then
    pulse_die "port $PULSE_SMTP_PORT is taken; set PULSE_SMTP_PORT, or PULSE_MAIL=0"
  fi
  start_java mailbox -Xmx128m "-Dgreenmail.smtp.hostname=127.0.0.1" "-Dgreenmail.smtp.port=$PULSE_SMTP_PORT" \
    "-Dgreenmail.api.hostname=127.0.0.1" "-Dgreenmail.api.port=$PULSE_MAILBOX_PORT" \
    -Dgreenmail.auth.disabled -jar "$jar"
  wait_ready mailbox "$MAILBOX_URL/api/service/readiness" ""
}

# The demo's people ask for e-mail as any person would: each for themselves.
subscribe_demo_people() {
  local who
  for who in manager exec-volta; do
    curl -fsS --max-time 10 -u "$who:${PULSE_DEMO_PASSWORD:-demo}" -X PUT \
      -H 'Content-Type: application/json' -d "{\"email\":\"$who@pulse.demo\"}" \
      "$BACKEND_URL/api/v1/me/notifications" >/dev/null \
      || pulse_log "could not subscribe $who to e-mail (the demo runs without it)"
  done
  confirm_demo_addresses
}

# A new address gets nothing but a confirmation e-mail until the link in it is opened: the demo
# opens it as the mailbox's reader would (the POST the link's page makes). An address confirmed on
# an earlier run is not mailed again; one left pending is sent its confirmation again.
confirm_demo_addresses() {
  local who auth status token attempt
  for who in manager exec-volta; do
    auth="$who:${PULSE_DEMO_PASSWORD:-demo}"
    status="$(curl -fsS --max-time 10 -u "$auth" "$BACKEND_URL/api/v1/me/notifications" 2>/dev/null)" || true
    [[ "$status" == *'"addressStatus":"PENDING"'* ]] || continue
    token=""
    for attempt in $(seq 1 40); do
      # English e-mails are plain 7-bit text: the link is on one line of the raw message.
      token="$(curl -fsS --max-time 5 "$MAILBOX_URL/api/user/$who@pulse.demo/messages/INBOX" 2>/dev/null \
        | grep -o 'confirm-email?token=[A-Za-z0-9_-]\{43\}' | tail -n 1 | cut -d= -f2)" || true
      [[ -n "$token" ]] && break
      if [[ "$attempt" == 20 ]]; then
        curl -fsS --max-time 10 -u "$auth" -X POST \
          "$BACKEND_URL/api/v1/me/notifications/confirmation" >/dev/null 2>&1 || true
      fi
      sleep 1
    done
    if [[ -z "$token" ]] || ! curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' \
      -d "{\"token\":\"$token\"}" "$BACKEND_URL/api/v1/notifications/confirm" >/dev/null; then
      pulse_log "could not confirm $who@pulse.demo: open the link in its mailbox ($MAILBOX_URL)"
    fi
  done
}

start_backend() {
  local -a opts mail=()
  if pulse_port_open 127.0.0.1 "$PULSE_BACKEND_PORT"; then
    pulse_die "port $PULSE_BACKEND_PORT is taken by another process; stop it or set PULSE_BACKEND_PORT"
  fi
  read -r -a opts <<<"$PULSE_BACKEND_JAVA_OPTS"
  if mail_enabled; then
    mail=("--spring.mail.host=127.0.0.1" "--spring.mail.port=$PULSE_SMTP_PORT" "--pulse.notify.ui-url=$UI_URL")
  fi
  # The UI (on this machine) forwards its browsers' addresses for the sign-in throttle; the
  # backend believes that header from loopback only.
  PULSE_SECURITY_FORWARDED_TRUSTEDPROXIES="${PULSE_SECURITY_FORWARDED_TRUSTEDPROXIES:-127.0.0.1,::1}" \
    start_java backend "${opts[@]}" -jar "$BACKEND_JAR" "--server.port=$PULSE_BACKEND_PORT" "${mail[@]}"
  wait_ready backend "$BACKEND_URL/actuator/health/readiness" UP
  if mail_enabled; then
    subscribe_demo_people
  fi
}

start_simulator() {
  local -a opts args
  read -r -a opts <<<"$PULSE_SIM_JAVA_OPTS"
  read -r -a args <<<"$PULSE_SIM_ARGS"
  # The simulator is a client of the public API with a jar of its own (module load-tests/simulator).
  start_java simulator "${opts[@]}" -cp "$SIMULATOR_JAR" io.pulse.simulator.Simulator "${args[@]}"
  sleep 3
  if ! is_running simulator; then
    show_log_tail simulator
    rm -f "$(pid_file simulator)"
    pulse_die "the simulator exited right after starting; its log is above (the backend keeps running)"
  fi
}

# Waits until the simulator says its history backfill is done, and says so (a run without
# --history-days prints no such line: nothing to wait for).
wait_history() {
  local log line waited=0
  log="$(log_file simulator)"
  [[ "$PULSE_SIM_ARGS" == *--history-days* ]] || return 0
  pulse_log "waiting up to ${PULSE_HISTORY_TIMEOUT}s for the simulator to load the history"
  while true; do
    if line="$(grep -m1 'history loaded' "$log" 2>/dev/null)"; then
      pulse_log "history loaded: ${line#*history loaded, }"
      return 0
    fi
    if ! is_running simulator; then
      show_log_tail simulator
      pulse_log "the simulator stopped before the history was loaded; its log is above"
      return 0
    fi
    if ((waited >= PULSE_HISTORY_TIMEOUT)); then
      pulse_log "the history is still loading after ${PULSE_HISTORY_TIMEOUT}s (see $log); going on"
      return 0
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

# --- UI (ui module) -------------------------------------------------------------------
# Started only when ui/target/pulse-ui.jar exists. The UI gets the backend's address as
# PULSE_BACKEND_URL in its environment.
start_ui() {
  local -a opts
  if pulse_port_open 127.0.0.1 "$PULSE_UI_PORT"; then
    pulse_die "port $PULSE_UI_PORT is taken by another process; stop it or set PULSE_UI_PORT"
  fi
  read -r -a opts <<<"$PULSE_UI_JAVA_OPTS"
  # The UI has no backend credential: it calls the backend as each signed-in person (their
  # session token from POST /api/v1/auth/token).
  PULSE_BACKEND_URL="$BACKEND_URL" \
    PULSE_UI_LOGIN_HINT="${PULSE_UI_LOGIN_HINT:-Demo users: admin/admin (everything), exec-volta/demo (brand VOLTA), manager/demo (dealers D00001, D00002)}" \
    start_java ui "${opts[@]}" -jar "$UI_JAR" "--server.port=$PULSE_UI_PORT"
  wait_ready ui "$UI_URL$PULSE_UI_READY_PATH"
}

# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------

print_urls() {
  cat <<EOF

Pulse is running:
  backend API  $BACKEND_URL/api/v1/network/index?window=24h
  health       $BACKEND_URL/actuator/health
  prometheus   $BACKEND_URL/actuator/prometheus
EOF
  # --- UI URL (ui module) ---
  if ui_present; then
    echo "  UI           $UI_URL  (sign in as admin/admin, exec-volta/demo or manager/demo)"
  else
    echo "  UI           (not built yet: the ui module will serve $UI_URL)"
  fi
  if mail_enabled; then
    echo "  e-mail       $MAILBOX_URL/api/user/manager@pulse.demo/messages/INBOX  (the demo's mailbox; exec-volta@pulse.demo too)"
  fi
  cat <<EOF
  logs         target/run/*.log
  stop with    infra/run.sh stop

EOF
}

cmd_start() {
  local build=1 name jar missing=()
  while (($# > 0)); do
    case "$1" in
      --no-build) build=0 ;;
      -h | --help) pulse_usage; exit 0 ;;
      *) pulse_usage >&2; pulse_die "unknown option for start: $1" ;;
    esac
    shift
  done

  for name in "${COMPONENTS[@]}"; do
    [[ "$name" != ui ]] || ui_present || continue
    [[ "$name" != mailbox ]] || mail_enabled || continue
    is_running "$name" || missing+=("$name")
  done
  if ((${#missing[@]} == 0)); then
    pulse_log "Pulse is already running (infra/run.sh status; infra/run.sh stop)"
    print_urls
    return 0
  fi

  pulse_find_java
  pulse_ensure_postgres
  pulse_ensure_redis
  pulse_ensure_database "$PULSE_DB_NAME"
  if ((build == 1)); then
    # The ui module's frontend build needs Node >= 24 unless its committed bundle is current.
    pulse_ensure_node
  fi

  if ((build == 0)); then
    pulse_log "skipping the build (--no-build)"
  elif is_running backend; then
    # Rewriting the jar under a running JVM breaks it.
    pulse_log "backend is already running: not rebuilding (infra/run.sh stop first to pick up changes)"
  else
    pulse_log "building (./mvnw package; the first build downloads dependencies and takes a few minutes)"
    # Formatting is checked by infra/test.sh; it must not keep the application from starting.
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
  fi
  for jar in "$BACKEND_JAR" "$SIMULATOR_JAR"; do
    [[ -f "$jar" ]] || pulse_die "$jar is missing: run infra/run.sh without --no-build"
  done

  if mail_enabled; then
    if is_running mailbox; then
      pulse_log "mailbox is already running (pid $(component_pid mailbox))"
    else
      start_mailbox
    fi
  fi
  if is_running backend; then
    pulse_log "backend is already running (pid $(component_pid backend))"
  else
    start_backend
  fi
  if is_running simulator; then
    pulse_log "simulator is already running (pid $(component_pid simulator))"
  else
    start_simulator
  fi
  wait_history
  if ui_present; then
    if is_running ui; then
      pulse_log "ui is already running (pid $(component_pid ui))"
    else
      start_ui
    fi
  fi
  print_urls
}

cmd_stop() {
  local i name stopped=0
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    name="${COMPONENTS[i]}"
    if is_running "$name"; then
      stopped=1
    fi
    stop_component "$name"
  done
  if ((stopped)); then
    pulse_log "stopped (PostgreSQL and Redis keep running)"
  else
    pulse_log "nothing was running"
  fi
}

cmd_status() {
  local name pid readiness
  for name in "${COMPONENTS[@]}"; do
    if [[ "$name" == ui ]] && ! ui_present && ! is_running ui; then
      printf '%-10s not built (no %s)\n' "$name" "$UI_JAR"
    elif [[ "$name" == mailbox ]] && ! mail_enabled && ! is_running mailbox; then
      printf '%-10s off (PULSE_MAIL=0)\n' "$name"
    elif pid="$(component_pid "$name")"; then
      case "$name" in
        backend)
          readiness="$(pulse_http_get "$BACKEND_URL/actuator/health/readiness" || echo 'no answer')"
          printf '%-10s running (pid %s) on port %s, readiness: %s\n' "$name" "$pid" "$PULSE_BACKEND_PORT" "$readiness"
          ;;
        ui) printf '%-10s running (pid %s) on port %s\n' "$name" "$pid" "$PULSE_UI_PORT" ;;
        *) printf '%-10s running (pid %s)\n' "$name" "$pid" ;;
      esac
    else
      printf '%-10s stopped\n' "$name"
    fi
  done
  is_running backend || return 3
}

main() {
  local command="${1:-start}"
  case "$command" in
    start) shift || true; cmd_start "$@" ;;
    --no-build) cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    restart) shift; cmd_stop; cmd_start "$@" ;;
    -h | --help | help) pulse_usage ;;
    *) pulse_usage >&2; pulse_die "unknown command: $command" ;;
  esac
}

main "$@"
