#!/usr/bin/env bash
# The benchmark (not part of ./test.sh): builds Release, starts the engines and the services as
# processes, runs every scenario (or the comma-separated subset given second), prints a table and
# writes .bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
ensure_engines
# What is measured: the commit, and whether the working tree differs from it.
echo "==> commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes')"
CONFIGURATION=Release build_solution
# The new-replica scenario runs Session.Api as built and as published for this platform (ReadyToRun).
if [[ -z "${2:-}" || ",${2}," == *",replica,"* ]]; then
  echo "==> publishing Session.Api for linux-x64 (ReadyToRun) into .bench/r2r"
  dotnet publish Session.Api -c Release -r linux-x64 --self-contained false -o .bench/r2r/Session.Api --nologo -v q
fi
dotnet tools/LoadGen/bin/Release/net10.0/LoadGen.dll "${1:-15}" "${2:-}"
