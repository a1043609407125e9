#!/usr/bin/env bash
# Runs Pulse's tests: unit tests (Surefire, *Test/*Tests) and integration tests
# (Failsafe, *IntegrationTests) of every module, against the local PostgreSQL and Redis; the ui
# module's browser tests run headless Chromium against a real backend it starts from its jar.
#
#   infra/test.sh [extra Maven arguments...]     e.g. infra/test.sh -pl backend -am -Dit.test=IngestIT
#
# The tests create their own throwaway databases and Redis key prefixes, so no database is
# created here; PostgreSQL and Redis only have to answer (they are started if they do not).
# Environment: PULSE_DB_*, PULSE_REDIS_* as in infra/lib/common.sh.
set -euo pipefail

# shellcheck source=infra/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$PULSE_ROOT"

pulse_find_java
pulse_ensure_postgres
pulse_ensure_redis
# The ui module: its frontend build needs Node >= 24 when ui/src/main/bundles/prod.bundle is not
# current (a committed, current bundle skips Node), its browser tests Debian's Chromium. The root
# build packages the backend jar before the ui module's browser tests start it.
pulse_ensure_node
pulse_ensure_chromium

# -ntp: no download lines, so a first run on a fresh machine shows the tests, not the downloads.
exec ./mvnw -B -ntp verify "$@"
