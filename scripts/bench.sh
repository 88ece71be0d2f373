#!/usr/bin/env bash
# The benchmark (not part of ./test.sh): builds Release, starts the engines and the services as
# processes, runs every scenario (or the comma-separated subset given second), prints a table and
# writes .bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
ensure_engines
CONFIGURATION=Release build_solution
dotnet tools/LoadGen/bin/Release/net10.0/LoadGen.dll "${1:-15}" "${2:-}"
