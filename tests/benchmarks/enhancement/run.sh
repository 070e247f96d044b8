#!/usr/bin/env bash
# Photo enhancer benchmark (issue 16): CPU time of PhotoEnhancer.Enhance on 2048 px share images made from the
# real camera fixtures (cards/basic) and on 2 EV darker copies of them, with the enhancer's steps. Not a test: it
# prints a Markdown report for docs/enhancement.md. Thread CPU time, so a busy shared machine does not distort it.
#   tests/benchmarks/enhancement/run.sh [WORK_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=${1:-/tmp/ghostroll-enhance-bench}
fixtures=${GRTEST_FIXTURES:-$repo/../shared/fixtures}
mkdir -p "$work"

# The driver as a Native AOT binary, like the appliance.
dotnet publish "$here/GhostRoll.Enhancement.Benchmarks" -c Release -r linux-x64 -o "$work/bin" -nologo >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM"
echo
mapfile -t photos < <(find "$fixtures/cards/basic/DCIM" -iname '*.jpg' | sort | grep -v 101EPSON)
"$work/bin/ghostroll-enhance-bench" "$work/derived" "${photos[@]}"
