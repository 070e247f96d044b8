#!/usr/bin/env bash
# Publishing benchmark: GhostRoll's S3 publisher vs awscli and rclone, uploading the same session to a real
# loopback S3 server (Swift by default; BENCH_SERVER=s3rver for the fake). Results: docs/benchmarks/publishing.md.
#   BENCH_ENTRIES=40 BENCH_ROUNDS=3 tests/benchmarks/publishing/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
command -v rclone >/dev/null || { echo "rclone missing: apt-get install rclone (see .ci/deps/apt-publishing.txt)" >&2; exit 1; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project tests/benchmarks/publishing/GhostRoll.Publishing.Benchmarks
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
