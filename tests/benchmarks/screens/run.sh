#!/usr/bin/env bash
# Screens benchmark: GhostRoll's status-screen rendering side by side with the original tool's approach
# (Pillow + python-qrcode) and the qrencode CLI, in one run. Results go to docs/benchmarks/screens.md by hand,
# with the machine description this prints.
#   tests/benchmarks/screens/run.sh [path/to/aot/ghostroll]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
bin=${1:-$repo/artifacts/aot/linux-x64/ghostroll}
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
need=()
for p in python3-pil python3-qrcode qrencode hyperfine fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $sudo apt-get update -q >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
[ -x "$bin" ] || { echo "build the AOT binary first (.ci/aot-gate) or pass its path" >&2; exit 2; }

echo "== machine"; nproc; grep -m1 'model name' /proc/cpuinfo || true; uptime
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat > "$work/status.json" <<'JSON'
{"state":"done","step":"done","counts":{"new":40,"skipped":103},"url":"https://gr.example/s/Ab3dE9xQ","hostname":"ghostroll","ip":"192.168.1.23","battery_percentage":87,"battery_charging":false}
JSON
export GHOSTROLL_STATUS_PATH="$work/status.json" GHOSTROLL_STATUS_IMAGE_PATH="$work/status.png"

echo "== one done screen with QR, whole process (startup + fonts + QR + PNG)"
hyperfine --warmup 3 --runs 30 -N \
  -n "ghostroll display --once --fake" "$bin display --once --fake --out $work/frames" \
  -n "pillow + python-qrcode" "/usr/bin/python3 $here/peer_pillow.py $work/pillow.png" \
  -n "qrencode (QR only)" "qrencode -s 4 -m 2 -o $work/qrencode.png https://gr.example/s/Ab3dE9xQ"
for f in "$work/frames/frame.png" "$work/pillow.png" "$work/qrencode.png"; do
  printf '%-28s %6d bytes  decodes: %s\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(zbarimg --raw -q "$f" 2>/dev/null || echo NONE)"
done

echo "== per frame, in process"
/usr/bin/python3 "$here/peer_pillow.py" "$work/pillow.png" --loop 500
# In-process: building the generated project timed out on this busy shared machine.
dotnet run -c Release --project "$here/GhostRoll.Screens.Benchmarks" -- --filter '*' --inProcess --exporters markdown --artifacts "$work/bdn" 2>&1 | sed -n '/^| Method/,/^$/p'

echo "== peak memory, one --once run"
/usr/bin/time -f 'ghostroll display --once: %M KB max RSS' "$bin" display --once --fake --out "$work/frames" >/dev/null
/usr/bin/time -f 'pillow + python-qrcode: %M KB max RSS' /usr/bin/python3 "$here/peer_pillow.py" "$work/pillow.png"
