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
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "==> $name"
  dotnet test "$project" --no-build -c "${CONFIGURATION:-Debug}" --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

echo "==> Web client (svelte-check, vitest)"
( cd Web/client && npm run check --silent ) || status=1
( cd Web/client && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json" ) || status=1

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
