#!/usr/bin/env bash
# Benchmarks (not tests; nothing here asserts on time).
#
#   deploy/bench.sh load --host H --port P --ca CA --cert CERT --key KEY --clients N --seconds S
#                        [--mix create,get,destroy] [--kmip-version V] [--warmup S] [--pool K]
#       Closed-loop KMIP load over mutual TLS against any KMIP server (Keyfed, PyKMIP, ...).
#       A mix without create (--mix get) first creates K keys per client (16), unmeasured, and
#       then works through them.
#       Last line: ops/s=<n> p50_ms=<x> p99_ms=<y> errors=<n>
#
#   deploy/bench.sh compare [--clients N] [--seconds S] [--mix M] [--kmip-version V]
#       Starts a Keyfed server (deploy/run.sh) and Debian's PyKMIP server on free ports, runs
#       the same load against each, one after the other, and prints as its last line
#       ratio=<Keyfed ops/s ÷ PyKMIP ops/s>. Defaults: 4 clients, 20 s, create,get,destroy.
#
#   deploy/bench.sh ceiling [--clients N] [--seconds S]
#       Keyfed against two ceilings on this machine, one at a time (defaults: 4 clients, 20 s):
#       Keyfed (deploy/run.sh, temporary KEYFED_HOME, free ports) under load --mix get (a pool of
#       keys created first, then only Get) and --mix create (AES-256); then a raw TLS echo
#       (io.keyfed.bench.TlsEchoCeiling: Keyfed's PKI, client certificate required, TLS 1.3/1.2,
#       Keyfed's cipher suites, a thread per connection) whose client sends the bytes of a real
#       Get request to Keyfed and whose server answers each message with the bytes of Keyfed's
#       real Get response (both captured from the running server), N connections in closed loops;
#       then raw inserts into the same database engine and mode (io.keyfed.bench.RawInsertCeiling:
#       H2 file database with Keyfed's URL options in a temporary directory, or a scratch schema of
#       the PostgreSQL database when KEYFED_DB_URL etc. are set), N threads, each transaction one
#       KF_OBJECT row and the KF_ATTRIBUTE rows of a real Create (schema and rows copied from
#       Keyfed's database), attribute rows in one JDBC batch, a commit per transaction.
#       Last lines: get_fraction=<Keyfed Get ops/s ÷ echo ops/s> (target >= 0.5) and
#       create_fraction=<Keyfed Create ops/s ÷ raw insert tx/s> (target >= 0.5).
#
#   deploy/bench.sh at-rest [--seconds S] [--rounds R]
#       What sealing key material at rest costs: the real Create and Get handlers in one JVM, with
#       the master-key sealer (AES-256-GCM) and with a copying sealer, alternating rounds (the first
#       is warm-up), over the unit tests' in-memory repository — no database, TLS or container, so
#       the percentage is an upper bound of what a client sees. Last lines:
#       create_sealed_ops/s=<a> create_plain_ops/s=<b> create_cost_pct=<c> seal_us_per_create=<d>,
#       and the same for get (unseal_us_per_get): the time sealing adds to one operation.
#
#   deploy/bench.sh codec [JMH options]
#       JMH benchmarks of the KMIP codec, one thread: decode and encode (TTLV tree, and through the
#       message model) of a Get response with a 256-bit key, a Locate response with 1,000
#       identifiers and a Create request with 10 attributes; last lines: messages/s and MB/s.
#       A short run: deploy/bench.sh codec -wi 1 -i 3 -w 1s -r 1s -f 1
#
#   deploy/bench.sh propagation [--federation FILE] [--objects N] [--rate R] [--from S] [--to S] [--group G] [--creators C]
#       Propagation latency central -> store-17: N keys (10000) created at R per second (100, open
#       loop over C connections, 8) in Object Group store-17, each timed until store-17 has it. Without --federation it starts
#       a federation (deploy/federation.sh) in a temporary directory and stops it afterwards.
#       Last line: objects=<n> objects/s=<x> p50_ms=<a> p99_ms=<b> max_ms=<c> missing=<m>
#
#   deploy/bench.sh bulk [--objects N] [--clients C]
#       Bulk export and import through the admin API: starts a federation (deploy/federation.sh) in
#       a temporary directory, creates N keys (default 100,000) at central with C clients (4),
#       exports them wrapped under a fresh AES key, imports the file at store-17, then central (as
#       a peer) enumerates them there by Locate in pages of 500. Last line:
#       exported_objects/s=<e> imported_objects/s=<i> objects=<n> file_bytes=<b> ...
#   deploy/bench.sh partition [--objects N] [--clients C] [--seconds S] [--db h2|postgres]
#       Partition move rate (use case 4): starts a federation (deploy/federation.sh) in a temporary
#       directory, creates N keys (100000) at central in one Object Group, registers store-17 there
#       as a PARTITION and times a MOVE rule of the group from its definition until store-17 has
#       applied the last of them (io.keyfed.bench.PartitionBench). Then, with the federation
#       stopped, the raw insert rate of the same database (io.keyfed.bench.RawInsertCeiling,
#       store-17's schema, a moved object's rows as template: one object and its attribute rows per
#       transaction, C threads (4), S seconds (20)). --db h2 (default): each server's embedded H2
#       file, the raw inserts into a fresh H2 file with the same options. --db postgres: a private
#       PostgreSQL cluster started for the run (deploy/lib/common.sh pg_start, stopped afterwards),
#       a database per server (fed_central, fed_store_17, fed_site_b), the raw inserts into a
#       scratch schema of store-17's database. Last line:
#       moved_objects/s=<x> raw_insert_tx/s=<y> move_fraction=<x/y> db=<h2|postgres> (target >= 0.5).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_bench_built() {
  ensure_built
  local jar="$ROOT/src/bench/target/keyfed-bench-0.1.0-SNAPSHOT.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/src/bench" "$ROOT/ejb/target/classes" -newer "$jar" -type f -not -path '*/bench/target/*' -print -quit)" ]; then
    log "building the benchmarks ..."
    (cd "$ROOT" && "${MVN[@]}" -DskipTests -pl src/bench -am package) || die "build failed"
  fi
  BENCH_CP="$jar:$ROOT/src/bench/target/lib/*"
}

