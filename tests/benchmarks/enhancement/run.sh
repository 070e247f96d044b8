#!/usr/bin/env bash
# Photo enhancer benchmark (issue 16): CPU time of PhotoEnhancer.Enhance on 2048 px share images made from the
# real camera fixtures (cards/basic) and on 2 EV darker copies of them, with the enhancer's steps. Not a test: it
# prints a Markdown report for docs/enhancement.md. Thread CPU time excludes waiting for other load, not its cache and
# memory contention: so the same share images also go through libjpeg-turbo's own djpeg/cjpeg (a reference to
# re-run on a quiet machine, to read the inflation) and through ImageMagick (a named peer), in the same run.
#   tests/benchmarks/enhancement/run.sh [WORK_DIR [PHOTO...]]   PHOTO: under cards/basic, e.g. DCIM/Camera/aarhus.jpg;
#   default every JPEG of cards/basic (fewer keep a run short on a loaded machine).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=${1:-/tmp/ghostroll-enhance-bench}
[ $# -gt 0 ] && shift
fixtures=${GRTEST_FIXTURES:-$repo/../shared/fixtures}
mkdir -p "$work"

# The driver as a Native AOT binary, like the appliance.
dotnet publish "$here/GhostRoll.Enhancement.Benchmarks" -c Release -r linux-x64 -o "$work/bin" -nologo >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
if [ $# -gt 0 ]; then
  photos=("${@/#/$fixtures/cards/basic/}")
else
  mapfile -t photos < <(find "$fixtures/cards/basic/DCIM" -iname '*.jpg' | sort | grep -v 101EPSON)
fi
"$work/bin/ghostroll-enhance-bench" "$work/derived" "${photos[@]}"

# CPU ms (user + sys of GNU time) per run of a command, over 5 runs (one run is near time's 10 ms resolution).
cpu_ms() {
  { /usr/bin/time -f '%U %S' bash -c 'for i in 1 2 3 4 5; do "$@" >/dev/null 2>&1; done' _ "$@"; } 2>&1 | tail -1 \
    | awk '{ printf "%.1f", ($1 + $2) * 1000 / 5 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# Reference and peer on the same share images (as shot and dark), one process per run, so each figure also
# carries a process start (about 1-2 ms).
echo
djpeg_ms=() cjpeg_ms=() magick_ms=()
for jpeg in "$work/derived/shares/"*.jpg; do
  djpeg -outfile "$work/pixels.ppm" "$jpeg"
  djpeg_ms+=("$(cpu_ms djpeg -outfile /dev/null "$jpeg")")
  cjpeg_ms+=("$(cpu_ms cjpeg -quality 92 -sample 1x1 -outfile /dev/null "$work/pixels.ppm")")
  magick_ms+=("$(cpu_ms env MAGICK_THREAD_LIMIT=1 convert "$jpeg" -auto-level -auto-gamma -quality 92 "$work/magick.jpg")")
done
echo "Same run, the same $(ls "$work/derived/shares/"*.jpg | wc -l) share images, median CPU ms per picture (5 runs each, process start included):"
echo
echo "| tool | what | ms (CPU) |"
echo "|---|---|---:|"
echo "| libjpeg-turbo djpeg $(dpkg-query -W -f '${Version}' libjpeg-turbo-progs 2>/dev/null) | decode (accurate DCT) | $(printf '%s\n' "${djpeg_ms[@]}" | median) |"
echo "| libjpeg-turbo cjpeg | baseline q92 4:4:4 encode from PPM (PPM read included) | $(printf '%s\n' "${cjpeg_ms[@]}" | median) |"
echo "| ImageMagick $(convert -version | head -1 | awk '{print $3}') \`convert -auto-level -auto-gamma -quality 92\` (1 thread) | decode + enhance + encode | $(printf '%s\n' "${magick_ms[@]}" | median) |"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
