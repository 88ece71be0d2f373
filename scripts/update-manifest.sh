#!/usr/bin/env bash
# Regenerates aspire-manifest.json (the Azure Container Apps deployment manifest) from the app host.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build AppHost -c "${CONFIGURATION:-Debug}" -nologo -v q
dotnet run --no-build -c "${CONFIGURATION:-Debug}" --project AppHost --launch-profile http -- \
  --publisher manifest --output-path "$PWD/aspire-manifest.json"
