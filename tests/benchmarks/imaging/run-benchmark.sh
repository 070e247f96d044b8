#!/usr/bin/env bash
# Imaging benchmark (issue 3): GhostRoll against vipsthumbnail, Pillow and SkiaSharp, side by side in one run, on camera-sized
# inputs made from real photographs (make-inputs.sh). Not a test: it prints a Markdown report for
# docs/benchmarks/imaging.md. Each tool runs on one core over the same files and writes BOTH outputs (share 2048 px
# q90, thumbnail 512 px q85). Speed is CPU time (user+sys from GNU time), so other load on a shared machine does
# not distort the ratios; images/s per core = images / CPU seconds. Peak RSS is GNU time's max RSS.
#   tests/benchmarks/imaging/run-benchmark.sh [WORK_DIR] [COUNT_PER_SIZE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=${1:-/tmp/ghostroll-imaging-bench}
count=${2:-8}
py=/usr/bin/python3 # Debian's python3 with python3-pil (not a pyenv/venv one)
mkdir -p "$work"

# GhostRoll's driver as a Native AOT binary, like the appliance (published from a clean export of HEAD).
src="$work/src"; rm -rf "$src"; mkdir -p "$src"
git -C "$repo" archive HEAD | tar -x -C "$src"
dotnet publish "$src/tests/benchmarks/imaging/GhostRoll.Imaging.Benchmarks" -c Release -r linux-x64 \
  -o "$work/bin" -nologo >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; exit 1; }
bench="$work/bin/ghostroll-imaging-bench"
# SkiaSharp (the design card's imaging library) as a peer, Native AOT as well (GhostRoll.SkiaPeer.Benchmarks: docs/libraries.md).
dotnet publish "$src/tests/benchmarks/imaging/GhostRoll.SkiaPeer.Benchmarks" -c Release -r linux-x64 \
  -o "$work/skia" -nologo >"$work/publish-skia.log" 2>&1 \
  || { cat "$work/publish-skia.log"; exit 1; }
skia="$work/skia/ghostroll-skia-peer"

"$here/make-inputs.sh" "$work/inputs" "$count" 2>/dev/null

reps=${BENCH_REPS:-3} # CPU time on a shared VM still varies by +-5%: each tool runs this often, the median counts
measure() { # label, command...: prints "median_cpu_seconds max_rss_kb"
  local out="$work/time.txt"; : > "$work/times.txt"
  for ((r = 0; r < reps; r++)); do
    /usr/bin/time -f "%U %S %M" -o "$out" "${@:2}" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
    cat "$out" >> "$work/times.txt"
  done
  local cpu rss
  cpu=$(awk '{ printf "%.3f\n", $1 + $2 }' "$work/times.txt" | sort -n | sed -n "$(((reps + 1) / 2))p")
  rss=$(awk '$3 > m { m = $3 } END { print m }' "$work/times.txt")
  echo "$cpu $rss"
}

row() { # size label cpu rss reference_cpu
  awk -v n="$count" -v s="$1" -v l="$2" -v c="$3" -v r="$4" -v g="$5" \
    'BEGIN { printf "| %s | %s | %.2f | %.0f ms | %.0f MB | %.2fx |\n", s, l, n / c, 1000 * c / n, r / 1024, c / g }'
}

echo "## Throughput (one core, share + thumbnail per photo)"
echo
echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB;" \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg). libjpeg-turbo $(dpkg-query -W -f='${Version}' libturbojpeg0)," \
  "libvips $(dpkg-query -W -f='${Version}' libvips42), Pillow $($py -c 'import PIL; print(PIL.__version__)')."
