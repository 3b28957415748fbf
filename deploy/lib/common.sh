# Shared by deploy/*.sh. Source it; it sets ROOT and defines helpers.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MVN=(mvn -B -q)

log() { printf '[keyfed] %s\n' "$*" >&2; }
die() { printf '[keyfed] error: %s\n' "$*" >&2; exit 1; }

# Builds the ejb and web modules when the WAR is missing or older than a source file.
ensure_built() {
  local war="$ROOT/web/target/keyfed.war"
  if [ -f "$war" ] && [ -z "$(find "$ROOT/pom.xml" "$ROOT/ejb" "$ROOT/web" -newer "$war" -type f -not -path '*/target/*' -print -quit)" ]; then
    return 0
  fi
  log "building (mvn package -pl web -am) ..."
  (cd "$ROOT" && "${MVN[@]}" -DskipTests -pl web -am package) || die "build failed"
}

# Builds the ejb module (its jar and target/lib) when the jar is missing or older than a source
# file. The build's output goes to standard error: the tools write their results on standard output.
ensure_ejb_built() {
  local jar
  # "|| true": no jar yet is the normal case on a fresh clone (set -e and pipefail in the callers).
  jar=$(ls "$ROOT"/ejb/target/keyfed-ejb-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1) || true
  if [ -n "$jar" ] && [ -d "$ROOT/ejb/target/lib" ] \
      && [ -z "$(find "$ROOT/pom.xml" "$ROOT/ejb/pom.xml" "$ROOT/ejb/src/main" "$ROOT/ejb/src/build" -newer "$jar" -type f -print -quit)" ]; then
    return 0
  fi
  log "building the ejb module (mvn package -pl ejb -am) ..."
  # </dev/null: the build (exec-maven-plugin) would otherwise swallow the input meant for the tool.
  (cd "$ROOT" && "${MVN[@]}" -DskipTests -pl ejb -am package) </dev/null >&2 || die "build failed"
}

# Classpath of the command-line tools in the ejb jar (codec converter, PKI).
tool_classpath() {
  local jar
  jar=$(ls "$ROOT"/ejb/target/keyfed-ejb-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1)
  [ -n "$jar" ] || die "ejb jar missing; build first"
  printf '%s:%s/ejb/target/lib/*' "$jar" "$ROOT"
}

# A TCP port nobody listens on now (the kernel's choice).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Installs Debian packages when missing (as root or through sudo).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${missing[*]} ..."
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; } \
    || die "could not install ${missing[*]}"
}

# A private PostgreSQL cluster (installed through apt when missing) on a free port, trust
# authentication, in DIR: pg_start DIR sets PG_BIN, PG_DIR, PG_PORT, PG_PID (the postmaster's) and
# PG_URL_BASE (jdbc:postgresql://127.0.0.1:PORT/, a database name to append); pg_stop stops that
# postmaster (by its data directory, which names its pid) and removes DIR. Databases: pg_psql -c ...
pg_start() {
  apt_install postgresql
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  PG_DIR="$1"; mkdir -p "$PG_DIR"
  PG_PORT="$(free_port)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
  PG_PID="$(head -n 1 "$PG_DIR/data/postmaster.pid")"
  PG_URL_BASE="jdbc:postgresql://127.0.0.1:$PG_PORT/"
}
pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
pg_psql() { as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q "$@"; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
