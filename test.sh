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
run_project() {
  local name
  name=$(basename "$1" .csproj)
  echo "==> $name"
  dotnet test "$1" --no-build -c "${CONFIGURATION:-Debug}" --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results"
}

# The projects that start engines or whole systems run one at a time (their timings mean
# something). The pure ones (no engine, no clock) and the web client's checks run meanwhile,
# beside the browser tests, whose first minute is the system starting.
light=(tests/HandHistories.Tests/HandHistories.Tests.csproj tests/Trainer.Tests/Trainer.Tests.csproj)
for project in tests/*/*.Tests.csproj; do
  [[ " ${light[*]} " == *" $project "* ]] && continue
  if [ "$(basename "$project")" = "Web.Tests.csproj" ]; then
    (
      light_status=0
      for p in "${light[@]}"; do run_project "$p" || light_status=1; done
      echo "==> Web client (svelte-check, vitest)"
      ( cd Web/client && npm run check --silent ) || light_status=1
      ( cd Web/client && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json" ) || light_status=1
      exit $light_status
    ) > "$results/light.log" 2>&1 &
    light_pid=$!
  fi
  run_project "$project" || status=1
done

if [ -n "${light_pid:-}" ]; then
  wait "$light_pid" || status=1
  cat "$results/light.log"
else
  status=1
fi

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
skipped=$((total - passed - failed))
[ "$skipped" -lt 0 ] && skipped=0
[ "$total" -eq 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
