#!/usr/bin/env bash
# Replaces PostgreSQL's migrations with one "Initial" migration made from the current model (one command, no server
# needed). Use it when the SQLite migrations are squashed at a merge, so both providers start from the same model.
# Databases already created from the old PostgreSQL history need `ptmreuse db migrate` from a build that has both.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf PtmReuse.Migrations.Postgres/Migrations
dotnet ef migrations add Initial --project PtmReuse.Migrations.Postgres --output-dir Migrations
