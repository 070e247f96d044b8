#!/usr/bin/env bash
# Database hot-path benchmark (docs/benchmarks/database.md): the same program built against this tree and against
# another revision (default main, exported with git archive, nothing checked out), run alternately.
#   tests/benchmarks/database/run.sh [REV=main] [FILES=2000] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/../../.."
rev=${1:-main}; files=${2:-2000}; rounds=${3:-3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/other"
git archive "$rev" | tar -x -C "$work/other"
cp -r tests/benchmarks/database "$work/other/tests/benchmarks/"
for tree in . "$work/other"; do dotnet build "$tree/tests/benchmarks/database" -c Release -nologo -v q -clp:NoSummary >/dev/null; done
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for pass in 1 2; do
  for tree in "$work/other" .; do
    name=$([ "$tree" = . ] && echo "this tree" || echo "$rev")
    echo "== $name (pass $pass)"
    dotnet "$tree/tests/benchmarks/database/bin/Release/net10.0/GhostRoll.Database.Benchmarks.dll" "$work/db-$pass" "$files" "$rounds"
  done
done
