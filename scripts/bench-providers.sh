#!/usr/bin/env bash
# The analytics and review benchmarks on both providers in one session, so their figures compare fairly:
#   scripts/bench-providers.sh [PAPERS]     (default 350000; a Release build must exist)
# SQLite: a synthetic database of PAPERS papers in a temporary file. PostgreSQL: a throw-away server from Debian's
# packages (scripts/test-postgres.sh), the same synthetic corpus built in it. Each bench prints p50/p95 per query and
# its ratio against that provider's own SELECT COUNT(*) baseline. Everything is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
papers=${1:-350000}
ptmreuse=(dotnet PtmReuse.Dashboard/bin/Release/net10.0/ptmreuse.dll)
work=$(mktemp -d /tmp/ptmreuse-bench.XXXXXX)
source scripts/test-postgres.sh
cleanup() { test_postgres_stop; rm -rf "$work"; }
trap cleanup EXIT

echo "== SQLite, $papers papers"
"${ptmreuse[@]}" bench synthetic --out "$work/bench.db" --papers "$papers"
"${ptmreuse[@]}" bench analytics --db-file "$work/bench.db" --repeat 20
"${ptmreuse[@]}" bench review --db-file "$work/bench.db" --steps 40

echo "== PostgreSQL, $papers papers"
test_postgres_start
pg="${PTMREUSE_TEST_POSTGRES/Database=postgres/Database=ptmreuse_bench}"
"${ptmreuse[@]}" db migrate --db "$pg"
"${ptmreuse[@]}" bench analytics --db "$pg" --papers "$papers" --repeat 20
"${ptmreuse[@]}" bench review --db "$pg" --steps 40
