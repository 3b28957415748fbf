#!/usr/bin/env bash
# Starts one Keyfed server in the foreground on Payara Micro: KMIP over TLS on 5696, the admin
# API and KMIP over HTTPS on 8443, embedded H2 and embedded JMS broker, all data under
# $KEYFED_HOME (default ~/.keyfed). Ctrl-C stops it cleanly.
#
# Usage: deploy/run.sh [--kmip-port N] [--https-port N] [--http-port N] [--home DIR] [--name NAME]
# Environment: KEYFED_HOME, KEYFED_KMIP_PORT, KEYFED_HTTPS_PORT, KEYFED_HTTP_PORT,
#   KEYFED_SERVER_NAME, and every keyfed.* setting as KEYFED_* (see src/site/markdown/configuration.md),
#   e.g. KEYFED_DB_CLASS/KEYFED_DB_URL/KEYFED_DB_USER/KEYFED_DB_PASSWORD for PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

export KEYFED_HOME="${KEYFED_HOME:-$HOME/.keyfed}"
KMIP_PORT="${KEYFED_KMIP_PORT:-5696}"
HTTPS_PORT="${KEYFED_HTTPS_PORT:-8443}"
HTTP_PORT="${KEYFED_HTTP_PORT:-8080}"
while [ $# -gt 0 ]; do
  case "$1" in
    --kmip-port) KMIP_PORT="$2"; shift 2 ;;
    --https-port) HTTPS_PORT="$2"; shift 2 ;;
    --http-port) HTTP_PORT="$2"; shift 2 ;;
    --home) export KEYFED_HOME="$2"; shift 2 ;;
    --name) export KEYFED_SERVER_NAME="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
export KEYFED_KMIP_PORT="$KMIP_PORT"

ensure_built
RUNTIME="$ROOT/web/target/runtime"
[ -f "$RUNTIME/payara-micro.jar" ] || die "Payara Micro missing in $RUNTIME; rebuild with: mvn -pl web -am package"

mkdir -p "$KEYFED_HOME"
chmod 700 "$KEYFED_HOME"
KEYFED_HOME="$(cd "$KEYFED_HOME" && pwd)"   # H2 refuses relative paths
export KEYFED_HOME
CP="$(tool_classpath)"
# The PKI is created before the app server starts: its HTTPS listener needs the keystore.
java -cp "$CP" io.keyfed.infrastructure.pki.PkiTool init "$KEYFED_HOME/pki" >&2
TLS="$KEYFED_HOME/tls"
mkdir -p "$TLS"; chmod 700 "$TLS"
[ -s "$TLS/store.pass" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$TLS/store.pass")
PASS="$(cat "$TLS/store.pass")"
java -cp "$CP" io.keyfed.infrastructure.pki.PkiTool keystore "$KEYFED_HOME/pki" "$TLS/https-keystore.p12" "$PASS" --alias keyfed >/dev/null
java -cp "$CP" io.keyfed.infrastructure.pki.PkiTool truststore "$KEYFED_HOME/pki" "$TLS/https-truststore.p12" "$PASS" >/dev/null

# The JMS resource adapter's broker: embedded unless KEYFED_JMS_URL names a corporate one.
POSTBOOT="$TLS/post-boot.asadmin"
if [ -n "${KEYFED_JMS_URL:-}" ]; then
  printf 'create-resource-adapter-config --property ServerUrl=%s activemq-rar\n' "$KEYFED_JMS_URL" > "$POSTBOOT"
else
  cp "$ROOT/deploy/payara/post-boot.asadmin" "$POSTBOOT"
fi

log "KMIP over TLS on port $KMIP_PORT, HTTPS (admin API, /kmip, /health) on $HTTPS_PORT, data in $KEYFED_HOME"
exec java ${KEYFED_JAVA_OPTS:-} \
  -Djavax.net.ssl.keyStore="$TLS/https-keystore.p12" -Djavax.net.ssl.keyStorePassword="$PASS" -Djavax.net.ssl.keyStoreType=PKCS12 \
  -Djavax.net.ssl.trustStore="$TLS/https-truststore.p12" -Djavax.net.ssl.trustStorePassword="$PASS" -Djavax.net.ssl.trustStoreType=PKCS12 \
  -jar "$RUNTIME/payara-micro.jar" \
  --deploy "$RUNTIME/activemq-rar.rar" \
  --deploy "$ROOT/web/target/keyfed.war" --contextroot / \
  --port "$HTTP_PORT" --sslport "$HTTPS_PORT" --sslcert keyfed \
  --nocluster --disablephonehome \
  --prebootcommandfile "$ROOT/deploy/payara/pre-boot.asadmin" \
  --postbootcommandfile "$POSTBOOT"
