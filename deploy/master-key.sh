#!/usr/bin/env bash
# Master-key rotation on a running server, through its admin API (the admin client certificate
# of $KEYFED_HOME/pki, or KEYFED_ADMIN_CERT/KEYFED_ADMIN_KEY).
#
#   deploy/master-key.sh status  [--home DIR] [--url https://host:8443]
#   deploy/master-key.sh rotate  [--home DIR] [--url ...]   new current key, then re-seal every object
#                                                          (waits and prints progress until done)
#   deploy/master-key.sh rewrap  [--home DIR] [--url ...]   resume an interrupted re-sealing
#   deploy/master-key.sh retire ID [--home DIR] [--url ...] remove a previous key no object uses
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

cmd="${1:-}"; [ $# -gt 0 ] && shift
ID=""
if [ "$cmd" = retire ]; then ID="${1:-}"; [ -n "$ID" ] || die "retire needs a key id"; shift; fi
HOME_DIR="${KEYFED_HOME:-$HOME/.keyfed}"
URL="https://localhost:${KEYFED_HTTPS_PORT:-8443}"
while [ $# -gt 0 ]; do
  case "$1" in
    --home) HOME_DIR="$2"; shift 2 ;;
    --url) URL="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
CERT="${KEYFED_ADMIN_CERT:-$HOME_DIR/pki/client.pem}"
KEY="${KEYFED_ADMIN_KEY:-$HOME_DIR/pki/client-key.pem}"
CA="${KEYFED_CA:-$HOME_DIR/pki/ca.pem}"
api() { curl -sS --fail-with-body --cacert "$CA" --cert "$CERT" --key "$KEY" "$@"; }

wait_done() {
  while true; do
    s="$(api "$URL/api/master-key")"
    echo "$s"
    case "$s" in *'"rewrapRunning":false'*) break ;; esac
    sleep 2
  done
  case "$s" in *'"lastError"'*) die "re-sealing stopped with an error; run: $0 rewrap" ;; esac
}

case "$cmd" in
  status) api "$URL/api/master-key"; echo ;;
  rotate) api -X POST "$URL/api/master-key/rotate"; echo; wait_done ;;
  rewrap) api -X POST "$URL/api/master-key/rewrap"; echo; wait_done ;;
  retire) api -X DELETE "$URL/api/master-key/$ID"; echo ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
