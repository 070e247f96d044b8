#!/usr/bin/env bash
# Frame packing: GhostRoll's FramePacker vs Waveshare's Python getbuffer(), one run each, on this machine.
# Results and the machine description go to docs/benchmarks/hardware.md (by hand: a loaded build machine is noisy).
set -euo pipefail
cd "$(dirname "$0")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 peer_getbuffer.py
dotnet run -c Release -- --filter "*" --job short --exporters markdown --artifacts ../../../TestResults/benchmarks/hardware
