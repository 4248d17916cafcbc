#!/usr/bin/env bash
# Adds an EF Core migration for the current model: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --project PtmReuse.Core --output-dir Storage/Migrations
