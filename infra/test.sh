#!/usr/bin/env bash
# Runs Pulse's tests: unit tests (Surefire, *Test/*Tests) and integration tests
# (Failsafe, *IT) of every module, against the local PostgreSQL and Redis.
#
#   infra/test.sh [extra Maven arguments...]     e.g. infra/test.sh -pl backend -Dit.test=IngestIT
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
# Later: the ui module's browser tests need Debian's chromium + chromium-driver and its
# frontend build needs Node 24; ensure those here (see ci_install_browser in .ci/run).

exec ./mvnw -B verify "$@"
