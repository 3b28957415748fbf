#!/usr/bin/env bash
# Runs every test: unit tests, Arquillian container tests on Payara Micro, and the end-to-end
# tests (real servers started from deploy/run.sh, the EAR on Payara Server, Debian's PyKMIP
# client, a private PostgreSQL cluster). Installs what it needs (python3-pykmip, PostgreSQL)
# through apt when missing; everything else comes from Maven Central.
#
# Usage: deploy/test.sh [extra Maven arguments, e.g. -Dit.test=BadInputIT]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

apt_install python3-pykmip postgresql
/usr/bin/python3 -c 'import kmip' 2>/dev/null || die "python3-pykmip installed but not importable by /usr/bin/python3"

# ---- a private PostgreSQL cluster on a free port, removed afterwards --------------------------
trap pg_stop EXIT
pg_start "$(mktemp -d /tmp/keyfed-pg.XXXXXX)"
pg_psql -c "CREATE DATABASE keyfed" >/dev/null
export KEYFED_TEST_PG_URL="${PG_URL_BASE}keyfed"
export KEYFED_TEST_PG_USER=postgres
export KEYFED_TEST_PG_PASSWORD=""
export KEYFED_TEST_PG_BIN="$PG_BIN"   # pg_dump, for SecretsAtRestIT
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"

# ---- everything else is Maven ------------------------------------------------------------------
cd "$ROOT"
start=$(date +%s)
mvn -B -ntp verify -DskipITs=false -Dkeyfed.e2e.requireAll=true "$@"
log "all tests passed in $(( $(date +%s) - start )) s"
