#!/usr/bin/env bash
# Runs every test of Orleans.LiveSim on a fresh machine, doing its own set-up:
#   - the .NET SDK must be on PATH (it is on these machines); NuGet packages restore by name;
#   - npm packages for the Socket.IO replay server (test/socketio-server) and the browser tests (test/web);
#   - Debian's Chromium for the browser tests (apt-get install chromium when missing);
#   - a throwaway PostgreSQL 15 on loopback (.ci/pg.sh) and a throwaway NATS server with JetStream (.ci/nats.sh,
#     Debian's nats-server), both stopped again at the end. Ports: PGPORT (default 55432), NATSPORT (default PGPORT - 1000).
# Ends with one line "N passed, N failed, N skipped" and exits non-zero when anything failed.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Engine); the browser tests then
# do not run.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

step() { echo "==> $*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK (dotnet) is not on PATH" >&2
  exit 2
fi

step "npm packages for the Socket.IO replay server"
if ! command -v node >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null && apt-get install -y -qq nodejs npm </dev/null >/dev/null
fi
for dir in test/socketio-server test/web; do
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error </dev/null) || { echo "test.sh: npm ci failed in $dir" >&2; exit 2; }
done

step "Chromium for the browser tests"
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq chromium; } </dev/null >/dev/null || { echo "test.sh: could not install chromium" >&2; exit 2; }
fi

step "throwaway PostgreSQL"
export PGPORT="${PGPORT:-55432}"
if ! pg_out=$(bash .ci/pg.sh start </dev/null); then
  echo "test.sh: could not start PostgreSQL" >&2
  exit 2
fi
trap 'bash .ci/pg.sh stop >/dev/null 2>&1 || true' EXIT
eval "$(echo "$pg_out" | grep '^export LIVESIM_TEST_PG=')"
export LIVESIM_TEST_PG

step "throwaway NATS server (JetStream)"
# Derived from PGPORT so that several checkouts running test.sh side by side do not share a server.
export NATSPORT="${NATSPORT:-$((PGPORT - 1000))}"
if ! nats_out=$(bash .ci/nats.sh start </dev/null); then
  echo "test.sh: could not start nats-server" >&2
  exit 2
fi
trap 'bash .ci/nats.sh stop >/dev/null 2>&1 || true; bash .ci/pg.sh stop >/dev/null 2>&1 || true' EXIT
eval "$(echo "$nats_out" | grep '^export LIVESIM_TEST_NATS=')"
export LIVESIM_TEST_NATS

step "build"
dotnet build Orleans.LiveSim.sln -nologo -v q -clp:ErrorsOnly </dev/null || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

step "test"
dotnet test Orleans.LiveSim.sln --no-build -nologo --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" </dev/null
status=$?

web_passed=0; web_failed=0; web_skipped=0
if [ "$#" -eq 0 ]; then
  step "browser tests (test/web)"
  (cd test/web && node --test --test-reporter=tap </dev/null) | tee "$results/web.tap"
  web_status=${PIPESTATUS[0]}
  web_passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$results/web.tap")
  web_failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$results/web.tap")
  web_skipped=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$results/web.tap")
  web_passed=${web_passed:-0}; web_failed=${web_failed:-0}; web_skipped=${web_skipped:-0}
  if [ "$web_status" -ne 0 ] && [ "$web_failed" -eq 0 ]; then
    web_failed=1
  fi
fi

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

projects=$(ls -d test/*.Tests | wc -l)
if [ "$files" -lt "$projects" ]; then
  echo "test.sh: only $files of $projects test projects reported results" >&2
  failed=$((failed + projects - files))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

passed=$((passed + web_passed)); failed=$((failed + web_failed)); skipped=$((skipped + web_skipped))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