# Starts Keyfed with deploy/run.sh on free ports, home $WORK/keyfed, log $WORK/keyfed.log; sets
# KF_KMIP, KF_HTTP, KF_HTTPS and KF_PID, and returns once Keyfed's own readiness check answers
# (Payara answers UP before Keyfed is deployed).
start_keyfed() {
  KF_KMIP=$(free_port); KF_HTTP=$(free_port); KF_HTTPS=$(free_port)
  "$ROOT/deploy/run.sh" --home "$WORK/keyfed" --kmip-port "$KF_KMIP" --https-port "$KF_HTTPS" --http-port "$KF_HTTP" \
    > "$WORK/keyfed.log" 2>&1 &
  KF_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$KF_HTTP/health/ready" 2>/dev/null | grep -q '"kmip-tls"' && return 0
    kill -0 "$KF_PID" 2>/dev/null || die "Keyfed did not start; see $WORK/keyfed.log"
    sleep 1
  done
  die "Keyfed not ready after 300 s; see $WORK/keyfed.log"
}

# The figure a run printed as its last line: result FILE KEY (KEY a sed pattern, / escaped).
result() { tail -n 1 "$1" | sed -n "s/^$2=\([0-9.]*\).*/\1/p"; }

cmd="${1:-}"; [ $# -gt 0 ] && shift
case "$cmd" in
  load)
    ensure_bench_built
    exec java -cp "$BENCH_CP" io.keyfed.bench.LoadGenerator "$@"
    ;;
  at-rest)
    ensure_bench_built
    exec java -cp "$BENCH_CP" io.keyfed.bench.AtRestCost "$@"
    ;;
  codec)
    ensure_bench_built
    exec java -cp "$BENCH_CP" io.keyfed.bench.codec.CodecBench "$@"
    ;;
  propagation)
    ensure_bench_built
    if printf '%s\n' "$@" | grep -qx -- '--federation'; then
      exec java -cp "$BENCH_CP" io.keyfed.bench.PropagationBench "$@"
    fi
    FED="$(mktemp -d -t keyfed-propagation.XXXXXX)"
    trap '"$ROOT/deploy/federation.sh" down "$FED" >/dev/null 2>&1 || true' EXIT
    "$ROOT/deploy/federation.sh" up "$FED" >&2
    java -cp "$BENCH_CP" io.keyfed.bench.PropagationBench --federation "$FED/federation.json" "$@"
    ;;
  partition)
    OBJECTS=100000; CLIENTS=4; SECONDS_=20; DB=h2
    while [ $# -gt 0 ]; do
      case "$1" in
        --objects) OBJECTS="$2"; shift 2 ;;
        --clients) CLIENTS="$2"; shift 2 ;;
        --seconds) SECONDS_="$2"; shift 2 ;;
        --db) DB="$2"; shift 2 ;;
        *) die "partition: unknown option $1" ;;
      esac
    done
    case "$DB" in h2|postgres) ;; *) die "partition: --db h2 or --db postgres" ;; esac
    # The servers' databases are the bench's choice (--db), not the environment's: three servers on
    # one KEYFED_DB_URL would share one database.
    [ -z "${KEYFED_DB_URL:-}" ] || die "partition: unset KEYFED_DB_URL (--db postgres gives each server its own database)"
    ensure_bench_built
    WORK="$(mktemp -d /tmp/keyfed-partition.XXXXXX)"; OK=0
    # The servers' logs stay when the run fails (WORK/fed/*.log), for the incident they name.
    trap '"$ROOT/deploy/federation.sh" down "$WORK/fed" >/dev/null 2>&1 || true
          pg_stop
          if [ "$OK" = 1 ]; then rm -rf "$WORK"; else log "failed; logs kept in $WORK/fed"; fi' EXIT
    if [ "$DB" = postgres ]; then
      pg_start "$(mktemp -d /tmp/keyfed-pg.XXXXXX)"   # (not in WORK: the postgres user must reach it)
      for s in central store_17 site_b; do pg_psql -c "CREATE DATABASE fed_$s" >/dev/null; done
      log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT (pid $PG_PID), a database per server"
      export KEYFED_DB_CLASS=org.postgresql.ds.PGSimpleDataSource KEYFED_DB_USER=postgres KEYFED_DB_PASSWORD=""
      export FEDERATION_DB_URL_PREFIX="${PG_URL_BASE}fed_"
    fi
    "$ROOT/deploy/federation.sh" up "$WORK/fed" >&2
    java -cp "$BENCH_CP" io.keyfed.bench.PartitionBench --federation "$WORK/fed/federation.json" --objects "$OBJECTS" \
      --creators "$CLIENTS" | tee "$WORK/move.out"
    "$ROOT/deploy/federation.sh" down "$WORK/fed" >&2
    if [ "$DB" = postgres ]; then
      # A scratch schema of store-17's own database (RawInsertCeiling drops it afterwards).
      SRC_URL="${PG_URL_BASE}fed_store_17"; RAW_URL="$SRC_URL"; DB_USER=postgres; DB_PASS=""
      DB_CP="$BENCH_CP"
    else
      SRC_URL="jdbc:h2:$WORK/fed/store-17/db/keyfed;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"; DB_USER=keyfed; DB_PASS=keyfed
      python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("MICRO-INF/runtime/h2.jar"))' \
        "$ROOT/web/target/runtime/payara-micro.jar" "$WORK/h2.jar"
      DB_CP="$WORK/h2.jar:$BENCH_CP"
      RAW_URL="jdbc:h2:$WORK/raw/db/keyfed;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
    fi
    log "raw inserts: $RAW_URL"
    java -cp "$DB_CP" io.keyfed.bench.RawInsertCeiling --source-url "$SRC_URL" --source-user "$DB_USER" --source-password "$DB_PASS" \
      --url "$RAW_URL" --user "$DB_USER" --password "$DB_PASS" --threads "$CLIENTS" --seconds "$SECONDS_" | tee "$WORK/insert.out"
    move=$(result "$WORK/move.out" 'moved_objects\/s'); insert=$(result "$WORK/insert.out" 'tx\/s')
    [ -n "$move" ] && [ -n "$insert" ] || die "a run printed no result"
    python3 -c "import sys; m,i=map(float,sys.argv[1:3]); print('moved_objects/s=%s raw_insert_tx/s=%s move_fraction=%.3f db=%s' % (sys.argv[1], sys.argv[2], m/i if i > 0 else float('inf'), sys.argv[3]))" \
      "$move" "$insert" "$DB"
    OK=1
    ;;
  bulk)
    OBJECTS=100000; CLIENTS=4
    while [ $# -gt 0 ]; do
      case "$1" in
        --objects) OBJECTS="$2"; shift 2 ;;
        --clients) CLIENTS="$2"; shift 2 ;;
        *) die "bulk: unknown option $1" ;;
      esac
    done
    ensure_bench_built
    WORK="$(mktemp -d /tmp/keyfed-bulk.XXXXXX)"; OK=0
    trap '"$ROOT/deploy/federation.sh" down "$WORK/fed" >/dev/null 2>&1 || true
          if [ "$OK" = 1 ]; then rm -rf "$WORK"; else log "failed; logs kept in $WORK/fed"; fi' EXIT
    "$ROOT/deploy/federation.sh" up "$WORK/fed" >&2
    java -cp "$BENCH_CP" io.keyfed.bench.BulkBench --federation "$WORK/fed/federation.json" --objects "$OBJECTS" \
      --creators "$CLIENTS"
    OK=1
    ;;
  compare)
    CLIENTS=4; SECONDS_=20; MIX=create,get,destroy; VERSION=1.2
    while [ $# -gt 0 ]; do
      case "$1" in
        --clients) CLIENTS="$2"; shift 2 ;;
        --seconds) SECONDS_="$2"; shift 2 ;;
        --mix) MIX="$2"; shift 2 ;;
        --kmip-version) VERSION="$2"; shift 2 ;;
        *) die "compare: unknown option $1" ;;
      esac
    done
    apt_install python3-pykmip
    ensure_bench_built
    WORK="$(mktemp -d /tmp/keyfed-bench.XXXXXX)"
    KF_PID=""; PY_PID=""
    cleanup() {
      [ -n "$KF_PID" ] && kill "$KF_PID" 2>/dev/null && wait "$KF_PID" 2>/dev/null || true
      [ -n "$PY_PID" ] && kill -INT "$PY_PID" 2>/dev/null && wait "$PY_PID" 2>/dev/null || true
      rm -rf "$WORK"
    }
    trap cleanup EXIT

    # Keyfed, as run.sh starts it.
    start_keyfed

    # PyKMIP's own server, with a throw-away PKI of its own.
    PY_PORT=$(free_port)
    bash "$ROOT/../shared/tools/pykmip/gen_certs.sh" "$WORK/pykmip-pki" >/dev/null
    mkdir -p "$WORK/pykmip-policies"
    cat > "$WORK/pykmip.conf" <<CONF
