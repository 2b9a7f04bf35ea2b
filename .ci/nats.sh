#!/usr/bin/env bash
# Throwaway NATS server with JetStream for tests and local runs.
#   .ci/nats.sh start   start (or reuse) nats-server -js on 127.0.0.1:$NATSPORT (default 54222), print the URL
#   .ci/nats.sh stop    stop it and remove its folder
#   .ci/nats.sh status  print the URL if running, exit 1 otherwise
# Installs Debian's nats-server package when it is missing. Monitoring listens on 127.0.0.1:$NATSMONPORT
# (default NATSPORT + 4000). State lives in $NATSTMP (default /tmp/livesim-nats-$NATSPORT): jetstream/, server.log, pid.
set -euo pipefail

NATSPORT="${NATSPORT:-54222}"
NATSMONPORT="${NATSMONPORT:-$((NATSPORT + 4000))}"
NATSTMP="${NATSTMP:-/tmp/livesim-nats-$NATSPORT}"
NATSBIN="${NATSBIN:-$(command -v nats-server || echo /usr/sbin/nats-server)}"
PID_FILE="$NATSTMP/pid"
URL="nats://127.0.0.1:$NATSPORT"

log() { echo "nats.sh: $*" >&2; }

ensure_binary() {
  if [ ! -x "$NATSBIN" ]; then
    log "nats-server missing; installing Debian's nats-server package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null
    apt-get install -y -qq nats-server </dev/null >/dev/null
    NATSBIN=$(command -v nats-server || echo /usr/sbin/nats-server)
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

is_running() {
  [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

print_url() {
  echo "export LIVESIM_TEST_NATS=$URL"
}

cmd_start() {
  ensure_binary
  if is_running; then
    print_url
    return 0
  fi
  for port in "$NATSPORT" "$NATSMONPORT"; do
    if port_in_use "$port"; then
      log "port $port on 127.0.0.1 is taken by another process; set NATSPORT (and NATSMONPORT) to free ports"
      exit 1
    fi
  done
  rm -rf "$NATSTMP"
  mkdir -p "$NATSTMP/jetstream"
  # setsid: the server outlives this script but not a kill of its own process group.
  setsid "$NATSBIN" -js -a 127.0.0.1 -p "$NATSPORT" -m "$NATSMONPORT" -sd "$NATSTMP/jetstream" \
    -n "livesim-test-$NATSPORT" -l "$NATSTMP/server.log" </dev/null >/dev/null 2>&1 &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 100); do
    if port_in_use "$NATSPORT" && port_in_use "$NATSMONPORT"; then
      print_url
      log "nats-server -js running on 127.0.0.1:$NATSPORT (monitoring :$NATSMONPORT, store $NATSTMP/jetstream, log $NATSTMP/server.log)"
      return 0
    fi
    if ! is_running; then
      break
    fi
    sleep 0.1
  done
  log "nats-server did not start:"
  cat "$NATSTMP/server.log" >&2 2>/dev/null || true
  exit 1
}

cmd_stop() {
  if is_running; then
    pid=$(cat "$PID_FILE")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$NATSTMP"
  log "stopped and removed $NATSTMP"
}

cmd_status() {
  if is_running; then
    print_url
  else
    log "not running on port $NATSPORT"
    exit 1
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status   (env: NATSPORT=$NATSPORT NATSMONPORT=$NATSMONPORT NATSTMP=$NATSTMP)" >&2; exit 2 ;;
esac
