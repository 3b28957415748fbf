#!/usr/bin/env bash
# Benchmarks (not tests; nothing here asserts on time).
#
#   deploy/bench.sh load --host H --port P --ca CA --cert CERT --key KEY --clients N --seconds S
#                        [--mix create,get,destroy] [--kmip-version V] [--warmup S]
#       Closed-loop KMIP load over mutual TLS against any KMIP server (Keyfed, PyKMIP, ...).
#       Last line: ops/s=<n> p50_ms=<x> p99_ms=<y> errors=<n>
#
#   deploy/bench.sh compare [--clients N] [--seconds S] [--mix M] [--kmip-version V]
#       Starts a Keyfed server (deploy/run.sh) and Debian's PyKMIP server on free ports, runs
#       the same load against each, one after the other, and prints as its last line
#       ratio=<Keyfed ops/s ÷ PyKMIP ops/s>. Defaults: 4 clients, 20 s, create,get,destroy.
#
#   deploy/bench.sh codec [JMH options]
#       JMH benchmarks of the KMIP codec, one thread: decode and encode (TTLV tree, and through the
#       message model) of a Get response with a 256-bit key, a Locate response with 1,000
#       identifiers and a Create request with 10 attributes; last lines: messages/s and MB/s.
#       A short run: deploy/bench.sh codec -wi 1 -i 3 -w 1s -r 1s -f 1
#
#   deploy/bench.sh propagation [--federation FILE] [--objects N] [--rate R] [--from S] [--to S] [--group G]
#       Propagation latency central -> store-17: N keys (10000) created at R per second (100) in
#       Object Group store-17, each timed until store-17 has it. Without --federation it starts
#       a federation (deploy/federation.sh) in a temporary directory and stops it afterwards.
#       Last line: objects=<n> objects/s=<x> p50_ms=<a> p99_ms=<b> max_ms=<c> missing=<m>
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

cmd="${1:-}"; [ $# -gt 0 ] && shift
case "$cmd" in
  load)
    ensure_bench_built
    exec java -cp "$BENCH_CP" io.keyfed.bench.LoadGenerator "$@"
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
    KF_KMIP=$(free_port); KF_HTTP=$(free_port); KF_HTTPS=$(free_port)
    "$ROOT/deploy/run.sh" --home "$WORK/keyfed" --kmip-port "$KF_KMIP" --https-port "$KF_HTTPS" --http-port "$KF_HTTP" \
      > "$WORK/keyfed.log" 2>&1 &
    KF_PID=$!
    for _ in $(seq 1 300); do
      # Payara answers UP before Keyfed is deployed: wait for Keyfed's own check.
      curl -sf "http://127.0.0.1:$KF_HTTP/health/ready" 2>/dev/null | grep -q '"kmip-tls"' && break
      kill -0 "$KF_PID" 2>/dev/null || die "Keyfed did not start; see $WORK/keyfed.log"
      sleep 1
    done

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
  *)
    sed -n '2,24p' "$0"; exit 2 ;;
esac