[server]
hostname=127.0.0.1
port=$PY_PORT
certificate_path=$WORK/pykmip-pki/server.crt
key_path=$WORK/pykmip-pki/server.key
ca_path=$WORK/pykmip-pki/ca.crt
auth_suite=TLS1.2
policy_path=$WORK/pykmip-policies
enable_tls_client_auth=True
logging_level=WARNING
database_path=$WORK/pykmip.db
CONF
    /usr/bin/pykmip-server -f "$WORK/pykmip.conf" -l "$WORK/pykmip.log" > "$WORK/pykmip.out" 2>&1 &
    PY_PID=$!
    for _ in $(seq 1 100); do
      (exec 3<>"/dev/tcp/127.0.0.1/$PY_PORT") 2>/dev/null && break
      kill -0 "$PY_PID" 2>/dev/null || die "PyKMIP server did not start; see $WORK/pykmip.out"
      sleep 0.2
    done

    common=(--clients "$CLIENTS" --seconds "$SECONDS_" --mix "$MIX" --kmip-version "$VERSION")
    log "Keyfed on $KF_KMIP"
    java -cp "$BENCH_CP" io.keyfed.bench.LoadGenerator --host 127.0.0.1 --port "$KF_KMIP" \
      --ca "$WORK/keyfed/pki/ca.pem" --cert "$WORK/keyfed/pki/client.pem" --key "$WORK/keyfed/pki/client-key.pem" \
      "${common[@]}" | tee "$WORK/keyfed.out"
    log "PyKMIP on $PY_PORT"
    java -cp "$BENCH_CP" io.keyfed.bench.LoadGenerator --host 127.0.0.1 --port "$PY_PORT" \
      --ca "$WORK/pykmip-pki/ca.crt" --cert "$WORK/pykmip-pki/client.crt" --key "$WORK/pykmip-pki/client.key" \
      "${common[@]}" | tee "$WORK/pykmip.out2"
    kf=$(tail -n 1 "$WORK/keyfed.out" | sed -n 's/^ops\/s=\([0-9.]*\).*/\1/p')
    py=$(tail -n 1 "$WORK/pykmip.out2" | sed -n 's/^ops\/s=\([0-9.]*\).*/\1/p')
    [ -n "$kf" ] && [ -n "$py" ] || die "a load run printed no result"
    printf 'keyfed_ops/s=%s pykmip_ops/s=%s\n' "$kf" "$py"
    python3 -c "import sys; kf,py=float(sys.argv[1]),float(sys.argv[2]); print('ratio=%.1f' % (kf/py if py > 0 else float('inf')))" "$kf" "$py"
    ;;
  ceiling)
    CLIENTS=4; SECONDS_=20
    while [ $# -gt 0 ]; do
      case "$1" in
        --clients) CLIENTS="$2"; shift 2 ;;
        --seconds) SECONDS_="$2"; shift 2 ;;
        *) die "ceiling: unknown option $1" ;;
      esac
    done
    ensure_bench_built
    WORK="$(mktemp -d /tmp/keyfed-ceiling.XXXXXX)"
    KF_PID=""; ECHO_PID=""
    cleanup() {
      [ -n "$KF_PID" ] && kill "$KF_PID" 2>/dev/null && wait "$KF_PID" 2>/dev/null || true
      [ -n "$ECHO_PID" ] && kill "$ECHO_PID" 2>/dev/null && wait "$ECHO_PID" 2>/dev/null || true
      rm -rf "$WORK"
    }
    trap cleanup EXIT
    log "load average: $(uptime | sed 's/.*load average: //')"

    # 1. Keyfed, as run.sh starts it, on its own.
    start_keyfed
    PKI="$WORK/keyfed/pki"
    tls=(--ca "$PKI/ca.pem" --cert "$PKI/client.pem" --key "$PKI/client-key.pem")
    # The sizes (and bytes) of one real Get exchange, for the echo.
    java -cp "$BENCH_CP" io.keyfed.bench.TlsEchoCeiling probe --host 127.0.0.1 --port "$KF_KMIP" "${tls[@]}" \
      --out "$WORK/get" | tee "$WORK/probe.out"
    for mix in get create; do
      log "Keyfed on $KF_KMIP: --mix $mix"
      java -cp "$BENCH_CP" io.keyfed.bench.LoadGenerator --host 127.0.0.1 --port "$KF_KMIP" "${tls[@]}" \
        --clients "$CLIENTS" --seconds "$SECONDS_" --mix "$mix" | tee "$WORK/keyfed-$mix.out"
    done
    kill "$KF_PID"; wait "$KF_PID" 2>/dev/null || true; KF_PID=""

    # 2. The raw TLS echo, with Keyfed stopped.
    ECHO_PORT=$(free_port)
    java -cp "$BENCH_CP" io.keyfed.bench.TlsEchoCeiling serve --port "$ECHO_PORT" --pki "$PKI" \
      --response "$WORK/get/get-response.bin" 2> "$WORK/echo.log" &
    ECHO_PID=$!
    for _ in $(seq 1 100); do
      grep -q listening "$WORK/echo.log" 2>/dev/null && break
      kill -0 "$ECHO_PID" 2>/dev/null || die "the echo server did not start; see $WORK/echo.log"
      sleep 0.2
    done
    log "raw TLS echo on $ECHO_PORT"
    java -cp "$BENCH_CP" io.keyfed.bench.TlsEchoCeiling load --host 127.0.0.1 --port "$ECHO_PORT" "${tls[@]}" \
      --clients "$CLIENTS" --seconds "$SECONDS_" --request "$WORK/get/get-request.bin" | tee "$WORK/echo.out"
    kill "$ECHO_PID"; wait "$ECHO_PID" 2>/dev/null || true; ECHO_PID=""

    # 3. Raw inserts into the same database engine and mode: Payara's own H2, or PostgreSQL.
    if [ -n "${KEYFED_DB_URL:-}" ]; then
      SRC_URL="$KEYFED_DB_URL"; DB_USER="${KEYFED_DB_USER:-keyfed}"; DB_PASS="${KEYFED_DB_PASSWORD:-keyfed}"
    else
      SRC_URL="jdbc:h2:$WORK/keyfed/db/keyfed;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"; DB_USER=keyfed; DB_PASS=keyfed
    fi
    DB_CP="$BENCH_CP"
    case "$SRC_URL" in
      jdbc:h2:*)
        python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("MICRO-INF/runtime/h2.jar"))' \
          "$ROOT/web/target/runtime/payara-micro.jar" "$WORK/h2.jar"
        DB_CP="$WORK/h2.jar:$BENCH_CP"
        opts=""; case "$SRC_URL" in *\;*) opts=";${SRC_URL#*;}" ;; esac
        RAW_URL="jdbc:h2:$WORK/raw/db/keyfed$opts" ;;
      *) RAW_URL="$SRC_URL" ;;
    esac
    log "raw inserts: $RAW_URL"
    java -cp "$DB_CP" io.keyfed.bench.RawInsertCeiling --source-url "$SRC_URL" --source-user "$DB_USER" --source-password "$DB_PASS" \
      --url "$RAW_URL" --user "$DB_USER" --password "$DB_PASS" --threads "$CLIENTS" --seconds "$SECONDS_" | tee "$WORK/insert.out"

    get=$(result "$WORK/keyfed-get.out" 'ops\/s'); create=$(result "$WORK/keyfed-create.out" 'ops\/s')
    echo_=$(result "$WORK/echo.out" 'ops\/s'); insert=$(result "$WORK/insert.out" 'tx\/s')
    [ -n "$get" ] && [ -n "$create" ] && [ -n "$echo_" ] && [ -n "$insert" ] || die "a run printed no result"
    printf 'clients=%s seconds=%s %s\n' "$CLIENTS" "$SECONDS_" "$(cat "$WORK/probe.out")"
    printf 'keyfed_get_ops/s=%s echo_ops/s=%s keyfed_create_ops/s=%s raw_insert_tx/s=%s\n' "$get" "$echo_" "$create" "$insert"
    log "load average: $(uptime | sed 's/.*load average: //')"
    python3 -c "import sys; g,e,c,i=map(float,sys.argv[1:]); f=lambda a,b: '%.3f' % (a/b) if b > 0 else 'inf'; print('get_fraction=' + f(g,e)); print('create_fraction=' + f(c,i))" \
      "$get" "$echo_" "$create" "$insert"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 2 ;;
esac
