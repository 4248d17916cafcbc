#!/usr/bin/env bash
# Adds an EF Core migration for the current model, for both providers: scripts/add-migration.sh <Name>
#   SQLite:     PtmReuse.Core/Storage/Migrations
#   PostgreSQL: PtmReuse.Migrations.Postgres/Migrations
# Neither needs a running database. To rebuild PostgreSQL's history as one Initial migration from the final model
# (after the SQLite migrations are squashed), run scripts/regenerate-postgres-migrations.sh instead.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/add-migration.sh <Name>" >&2; exit 2; }
dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --project PtmReuse.Core --output-dir Storage/Migrations
dotnet ef migrations add "$1" --project PtmReuse.Migrations.Postgres --output-dir Migrations
