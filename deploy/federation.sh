#!/usr/bin/env bash
# A three-server federation on this machine, for demos and the end-to-end tests (DESIGN.md §4):
# central, store-17 and site-b, on free ports, with one federation CA and the rules of use cases
# 1, 1b and 2:
#   central -> store-17   object group "store-17", DOWNWARD, plain, read-only with a lease
#   central -> site-b     object group "site-b",   DOWNWARD, wrapped under site-b's transport key
#   site-b  -> central    everything site-b masters, UPWARD
#
#   deploy/federation.sh up [DIR]     start (or restart) the three servers; returns when all answer
#   deploy/federation.sh down [DIR]   stop them (their data stays in DIR)
#
# DIR defaults to ~/.keyfed-federation. `up` writes DIR/federation.json: for each server its name,
# KMIP port, admin URL, and the PEM paths of a client certificate, key and CA it trusts.
# Environment: FEDERATION_LEASE_SECONDS (default 600), FEDERATION_USAGE_ALLOCATION (default none),
# FEDERATION_DB_URL_PREFIX (a database per server: its KEYFED_DB_URL is the prefix followed by the
# server's name with _ for -, e.g. jdbc:postgresql://127.0.0.1:5432/fed_ gives fed_store_17; the
# databases must exist), and any KEYFED_* setting, passed to all three servers.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

cmd="${1:-}"; DIR="${2:-$HOME/.keyfed-federation}"
SERVERS=(central store-17 site-b)
mkdir -p "$DIR"; DIR="$(cd "$DIR" && pwd)"

stop_all() {
  for s in "${SERVERS[@]}"; do
    pidf="$DIR/$s.pid"
    if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
      kill "$(cat "$pidf")"
      for _ in $(seq 1 120); do kill -0 "$(cat "$pidf")" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$(cat "$pidf")" 2>/dev/null && kill -9 "$(cat "$pidf")"
    fi
    rm -f "$pidf"
  done
}

case "$cmd" in
  down) stop_all; log "federation in $DIR stopped"; exit 0 ;;
  up) ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac

stop_all
ensure_built
CP="$(tool_classpath)"

# ---- one federation CA; each server gets a certificate named after it ------------------------
if [ ! -f "$DIR/ca/ca-key.pem" ]; then
  java -cp "$CP" io.keyfed.infrastructure.pki.PkiTool init "$DIR/ca" --client admin >/dev/null
fi
for s in "${SERVERS[@]}"; do
  pki="$DIR/$s/pki"
  mkdir -p "$pki"
  if [ ! -f "$pki/server.pem" ]; then
    cp "$DIR/ca/ca.pem" "$pki/ca.pem"
    java -cp "$CP" io.keyfed.infrastructure.pki.PkiTool issue-server "$DIR/ca" "$s" "$pki/server.pem" "$pki/server-key.pem" \
      --san localhost --san 127.0.0.1 >/dev/null
    java -cp "$CP" io.keyfed.infrastructure.pki.PkiTool issue-client "$DIR/ca" admin "$pki/client.pem" "$pki/client-key.pem" >/dev/null
  fi
done

# ---- start the three servers -------------------------------------------------------------------
declare -A KMIP HTTPS HTTP
for s in "${SERVERS[@]}"; do
  KMIP[$s]=$(free_port); HTTPS[$s]=$(free_port); HTTP[$s]=$(free_port)
  case "$s" in central) roles=CENTRAL ;; store-17) roles=EDGE ;; *) roles=SITE ;; esac
  db=()
  [ -z "${FEDERATION_DB_URL_PREFIX:-}" ] || db=(KEYFED_DB_URL="$FEDERATION_DB_URL_PREFIX${s//-/_}")
  env "${db[@]}" KEYFED_SERVER_NAME="$s" KEYFED_FEDERATION_ROLES="$roles" "$ROOT/deploy/run.sh" --home "$DIR/$s" --name "$s" \
    --kmip-port "${KMIP[$s]}" --https-port "${HTTPS[$s]}" --http-port "${HTTP[$s]}" >> "$DIR/$s.log" 2>&1 &
  echo $! > "$DIR/$s.pid"
