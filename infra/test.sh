#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints the totals as one line:
# "N passed, N failed, N skipped". Exits non-zero when anything failed or did not build.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
results="$repo/TestResults"
rm -rf "$results"

dotnet build Streams.sln --configuration Release --verbosity quiet -nologo || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

# Test projects run one after another: several at once on 2 cores make the embedded
# brokers' timing-sensitive group rebalances slow enough to flake.
dotnet test Streams.sln --configuration Release --no-build --nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

# Sum the TRX counters of every test project; dotnet's own summary is per project.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    # xunit's skipped tests appear as NotExecuted results but not in the counters.
    root = ET.parse(path).getroot()
    s += max(int(c.get("notExecuted", 0)), len(root.findall(".//t:UnitTestResult[@outcome='NotExecuted']", ns)))
print(p, f, s)
PY
)
# The names of failed tests, printed again just above the totals: CI keeps only the end of
# the output, and a failure that scrolled away with the test log is one no reader can act on.
failures=$(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for r in ET.parse(path).getroot().iter("{%s}UnitTestResult" % ns["t"]):
        if r.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
            message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            first = (message.text or "").strip().splitlines()[:3] if message is not None else []
            print(f"FAILED {r.get('testName')} ({r.get('duration')})")
            for line in first:
                print(f"    {line[:300]}")
PY
)
# The dashboard's unit tests (vitest) and its end-to-end tests in headless Chromium against a
# running `streams up` with the simulator (tests/browser/run.sh, about 3 minutes).
(cd pipelines/Api/dashboard && npx vitest run --reporter=json --outputFile="$results/vitest.json" >/dev/null 2>&1)
read -r vp vf < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["numPassedTests"], d["numFailedTests"])' "$results/vitest.json" 2>/dev/null || echo "0 1")
echo "dashboard unit tests: $vp passed, $vf failed"
browser=$(bash tests/browser/run.sh | tee "$results/browser.log" | grep -E '^browser: [0-9]+ passed, [0-9]+ failed' | tail -1)
read -r bp bf < <(echo "${browser:-browser: 0 passed, 1 failed}" | sed -E 's/browser: ([0-9]+) passed, ([0-9]+) failed/\1 \2/')
echo "${browser:-browser: no summary (see $results/browser.log)}"
# Every harness under tests/bench/ in its smoke mode (tiny sizes, about 3 minutes in all): a
# harness that no longer builds or runs fails here rather than when someone next wants its figures.
BENCH_SMOKE_LOGS="$results/bench" bash tests/bench/smoke.sh >"$results/bench-smoke.log" 2>&1
smoke=$(grep -E '^bench smoke: [0-9]+ passed, [0-9]+ failed' "$results/bench-smoke.log" | tail -1)
read -r sp sf < <(echo "${smoke:-bench smoke: 0 passed, 1 failed}" | sed -E 's/bench smoke: ([0-9]+) passed, ([0-9]+) failed/\1 \2/')
echo "${smoke:-bench smoke: no summary (see $results/bench-smoke.log)}"
# The failed harnesses with their last lines (smoke.sh indents those), as for failed tests above.
smoke_failures=$(awk '/^bench smoke: .* FAILED/ { shown = 1; print; next } /^    / && shown { print; next } { shown = 0 }' "$results/bench-smoke.log")
[ -n "$smoke_failures" ] && failures="${failures:+$failures
}$smoke_failures"
passed=$((passed + vp + bp + sp))
failed=$((failed + vf + bf + sf))

[ -n "$failures" ] && echo "$failures"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "${failed}" -ne 0 ] || [ "${passed}" -eq 0 ]; then
  exit 1
fi
