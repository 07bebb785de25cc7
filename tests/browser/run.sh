#!/usr/bin/env bash
# Browser end-to-end tests of the dashboard: starts `streams up` on a temporary data directory,
# waits for /readyz, starts `streams simulate` (a small fleet where every server has an incident),
# runs e2e.test.mjs in headless Debian Chromium, stops everything, and prints one line:
#   browser: N passed, N failed
# Exits non-zero when a test failed or the platform did not start.
# Needs: the host built in Release (dotnet build pipelines/Host/Streams.Host -c Release), Node 20+,
# Debian's chromium (/usr/bin/chromium). Screenshots, logs and timings land in tests/browser/artifacts/.
# Settings (environment): STREAMS_DLL, STREAMS_URL (default http://127.0.0.1:8080), CHROMIUM,
# E2E_SERVERS (40), E2E_SIM_DURATION (00:10:00), STREAMS_E2E_ALERT_TIMEOUT (300 s), E2E_READY_TIMEOUT (180 s).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dll="${STREAMS_DLL:-$repo/pipelines/Host/Streams.Host/bin/Release/net10.0/streams.dll}"
url="${STREAMS_URL:-http://127.0.0.1:8080}"
artifacts="$here/artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"

fail() { echo "browser: $*" >&2; echo "browser: 0 passed, 1 failed"; exit 1; }

[ -f "$dll" ] || fail "$dll is missing: build the host first (dotnet build pipelines/Host/Streams.Host -c Release)"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || fail "$CHROMIUM is missing: apt-get install -y --no-install-recommends chromium"
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in tests/browser failed"
fi
if curl -fsS -o /dev/null --max-time 2 "$url/healthz" 2>/dev/null; then
  fail "something already answers on $url: stop it (another streams up?) before the browser tests"
fi

data="$(mktemp -d /tmp/streams-browser.XXXXXX)"
streams_pid=""
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then kill -TERM "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
  if [ -n "$streams_pid" ] && kill -0 "$streams_pid" 2>/dev/null; then
    kill -TERM "$streams_pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$streams_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$streams_pid" 2>/dev/null
    wait "$streams_pid" 2>/dev/null
  fi
  rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "browser: starting streams up (data in $data)"
started=$(date +%s%N)
dotnet "$dll" up --data-dir "$data" >"$artifacts/streams-up.log" 2>&1 &
streams_pid=$!

ready=""
for _ in $(seq 1 "${E2E_READY_TIMEOUT:-180}"); do
  kill -0 "$streams_pid" 2>/dev/null || { tail -20 "$artifacts/streams-up.log" >&2; fail "streams up exited early (log: $artifacts/streams-up.log)"; }
  if curl -fsS -o /dev/null --max-time 2 "$url/readyz" 2>/dev/null; then ready=1; break; fi
  sleep 1
done
[ -n "$ready" ] || { tail -20 "$artifacts/streams-up.log" >&2; fail "$url/readyz did not answer 200 in time"; }
echo "browser: ready in $(( ($(date +%s%N) - started) / 1000000 )) ms"

keyfile="$data/api/admin.key"
for _ in $(seq 1 30); do [ -s "$keyfile" ] && break; sleep 1; done
[ -s "$keyfile" ] || fail "no admin key at $keyfile: is the api role part of streams up yet?"
export STREAMS_API_KEY_FILE="$keyfile"
# streams simulate creates the labels topic through the platform's admin-only topic route.
export STREAMS_Kafka__PlatformApiKeyFile="$keyfile"
# The sink applies the ClickHouse migrations after start-up: the API answers 502 until the tables exist.
for _ in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$keyfile")" "$url/api/hosts?pageSize=1")
  [ "$code" = "200" ] && break
  sleep 1
done
[ "$code" = "200" ] || fail "GET /api/hosts answered $code: the API role is not serving yet"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/")
[ "$code" = "200" ] || fail "GET / answered $code: the dashboard is not in the host's wwwroot (build pipelines/Api/dashboard)"

echo "browser: starting streams simulate (${E2E_SERVERS:-40} servers, every one with an incident)"
export STREAMS_E2E_LABELS="$data/labels.jsonl"
dotnet "$dll" simulate --servers "${E2E_SERVERS:-40}" --incidents 1 --seed 7 \
  --duration "${E2E_SIM_DURATION:-00:10:00}" --labels-file "$STREAMS_E2E_LABELS" \
  >"$artifacts/simulate.log" 2>&1 </dev/null &
sim_pid=$!
export STREAMS_URL="$url"
export STREAMS_E2E_MIN_HOSTS="${STREAMS_E2E_MIN_HOSTS:-10}"

# The first page load is measured on a fleet that has data: the simulator's first windows
# reach ClickHouse some 20 s after it starts, and a page opened before that waits for them.
for _ in $(seq 1 120); do
  total=$(curl -s -H "Authorization: Bearer $(cat "$keyfile")" "$url/api/hosts?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total", 0))' 2>/dev/null || echo 0)
  [ "${total:-0}" -ge "$STREAMS_E2E_MIN_HOSTS" ] && break
  sleep 1
done
echo "browser: $total hosts in the API before the tests"

cd "$here"
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$artifacts/results.tap" \
  e2e.test.mjs
status=$?

passed=$(grep -E '^# pass [0-9]+' "$artifacts/results.tap" | awk '{print $3}')
failed=$(grep -E '^# fail [0-9]+' "$artifacts/results.tap" | awk '{print $3}')
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
[ -f "$artifacts/timings.json" ] && echo "browser: timings $(tr -d ' \n' < "$artifacts/timings.json")"
echo "browser: screenshots and logs in $artifacts"
echo "browser: ${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
