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
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
PG_DIR="$(mktemp -d /tmp/keyfed-pg.XXXXXX)"
PG_PORT="$(free_port)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE keyfed" >/dev/null
export KEYFED_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keyfed"
export KEYFED_TEST_PG_USER=postgres
export KEYFED_TEST_PG_PASSWORD=""
export KEYFED_TEST_PG_BIN="$PG_BIN"   # pg_dump, for SecretsAtRestIT
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"

# ---- everything else is Maven ------------------------------------------------------------------
cd "$ROOT"
start=$(date +%s)
mvn -B -ntp verify -DskipITs=false -Dkeyfed.e2e.requireAll=true "$@"
log "all tests passed in $(( $(date +%s) - start )) s"