done
for s in "${SERVERS[@]}"; do
  for i in $(seq 1 600); do
    curl -sf "http://127.0.0.1:${HTTP[$s]}/health/ready" 2>/dev/null | grep -q '"kmip-tls"' && break
    kill -0 "$(cat "$DIR/$s.pid")" 2>/dev/null || die "$s did not start; see $DIR/$s.log"
    [ "$i" -eq 600 ] && die "$s not ready after 300 s; see $DIR/$s.log"
    sleep 0.5
  done
done

# ---- server entities and rules, through each server's admin API --------------------------------
api() {  # api SERVER METHOD PATH [JSON]
  local s="$1" m="$2" p="$3" body="${4:-}"
  curl -sS --cacert "$DIR/$s/pki/ca.pem" --cert "$DIR/$s/pki/client.pem" --key "$DIR/$s/pki/client-key.pem" \
    -X "$m" -H 'Content-Type: application/json' ${body:+--data "$body"} -o /dev/null -w '%{http_code}' \
    "https://localhost:${HTTPS[$s]}/api/federation/$p"
}
json_pem() { python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$1"; }
register() {  # register AT PEER ROLE
  local at="$1" peer="$2" role="$3" body code
  body="{\"name\":\"$peer\",\"roles\":[\"$role\"],\"host\":\"localhost\",\"kmipPort\":${KMIP[$peer]},\"certificate\":$(json_pem "$DIR/$peer/pki/server.pem")}"
  code=$(api "$at" POST servers "$body")
  [ "$code" = 409 ] && code=$(api "$at" PUT "servers/$peer" "$body")
  case "$code" in 200|201) ;; *) die "registering $peer at $at: HTTP $code" ;; esac
}
rule() {  # rule AT JSON
  local code
  code=$(api "$1" POST rules "$2")
  case "$code" in 201|409) ;; *) die "rule at $1: HTTP $code ($2)" ;; esac
}
register central store-17 EDGE
register central site-b SITE
register store-17 central CENTRAL
register site-b central CENTRAL
LEASE="${FEDERATION_LEASE_SECONDS:-600}"
ALLOC="${FEDERATION_USAGE_ALLOCATION:-}"
rule central "{\"name\":\"store-17\",\"target\":\"store-17\",\"selector\":{\"objectGroup\":\"store-17\"},\"direction\":\"DOWNWARD\",\"form\":\"PLAIN\",\"leaseSeconds\":$LEASE${ALLOC:+,\"usageAllocation\":$ALLOC}}"
rule central '{"name":"site-b","target":"site-b","selector":{"objectGroup":"site-b"},"direction":"DOWNWARD","form":"WRAPPED"}'
rule site-b '{"name":"upward","target":"central","selector":{"namePattern":"*"},"direction":"UPWARD","form":"PLAIN"}'

# ---- federation.json ---------------------------------------------------------------------------
{
  echo '{"servers": ['
  first=1
  for s in "${SERVERS[@]}"; do
    [ $first -eq 1 ] || echo ','
    first=0
    printf '  {"name": "%s", "kmipPort": %s, "httpsPort": %s, "httpPort": %s, "adminUrl": "https://localhost:%s/api", "home": "%s", "pid": %s, "clientCert": "%s", "clientKey": "%s", "ca": "%s", "log": "%s"}' \
      "$s" "${KMIP[$s]}" "${HTTPS[$s]}" "${HTTP[$s]}" "${HTTPS[$s]}" "$DIR/$s" "$(cat "$DIR/$s.pid")" \
      "$DIR/$s/pki/client.pem" "$DIR/$s/pki/client-key.pem" "$DIR/$s/pki/ca.pem" "$DIR/$s.log"
  done
  echo; echo ']}'
} > "$DIR/federation.json"
log "federation up: $DIR/federation.json"
for s in "${SERVERS[@]}"; do log "  $s: KMIP ${KMIP[$s]}, admin https://localhost:${HTTPS[$s]}/api"; done