echo
echo "| inputs | tool | images/s per core | CPU per photo | peak RSS | GhostRoll is faster by |"
echo "|---|---|---|---|---|---|"
for size in 24mp 45mp; do
  files=("$work/inputs/$size"/*.JPG)
  out="$work/out/$size"; rm -rf "$out"; mkdir -p "$out"/{gr,gr-webp,vips,pil-ref,pil-draft,skia}
  read -r gr_cpu gr_rss < <(measure gr "$bench" derive "$out/gr" --workers 1 "${files[@]}")
  read -r grw_cpu grw_rss < <(measure grw "$bench" derive "$out/gr-webp" --workers 1 --webp "${files[@]}")
  read -r v1_cpu v1_rss < <(measure vips env VIPS_CONCURRENCY=1 vipsthumbnail "${files[@]}" --size 2048x2048 -o "$out/vips/%s_share.jpg[Q=90]")
  read -r v2_cpu v2_rss < <(measure vips env VIPS_CONCURRENCY=1 vipsthumbnail "${files[@]}" --size 512x512 -o "$out/vips/%s_thumb.jpg[Q=85]")
  vips_cpu=$(echo "$v1_cpu + $v2_cpu" | bc); vips_rss=$((v1_rss > v2_rss ? v1_rss : v2_rss))
  read -r pr_cpu pr_rss < <(measure pil "$py" "$here/pillow_peers.py" reference "$out/pil-ref" "${files[@]}")
  read -r pd_cpu pd_rss < <(measure pil "$py" "$here/pillow_peers.py" draft "$out/pil-draft" "${files[@]}")
  read -r fl_cpu fl_rss < <(measure floor "$bench" floor "${files[@]}")
  read -r sk_cpu sk_rss < <(measure skia "$skia" "$out/skia" "${files[@]}")
  row "$size" "**GhostRoll** (JPEG)" "$gr_cpu" "$gr_rss" "$gr_cpu"
  row "$size" "GhostRoll + WebP variants" "$grw_cpu" "$grw_rss" "$gr_cpu"
  row "$size" "vipsthumbnail x2" "$vips_cpu" "$vips_rss" "$gr_cpu"
  row "$size" "Pillow, reference tool's way" "$pr_cpu" "$pr_rss" "$gr_cpu"
  row "$size" "Pillow + draft()" "$pd_cpu" "$pd_rss" "$gr_cpu"
  row "$size" "SkiaSharp 4.156 (scaled decode, cubic resize)" "$sk_cpu" "$sk_rss" "$gr_cpu"
  row "$size" "floor: scaled decode + 2 encodes" "$fl_cpu" "$fl_rss" "$gr_cpu"
done

echo
echo "## Quality: PSNR of each share image against a double-precision Lanczos-3 of the full decode"
echo
# psnr_rows LABEL ORIGINAL GR VIPS PILREF PILDRAFT: one table row per photo, values also kept for the summary.
psnr_rows() {
  "$bench" psnr "$2" "$3" "$4" "$5" "$6" > "$work/psnr.txt"
  awk -v l="$1" '{v[NR]=substr($3, 9)} END {printf "| %s | %s | %s | %s | %s |\n", l, v[1], v[2], v[3], v[4]; printf "%s %s %s %s %s\n", l, v[1], v[2], v[3], v[4] >> "'"$work/psnr-all.txt"'"}' "$work/psnr.txt"
}
rm -f "$work/psnr-all.txt"
echo "| photo | GhostRoll | vipsthumbnail | Pillow reference | Pillow + draft |"
echo "|---|---|---|---|---|"
for size in 24mp 45mp; do
  out="$work/out/$size"
  for f in "$work/inputs/$size"/*.JPG; do
    stem=$(basename "$f" .JPG)
    psnr_rows "$size/$stem" "$f" "$(ls "$out"/gr/derived/share/BENCH/*"_$stem.jpg")" "$out/vips/${stem}_share.jpg" \
      "$out/pil-ref/${stem}_share.jpg" "$out/pil-draft/${stem}_share.jpg"
  done
done

# The inputs above are upscaled (smooth at full size). The fixture cards' own sRGB camera photos larger than the
# share size (2560-4288 px; only DSC_0003 is large enough for GhostRoll to decode at 1/2) show how the tools compare on real sensor
# detail. Adobe RGB photos (_MG_0633, _K6A7943, _DSC8830) are left out: GhostRoll converts them to sRGB and the
# others do not, so a pixel difference would measure the colour conversion, not the scaling.
fx=$(cd "$repo/.." && pwd)/shared/fixtures/cards
out="$work/out/camera"; rm -rf "$out"; mkdir -p "$out"/{gr,vips,pil-ref,pil-draft}
camera=("$fx/basic/DCIM/Camera/aarhus.jpg" "$fx/basic/DCIM/100NCD90/DSC_0003.JPG" "$fx/raw/DCIM/100RAW/GOPR8508.JPG"
  "$fx/basic/DCIM/100_PANA/Panasonic_DMC-LX3.jpg" "$fx/basic/DCIM/100PENTX/IMGP6671.JPG" "$fx/basic/DCIM/100APPLE/Apple_iPhone_6.jpg"
  "$fx/basic/DCIM/100_FUJI/FujiFilm_FinePix_F40fd.jpg" "$fx/basic/DCIM/100OLYMP/PB180005.JPG")
"$bench" derive "$out/gr" --workers 1 "${camera[@]}" >/dev/null
VIPS_CONCURRENCY=1 vipsthumbnail "${camera[@]}" --size 2048x2048 -o "$out/vips/%s_share.jpg[Q=90]"
"$py" "$here/pillow_peers.py" reference "$out/pil-ref" "${camera[@]}" >/dev/null
"$py" "$here/pillow_peers.py" draft "$out/pil-draft" "${camera[@]}" >/dev/null
for f in "${camera[@]}"; do
  stem=$(basename "$f"); stem=${stem%.*}
  psnr_rows "camera/$stem" "$f" "$(ls "$out"/gr/derived/share/BENCH/*"_$stem.jpg")" "$out/vips/${stem}_share.jpg" \
    "$out/pil-ref/${stem}_share.jpg" "$out/pil-draft/${stem}_share.jpg"
done

echo
echo "| photos | GhostRoll mean (worst) | vipsthumbnail mean (worst) | Pillow reference mean | Pillow + draft mean | GhostRoll >= vips |"
echo "|---|---|---|---|---|---|"
awk '{ split($1, k, "/"); g = k[1]; n[g]++; for (t = 2; t <= 5; t++) { s[g, t] += $t; if (n[g] == 1 || $t < m[g, t]) m[g, t] = $t }
       if ($2 >= $3) w[g]++ }
     END { for (g in n) printf "| %s (%d) | %.2f (%.2f) dB | %.2f (%.2f) dB | %.2f dB | %.2f dB | %d of %d |\n",
             g, n[g], s[g, 2] / n[g], m[g, 2], s[g, 3] / n[g], m[g, 3], s[g, 4] / n[g], s[g, 5] / n[g], w[g] + 0, n[g] }' \
  "$work/psnr-all.txt" | sort

echo
echo "## Peak RSS of the derive stage on 45 MP photos (all default settings, N workers in one process)"
echo
echo "| workers | photos | peak RSS | memory budget peak | wall time |"
echo "|---|---|---|---|---|"
for w in 1 4 6; do
  line=$("$bench" derive "$work/out/rss$w" --workers "$w" "$work/inputs/45mp/"*.JPG "$work/inputs/45mp/"*.JPG)
  echo "$line" | awk -v w="$w" '{for(i=1;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]} printf "| %s | %s | %s MB | %s MB | %s s |\n", w, v["images"], v["peak_rss_mb"], v["budget_peak_mb"], v["seconds"]}'
done
echo
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
