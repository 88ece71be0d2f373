#!/usr/bin/env bash
# Runs the whole PokerTracker system: installs what is missing, builds, starts the Aspire app host.
# The dashboard URL (with its login token) and the web app's URL are printed once they are up.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh
ensure_engines
ensure_dev_certificate
build_web
build_solution
echo "==> starting (Ctrl+C or SIGTERM stops everything)"
exec dotnet run --no-build -c "${CONFIGURATION:-Debug}" --project AppHost --launch-profile http
