#!/usr/bin/env bash
# Makes the golden thumbnails ONCE, with an independent tool (libvips 8.14 vipsthumbnail: its own JPEG
# shrink-on-load, its own Lanczos-3 reduce, its own auto-rotate). They are never re-made to make a test pass:
# a failing golden test means our output changed, and the change has to be explained, not blessed.
# Usage: tests/GhostRoll.Imaging.Tests/Golden/make-golden.sh [fixtures-dir]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fx=${1:-$here/../../../../shared/fixtures}/cards
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
thumb() { vipsthumbnail "$1" --size 512x512 -o "$here/$2.png"; }
thumb "$fx/basic/DCIM/100NCD90/DSC_0003.JPG" DSC_0003
thumb "$fx/orientation/DCIM/100TEST/Landscape_6.jpg" Landscape_6
thumb "$fx/orientation/DCIM/100TEST/Portrait_7.jpg" Portrait_7
# RAW: the embedded preview as exiftool extracts it (the CRW has no orientation).
exiftool -b -JpgFromRaw "$fx/raw/DCIM/100RAW/CRW_1446.CRW" > "$tmp/crw.jpg"
thumb "$tmp/crw.jpg" CRW_1446
