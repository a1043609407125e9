#!/usr/bin/env bash
# A local 6-node Redis Cluster (3 masters, 3 replicas) for trying Pulse against cluster mode.
#
#   infra/redis-cluster/start-local-cluster.sh [start]   start nodes on 127.0.0.1:7000-7005, form the cluster
#   infra/redis-cluster/start-local-cluster.sh status    show the nodes and the cluster state
#   infra/redis-cluster/start-local-cluster.sh stop      shut the nodes down, delete their files
#
# Environment: PULSE_REDIS_CLUSTER_BASE_PORT (7000). Files: target/redis-cluster/<port>/.
# Nothing is persisted (no RDB, no AOF); only the cluster's nodes.conf lives on disk.
set -euo pipefail

# shellcheck source=infra/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# Its messages have always named this script instead of the time; they stay as they were.
PULSE_LOG_TAG=redis-cluster

BASE_PORT="${PULSE_REDIS_CLUSTER_BASE_PORT:-7000}"
NODES=6
DIR="$PULSE_ROOT/target/redis-cluster"
PORTS=()
for ((i = 0; i < NODES; i++)); do
  PORTS+=($((BASE_PORT + i)))
done

cli() {
  local port="$1"
  shift
  timeout 5 redis-cli -h 127.0.0.1 -p "$port" "$@"
}

node_up() { [[ "$(cli "$1" ping 2>/dev/null)" == PONG ]]; }
node_down() { ! node_up "$1"; }

cluster_ok() {
  local port
  for port in "${PORTS[@]}"; do
    cli "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || return 1
  done
}

wait_until() {
  local what="$1" seconds="$2" waited=0
  shift 2
  until "$@"; do
    ((waited < seconds)) || pulse_die "$what did not happen within ${seconds}s (logs: ${DIR#"$PULSE_ROOT"/}/*/redis.log)"
    sleep 1
    waited=$((waited + 1))
  done
}

# cluster_state:ok everywhere, and every node already knows all replicas (gossip takes a moment).
cluster_settled() {
  local port replicas
  cluster_ok || return 1
  for port in "${PORTS[@]}"; do
    replicas="$(cli "$port" cluster nodes 2>/dev/null | awk '$3 ~ /slave/' | wc -l)"
    ((replicas == NODES / 2)) || return 1
  done
}

all_up() {
  local port
  for port in "${PORTS[@]}"; do
    node_up "$port" || return 1
  done
}

cmd_start() {
  local port running=0 addrs=()
  if ! pulse_have redis-server || ! pulse_have redis-cli; then
    pulse_die "redis-server and redis-cli are needed (Debian: apt-get install redis-server)"
  fi
  for port in "${PORTS[@]}"; do
    if node_up "$port"; then
      running=$((running + 1))
    fi
  done
  if ((running == NODES)) && cluster_ok; then
    pulse_log "already running: 127.0.0.1:${PORTS[0]}-${PORTS[NODES - 1]}, cluster_state:ok"
    return 0
  fi
  if ((running == 0)); then
    # Nothing runs: start from scratch, so stale nodes.conf files cannot get in the way.
    rm -rf "$DIR"
  elif ((running < NODES)); then
    pulse_die "only $running of $NODES nodes answer; run '$0 stop' first"
  fi
  for port in "${PORTS[@]}"; do
    node_up "$port" && continue
    mkdir -p "$DIR/$port"
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes \
      --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 \
      --save "" --appendonly no \
      --dir "$DIR/$port" --pidfile "$DIR/$port/redis.pid" --logfile "$DIR/$port/redis.log"
  done
  wait_until "all $NODES nodes answering" 20 all_up
  for port in "${PORTS[@]}"; do
    addrs+=("127.0.0.1:$port")
  done
  if ! cluster_ok; then
    pulse_log "forming the cluster: ${addrs[*]}"
    redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes >"$DIR/create.log" 2>&1 \
      || { cat "$DIR/create.log" >&2; pulse_die "redis-cli --cluster create failed"; }
  fi
  wait_until "cluster_state:ok and $((NODES / 2)) replicas known on every node" 30 cluster_settled
  pulse_log "running: 127.0.0.1:${PORTS[0]}-${PORTS[NODES - 1]} (3 masters, 3 replicas), cluster_state:ok"
  pulse_log "e.g. SPRING_DATA_REDIS_CLUSTER_NODES=$(IFS=,; echo "${addrs[*]}")"
}

cmd_status() {
  local port
  for port in "${PORTS[@]}"; do
    if node_up "$port"; then
      printf '127.0.0.1:%s up   %s\n' "$port" \
        "$(cli "$port" info replication | sed -n 's/^role:\([a-z]*\).*/role:\1/p')"
    else
      printf '127.0.0.1:%s down\n' "$port"
    fi
  done
  if cluster_ok; then
    echo "cluster_state:ok"
  else
    echo "cluster not ok"
    return 3
  fi
}

cmd_stop() {
  local port
  for port in "${PORTS[@]}"; do
    if node_up "$port"; then
      cli "$port" shutdown nosave >/dev/null 2>&1 || true
    fi
  done
  for port in "${PORTS[@]}"; do
    wait_until "node $port stopping" 10 node_down "$port"
  done
  rm -rf "$DIR"
  pulse_log "stopped"
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  -h | --help | help) pulse_usage ;;
  *) pulse_die "unknown command: $1 (start | status | stop)" ;;
esac
