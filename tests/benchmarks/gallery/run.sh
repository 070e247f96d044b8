#!/usr/bin/env bash
# Gallery page benchmark, side by side with PhotoSwipe 5 and thumbsup 2 (docs/benchmarks/gallery.md).
# Installs the peers into a private npm prefix (no global installs), builds, and prints a Markdown report.
#   tests/benchmarks/gallery/run.sh [RUNS]     (default 5 cold loads per cell; takes ~10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-5}
peers=${GRTEST_BENCH_PEERS:-$HOME/.cache/ghostroll-gallery-peers}
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
# thumbsup resizes with GraphicsMagick and reads metadata with exiftool; the page is served by python3's http.server.
for p in graphicsmagick libimage-exiftool-perl python3 chromium libvips-tools; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="${missing:-} $p"
done
if [ -n "${missing:-}" ]; then $sudo apt-get update -q >/dev/null; $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null; fi
mkdir -p "$peers"
[ -x "$peers/node_modules/.bin/thumbsup" ] && [ -d "$peers/node_modules/photoswipe" ] || \
  (cd "$peers" && npm install --no-audit --no-fund --loglevel=error thumbsup@2.18.0 photoswipe@5.4.4 >/dev/null)
dotnet build tests/benchmarks/gallery -c Release -nologo -v q -clp:NoSummary >/dev/null
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM" >&2
dotnet run -c Release --no-build --project tests/benchmarks/gallery -- "$peers" "$runs"
