#!/usr/bin/env bash
# Ingest benchmark for the foundation issue. Run as root (drops the page cache between runs so every copy reads the
# source from disk, like a card). Writes a Markdown report to stdout; docs/benchmarks/ingest.md keeps the figures.
#   tests/benchmarks/ingest/run.sh [WORKDIR]   (needs ~4 GB free; hyperfine from Debian)
set -euo pipefail
cd "$(dirname "$0")/../../.."
repo=$(pwd)
work=${1:-/var/tmp/ghostroll-ingest-bench}
fixtures=$(cd "$repo/../shared/fixtures/cards" && pwd)
rm -rf "$work"; mkdir -p "$work"
drop() { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; }

echo "building..." >&2
dotnet build tests/benchmarks/ingest -c Release -nologo -v quiet -o "$work/bench" >/dev/null
dotnet build src/GhostRoll.Cli -c Release -nologo -v quiet -o "$work/cli" >/dev/null
ghostroll=${GRTEST_BIN:-}
if [ -z "$ghostroll" ] && [ -x artifacts/aot/linux-x64/ghostroll ]; then ghostroll=artifacts/aot/linux-x64/ghostroll; fi
if [ -z "$ghostroll" ]; then ghostroll="dotnet $work/cli/ghostroll.dll"; fi

# A card of real camera photos: every fixture photo, repeated with a unique trailer so all content is new (~1.5 GB).
python3 - "$fixtures" "$work/card" <<'PY'
import os, sys, random
src, dst = sys.argv[1], sys.argv[2]
photos = [os.path.join(r, f) for r, _, fs in os.walk(src) for f in fs if f.lower().endswith(('.jpg', '.cr3', '.crw', '.gpr', '.heic', '.hif', '.mov', '.avi'))]
random.seed(7)
n = 0
while n < 700:
    for p in sorted(photos):
        d = os.path.join(dst, 'DCIM', '%03dTEST' % (100 + n // 200)); os.makedirs(d, exist_ok=True)
        data = open(p, 'rb').read() + os.urandom(64)
        open(os.path.join(d, 'IMG_%04d%s' % (n, os.path.splitext(p)[1].upper())), 'wb').write(data)
        n += 1
        if n >= 700: break
PY
card_bytes=$(du -sb "$work/card" | cut -f1)
files=$(find "$work/card" -type f | wc -l)

run_cp() { drop; rm -rf "$work/cp"; local t0=$(date +%s.%N); cp -r "$work/card" "$work/cp"; local t1=$(date +%s.%N); sync; local t2=$(date +%s.%N)
  echo "$(echo "$t1 - $t0" | bc) $(echo "$t2 - $t0" | bc)"; }
run_gr() { drop; rm -rf "$work/gr"; dotnet "$work/bench/GhostRoll.Benchmarks.Ingest.dll" "$work/card" "$work/gr" "$1" "$2"; }

echo "| run | cp -r (s) | cp -r + sync (s) | ghostroll, 2 workers, verify (s) | read ratio | ghostroll, 1 worker, verify (s) | ghostroll, 2 workers, no verify (s) |"
echo "|---|---|---|---|---|---|---|"
for i in 1 2 3; do
  read -r cp cps <<<"$(run_cp)"
  g2=$(run_gr 2 true); g1=$(run_gr 1 true); g2n=$(run_gr 2 false)
  s() { sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$1"; }
  r=$(sed -E 's/.*read_ratio=([0-9.]+).*/\1/' <<<"$g2")
  echo "| $i | $cp | $cps | $(s "$g2") | $r | $(s "$g1") | $(s "$g2n") |"
done
echo
echo "card: $files files, $card_bytes bytes"
echo

# The same card at SD-card speed: an ext4 image of it on a loop device, reads throttled to 90 MiB/s (a UHS-I card in
# a USB 3 reader) with the cgroup v1 blkio throttle. Destination writes and verify reads are not throttled: on the
# appliance they go to a different device than the card.
rate=${GRTEST_BENCH_CARD_BPS:-94371840}
cg=/sys/fs/cgroup/blkio/ghostroll-bench
if [ -w /sys/fs/cgroup/blkio ] && command -v losetup >/dev/null; then
  truncate -s $(( card_bytes * 12 / 10 + 67108864 )) "$work/cardfs.img"
  mkfs.ext4 -q -d "$work/card" "$work/cardfs.img"
  loopdev=$(losetup -f --show -r "$work/cardfs.img"); mkdir -p "$work/cardmnt"; mount -o ro "$loopdev" "$work/cardmnt"
  mkdir -p "$cg"; echo "$(cat /sys/block/$(basename "$loopdev")/dev) $rate" > "$cg/blkio.throttle.read_bps_device"
  throttled() { sh -c 'echo $$ > '"$cg"'/tasks; exec "$@"' sh "$@"; }
  echo "| run (card at $((rate / 1048576)) MiB/s) | cp -r + sync (s) | ghostroll, 2 workers, verify (s) | read ratio |"
  echo "|---|---|---|---|"
  for i in 1 2 3; do
    drop; rm -rf "$work/cp"; t0=$(date +%s.%N); throttled cp -r "$work/cardmnt/DCIM" "$work/cp"; sync; t1=$(date +%s.%N)
    drop; rm -rf "$work/gr"; g=$(throttled dotnet "$work/bench/GhostRoll.Benchmarks.Ingest.dll" "$work/cardmnt" "$work/gr" 2 true)
    echo "| $i | $(echo "$t1 - $t0" | bc) | $(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$g") | $(sed -E 's/.*read_ratio=([0-9.]+).*/\1/' <<<"$g") |"
  done
  umount "$work/cardmnt"; losetup -d "$loopdev"; rmdir "$cg"
  echo
else
  echo "(card-speed runs skipped: needs root, losetup and the cgroup v1 blkio controller)"
fi

# No-op rerun: a card with 2,000 already-imported files, the real CLI end to end (process start included).
python3 - "$work/small" <<'PY'
import os, sys
d = os.path.join(sys.argv[1], 'DCIM', '100SMALL'); os.makedirs(d, exist_ok=True)
for i in range(2000):
    open(os.path.join(d, 'IMG_%04d.JPG' % i), 'wb').write(b'\xff\xd8' + os.urandom(2048) + b'\xff\xd9')
PY
export GHOSTROLL_BASE_DIR="$work/noop/sessions" GHOSTROLL_DB_PATH="$work/noop/db/ghostroll.db" GHOSTROLL_STATUS_PATH="$work/noop/status.json" GHOSTROLL_STATUS_IMAGE_PATH="$work/noop/status.png" GHOSTROLL_CONFIG=""
$ghostroll run "$work/small" >/dev/null 2>&1
echo "no-op rerun of a 2,000-file card with: $ghostroll"
hyperfine --warmup 1 --runs 10 --export-markdown "$work/noop.md" "$ghostroll run $work/small" >/dev/null 2>&1
cat "$work/noop.md"
