#!/usr/bin/env bash
# Camera-sized benchmark inputs from real photographs (the fixture cards' camera JPEGs): scaled and centre-cropped
# with libvips to 6000x4000 (24 MP) and 8256x5504 (45 MP), JPEG q95, then camera-like EXIF written by exiftool
# with orientations cycling 1/3/6/8. Usage: make-inputs.sh OUT_DIR [COUNT_PER_SIZE]
set -euo pipefail
out=$1; count=${2:-8}
fx=$(cd "$(dirname "$0")/../../../.." && pwd)/shared/fixtures/cards
sources=("$fx/basic/DCIM/Camera/aarhus.jpg" "$fx/basic/DCIM/100CANON/_MG_0633.JPG" "$fx/basic/DCIM/100NCD90/DSC_0003.JPG"
  "$fx/raw/DCIM/100RAW/GOPR8508.JPG" "$fx/basic/DCIM/100_PANA/Panasonic_DMC-LX3.jpg" "$fx/basic/DCIM/100PENTX/IMGP6671.JPG")
orientations=(1 3 6 8)
mkdir -p "$out/24mp" "$out/45mp"
for size in 24mp:6000:4000 45mp:8256:5504; do
  IFS=: read -r name w h <<<"$size"
  for ((i = 0; i < count; i++)); do
    src=${sources[$((i % ${#sources[@]}))]}
    dst="$out/$name/IMG_$(printf %04d "$i").JPG"
    [ -f "$dst" ] && continue
    vips thumbnail "$src" "$dst[Q=95,strip]" "$w" --height "$h" --crop centre --size both
    exiftool -q -overwrite_original -Make=Canon -Model="Canon EOS R5" -DateTimeOriginal="2025:06:0$((i % 9 + 1)) 10:00:00" \
      -Orientation#="${orientations[$((i % 4))]}" "$dst"
  done
done
vipsheader "$out"/24mp/IMG_0000.JPG "$out"/45mp/IMG_0000.JPG >&2
