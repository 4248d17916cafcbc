#!/usr/bin/env bash
# Writes every answer of the embedded backend (all five stages: rule, evidence, mentions, confidence) over the shared
# corpus, the evaluation papers and the demo papers into OUTDIR, one file per folder, with the Release build.
# A change meant to make the classifier faster, not different, must leave these files byte-identical:
#   scripts/embedded-answers.sh /tmp/before   # on the commit before the change
#   scripts/embedded-answers.sh /tmp/after    # on the change
#   diff -r /tmp/before /tmp/after
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: scripts/embedded-answers.sh OUTDIR}"
mkdir -p "$out"
dll=PtmReuse.Dashboard/bin/Release/net10.0/ptmreuse.dll
[ -f "$dll" ] || dotnet build PtmReuse.Dashboard -c Release -nologo -v q
for folder in shared:../shared/corpus eval:eval/corpus demo:demo/papers; do
  dotnet "$dll" bench classify --corpus "${folder#*:}" --repeat 1 --answers "$out/${folder%%:*}.tsv" >/dev/null
done
wc -l "$out"/*.tsv
