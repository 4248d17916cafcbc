#!/usr/bin/env bash
# Runs every test on a fresh machine: installs Debian's chromium when missing (browser tests),
# restores the pinned dotnet-ef, checks the EF model has no unmigrated changes for either provider, starts a
# throw-away PostgreSQL (scripts/test-postgres.sh; stopped and deleted on exit), then runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..." >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core poppler-utils >/dev/null
fi
# pdfinfo/pdftoppm check exported PDFs; DejaVu is the figures' font.
if ! command -v pdftoppm >/dev/null 2>&1 || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "Installing poppler-utils and DejaVu fonts for the figure export tests..." >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils fonts-dejavu-core >/dev/null
fi
export BROWSER_PATH="${BROWSER_PATH:-$(command -v chromium)}"

dotnet tool restore >/dev/null
dotnet build PtmReuse.sln -c Release -nologo -v q
dotnet ef migrations has-pending-model-changes --project PtmReuse.Core --no-build --configuration Release >/dev/null \
  || { echo "The EF model has changes without a SQLite migration: run scripts/add-migration.sh <Name>" >&2; exit 1; }
dotnet ef migrations has-pending-model-changes --project PtmReuse.Migrations.Postgres --no-build --configuration Release >/dev/null \
  || { echo "The EF model has changes without a PostgreSQL migration: run scripts/add-migration.sh <Name> (or scripts/regenerate-postgres-migrations.sh)" >&2; exit 1; }

# The PostgreSQL half of the provider theories: a server of our own unless one is given; its tests fail (not skip)
# when PTMREUSE_TEST_POSTGRES_REQUIRED=1 and no server is configured.
source scripts/test-postgres.sh
if [ -z "${PTMREUSE_TEST_POSTGRES:-}" ]; then
  trap test_postgres_stop EXIT
  test_postgres_start
fi
export PTMREUSE_TEST_POSTGRES_REQUIRED=1

log=$(mktemp)
set +e
dotnet test PtmReuse.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line that any CI reader understands.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
