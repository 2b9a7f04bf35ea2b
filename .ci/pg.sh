#!/usr/bin/env bash
# Throwaway PostgreSQL 15 for tests and local runs.
#   .ci/pg.sh start   start (or reuse) a server on 127.0.0.1:$PGPORT (default 55432), print the connection string
#   .ci/pg.sh stop    stop it and remove its folder
#   .ci/pg.sh status  print the connection string if running, exit 1 otherwise
# PGMAXCONN sets max_connections (default 200; PostgreSQL's own default is 100, e.g. for the recovery benchmark).
# initdb and postgres refuse to run as root, so the server runs as the 'postgres' user.
# State lives in $PGTMP (default /tmp/livesim-pg-$PGPORT): data/, server.log, the socket, connection-string.
set -euo pipefail

PGPORT="${PGPORT:-55432}"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
PGTMP="${PGTMP:-/tmp/livesim-pg-$PGPORT}"
PGDB="${PGDB:-livesim}"
PGMAXCONN="${PGMAXCONN:-200}"
CS_FILE="$PGTMP/connection-string"
CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=$PGDB"

log() { echo "pg.sh: $*" >&2; }

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    sudo -n -u postgres -- "$@"
  fi
}

ensure_binaries() {
  if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
    log "PostgreSQL 15 binaries missing in $PGBIN; installing postgresql-15"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null
    apt-get install -y -qq postgresql-15 </dev/null >/dev/null
  fi
}

ensure_user() {
  if ! id postgres >/dev/null 2>&1; then
    log "creating system user postgres"
    useradd -r -m postgres
  fi
}

is_running() {
  [ -d "$PGTMP/data" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGTMP/data" status >/dev/null 2>&1
}

print_connection() {
  echo "$CONN" >"$CS_FILE"
  echo "export LIVESIM_TEST_PG='$CONN'"
}

psql_tcp() {
  "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres "$@" </dev/null
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cmd_start() {
  ensure_binaries
  ensure_user
  if is_running; then
    print_connection
    return 0
  fi
  if port_in_use "$PGPORT"; then
    log "port $PGPORT on 127.0.0.1 is taken by another process; set PGPORT to a free port"
    exit 1
  fi
  rm -rf "$PGTMP"
  mkdir -p "$PGTMP"
  chown postgres: "$PGTMP" 2>/dev/null || true
  chmod 700 "$PGTMP"
  as_postgres "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 </dev/null \
    || { cat "$PGTMP/initdb.log" >&2; exit 1; }
  as_postgres "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 30 \
    -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=$PGMAXCONN" \
    start >/dev/null </dev/null \
    || { cat "$PGTMP/server.log" >&2; exit 1; }
  if [ "$(psql_tcp -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDB'")" != "1" ]; then
    psql_tcp -d postgres -c "CREATE DATABASE $PGDB"
  fi
  # World-readable so a non-root test run can read the connection string.
  chmod 755 "$PGTMP"
  print_connection
  chmod 644 "$CS_FILE"
  log "PostgreSQL 15 running on 127.0.0.1:$PGPORT (data $PGTMP/data, log $PGTMP/server.log)"
}

cmd_stop() {
  if is_running; then
    as_postgres "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null </dev/null || true
  fi
  rm -rf "$PGTMP"
  log "stopped and removed $PGTMP"
}

cmd_status() {
  if is_running; then
    print_connection
  else
    log "not running on port $PGPORT"
    exit 1
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status   (env: PGPORT=$PGPORT PGTMP=$PGTMP)" >&2; exit 2 ;;
esac
