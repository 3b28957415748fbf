#!/usr/bin/env bash
# Converts KMIP messages between TTLV, the KMIP XML encoding and the KMIP JSON encoding, from
# standard input to standard output, e.g. to read captured traffic:
#
#   deploy/kmip-codec.sh --from ttlv|xml|json --to ttlv|xml|json [--hex]
#   deploy/kmip-codec.sh --from ttlv --to xml < message.bin
#
# --hex: TTLV as hex text instead of binary, on input and on output (one line per message; on
# input white space and '|' are ignored). Several messages travel together: TTLV one after the
# other, XML inside <KMIP>, JSON as an array. Malformed input: one line on standard error naming
# the byte offset and the problem, exit status 1; a usage error exits with 2.
# Builds the ejb module first when its jar is missing or stale (src/site/markdown/codec.md).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

case "${1:-}" in
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
ensure_ejb_built
exec java -cp "$(tool_classpath)" io.keyfed.kmip.tools.KmipCodecTool "$@"
