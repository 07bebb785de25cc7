#!/usr/bin/env bash
# Runs every harness under tests/bench/ in its smoke mode (`--smoke`: tiny sizes, a few seconds,
# the real path, a non-zero exit on error), one after another, and prints one line:
#   bench smoke: N passed, N failed
# A harness that did not build (no dll), exits non-zero or outlives BENCH_SMOKE_TIMEOUT (180 s)
# fails. Needs the harnesses built in Release (infra/test.sh builds the solution first).
# Settings (environment): BENCH_SMOKE_LOGS (folder for each harness's output, default a temp dir),
# BENCH_SMOKE_ONLY (a substring of the harness names to run).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
logs="${BENCH_SMOKE_LOGS:-$(mktemp -d /tmp/streams-bench-smoke.XXXXXX)}"
mkdir -p "$logs"
passed=0
failed=0
for project in "$here"/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  [[ "$name" == *"${BENCH_SMOKE_ONLY:-}"* ]] || continue
  dll="$(dirname "$project")/bin/Release/net10.0/$name.dll"
  log="$logs/$name.log"
  started=$(date +%s%N)
  if [ ! -f "$dll" ]; then
    echo "not built: $dll" >"$log"
    status="not built"
  else
    # Run from the harness's folder: some find their resources beside the project.
    (cd "$(dirname "$project")" && timeout --kill-after=10 "${BENCH_SMOKE_TIMEOUT:-180}" dotnet "$dll" --smoke) >"$log" 2>&1
    code=$?
    case $code in
      0) status="ok" ;;
      124|137) status="timed out" ;;
      *) status="exit $code" ;;
    esac
  fi
  seconds=$(( ($(date +%s%N) - started) / 1000000000 ))
  if [ "$status" = "ok" ]; then
    passed=$((passed + 1))
    echo "bench smoke: $name ok (${seconds} s)"
  else
    failed=$((failed + 1))
    echo "bench smoke: $name FAILED: $status (${seconds} s, log $log); its last lines:"
    grep -v '^%' "$log" | tail -8 | sed 's/^/    /'
  fi
done
echo "bench smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
