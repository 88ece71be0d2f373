#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs each test project against real engines
# started by the tests themselves, and ends with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh
set -e
ensure_engines
ensure_browser
build_web
build_solution
set +e

results="$PWD/.test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
# The lanes write their detail to files (printed at the end); each project's start and end go to
# the run's own output at once, so a run stopped from outside still shows where it was.
exec 3>&1
# A test host in which nothing starts or ends for this long is stuck (a test, or an engine start
# that never returned): it is stopped with its children and named, and its project runs once more.
# The slowest test takes about a minute; the browser tests' system starts in under four, so the projects
# that start the whole system wait 5 minutes, the others 3.
hang_timeout=${TEST_HANG_TIMEOUT:-3m}
system_hang_timeout=${TEST_SYSTEM_HANG_TIMEOUT:-5m}
run_project() {
  local name attempt code started hang
  name=$(basename "$1" .csproj)
  hang=$hang_timeout
  case $name in Web.Tests|AppHost.Tests) hang=$system_hang_timeout ;; esac
  for attempt in 1 2; do
    echo "==> $name"
    echo "$(date -u +%T) $name: started" >&3
    started=$SECONDS
    timeout -k 30s 15m dotnet test "$1" --no-build -c "${CONFIGURATION:-Debug}" --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --blame-hang-timeout "$hang" --blame-hang-dump-type none \
      --results-directory "$results" 2>&1 | tee "$results/$name.log"
    code=${PIPESTATUS[0]}
    echo "$(date -u +%T) $name: ended with $code after $((SECONDS - started)) s" >&3
    if [ "$code" -eq 124 ] || [ "$code" -eq 137 ] || grep -q "inactivity time of" "$results/$name.log"; then
      echo "HUNG $name (attempt $attempt): nothing started or ended for $hang, or the project ran past 15 minutes" | tee -a "$results/hung" >&3
      cp "$results/$name.log" "$results/$name.hung-$attempt.log" # the next attempt writes the log again: this one names the test that hung
      [ "$attempt" -eq 1 ] && continue
    fi
    return "$code"
  done
}

# Two lanes side by side (the machine mostly waits on engines, browsers and clocks, not on its
# cores): the whole-system projects (the browser tests, the app host's) in one, the projects that
# start single engines in the other. The app host's web port is fixed, so the browser tests and
# the app host's tests share a lane. The pure ones (no engine, no clock) and the web client's checks
# run first in the whole-system lane, while the browser tests' system starts. Each lane's output
# goes to its own log, printed when both are done.
light=(tests/HandHistories.Tests/HandHistories.Tests.csproj tests/Trainer.Tests/Trainer.Tests.csproj)
# The lanes are balanced by measured time (5–8 minutes each on two cores, depending on the machine):
# the browser tests and the short engine projects in one; Analytics, Session.Api and the fault tests
# (which start engines of their own) in the other.
system=(tests/Web.Tests/Web.Tests.csproj tests/AppHost.Tests/AppHost.Tests.csproj
  tests/Infrastructure.Tests/Infrastructure.Tests.csproj tests/Tilt.Tests/Tilt.Tests.csproj)
engines=()
for project in tests/*/*.Tests.csproj; do
  [[ " ${light[*]} ${system[*]} " == *" $project "* ]] || engines+=("$project")
done

(
  lane_status=0
  (
    light_status=0
    for p in "${light[@]}"; do run_project "$p" || light_status=1; done
    echo "==> Web client (svelte-check, vitest)"
    ( cd Web/client && npm run check --silent ) || light_status=1
    ( cd Web/client && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json" ) || light_status=1
    exit $light_status
  ) > "$results/light.log" 2>&1 &
  light_pid=$!
  for p in "${system[@]}"; do run_project "$p" || lane_status=1; done
  wait "$light_pid" || lane_status=1
  exit $lane_status
) > "$results/system.log" 2>&1 &
system_pid=$!

( lane_status=0; for p in "${engines[@]}"; do run_project "$p" || lane_status=1; done; exit $lane_status ) > "$results/engines.log" 2>&1 &
engines_pid=$!

wait "$engines_pid" || status=1
wait "$system_pid" || status=1
cat "$results/engines.log" "$results/system.log" "$results/light.log"

passed=0; failed=0; total=0
if [ -f "$results/vitest.json" ]; then
  vt() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$results/vitest.json" | head -1; }
  total=$((total + $(vt numTotalTests))); passed=$((passed + $(vt numPassedTests))); failed=$((failed + $(vt numFailedTests)))
fi
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$((total + $(value total)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
done
# The names of failed tests, last before the summary, so the end of a log says what broke.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" \
    | sed -n 's/.*testName="\([^"]*\)".*duration="\([^"]*\)".*/FAILED \1 (\2)/p; s/.*duration="\([^"]*\)".*testName="\([^"]*\)".*/FAILED \2 (\1)/p'
done
# What each failed test said (its message's first lines), so a run's end shows why as well as what.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '/<UnitTestResult / { failed = ($0 ~ /outcome="(Failed|Error|Timeout|Aborted)"/); if (failed) { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11) } }
    failed && /<Message>/ { inside = 1; lines = 0; print "WHY " name ":" }
    inside { line = $0; sub(/.*<Message>/, "", line); done = sub(/<\/Message>.*/, "", line); if (lines++ < 8) print "    " line; if (done) { inside = 0; stack = 1; frames = 0 } }
    stack && /<StackTrace>/ { tracing = 1 }
    tracing { line = $0; sub(/.*<StackTrace>/, "", line); end = sub(/<\/StackTrace>.*/, "", line); if (frames++ < 6) print "    " line; if (end) { tracing = 0; stack = 0; failed = 0 } }
    stack && /<\/ErrorInfo>/ { stack = 0; tracing = 0; failed = 0 }' "$trx" \
    | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&apos;/'"'"'/g; s/&amp;/\&/g'
done
[ -f "$results/vitest.json" ] && grep -o '"fullName":"[^"]*","status":"failed"' "$results/vitest.json" | sed 's/"fullName":"\([^"]*\)".*/FAILED vitest: \1/'
# A project stuck twice counts as a failure even when the tests it finished passed.
if [ -f "$results/hung" ]; then
  cat "$results/hung"
  for name in $(sed -n 's/^HUNG \([^ ]*\) (attempt 2).*/\1/p' "$results/hung"); do failed=$((failed + 1)); done
fi
skipped=$((total - passed - failed))
[ "$skipped" -lt 0 ] && skipped=0
[ "$total" -eq 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
