#!/usr/bin/env bash
# Rewrites Session.Api/schema.graphql from the schema the API serves (commit the result).
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_GRAPHQL_SCHEMA=1 dotnet test tests/Session.Api.Tests --filter "FullyQualifiedName~The_committed_schema_matches_the_served_schema" -nologo
