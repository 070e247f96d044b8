#!/usr/bin/env bash
# Clip benchmark (issue 19): CPU time (user+sys) and peak RSS of what the derive stage runs per clip, with the same
# arguments as src/GhostRoll.Imaging/Video (ClipProbe.ReadAsync, PosterExtractor.ExtractAsync): one ffprobe, then one
# ffmpeg that takes the poster frame. Every fixture clip, plus synthetic 1080p/4K H.264 and HEVC clips made here (the
# fixtures are small; a phone films 4K). Writes a Markdown table to stdout; docs/benchmarks/clips.md keeps the figures.
#   tests/benchmarks/clips/run.sh [WORKDIR]     (RUNS=5; needs ffmpeg, GNU time)
set -euo pipefail
cd "$(dirname "$0")/../../.."
repo=$(pwd)
work=${1:-/var/tmp/ghostroll-clips-bench}
runs=${RUNS:-5}
fixtures=$(cd "$repo/../shared/fixtures/cards/odd/DCIM" && pwd)
mkdir -p "$work"

# Synthetic clips: moving test pattern, 2 s, a keyframe every 2 s (like phones), made once.
make_clip() { # name size codec
  local out="$work/$1"
  [ -s "$out" ] && return
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=$2:rate=30" -t 2 -pix_fmt yuv420p \
    -c:v "$3" -preset ultrafast -g 60 ${4:-} "$out"
}
echo "making synthetic clips..." >&2
make_clip h264-1080p.mp4 1920x1080 libx264
make_clip h264-2160p.mp4 3840x2160 libx264
make_clip hevc-2160p.mov 3840x2160 libx265 "-tag:v hvc1 -x265-params log-level=none"

clips=("$fixtures/100APPLE/IMG_3589.mov" "$fixtures/101APPLE/with-gps.mov" "$fixtures/100CANON/MVI_0121.AVI"
       "$work/h264-1080p.mp4" "$work/h264-2160p.mp4" "$work/hevc-2160p.mov")

# GNU time on the tool itself (not a shell): user s, sys s, max RSS KB; the last line (a failing run adds a first line).
measure() { /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" >/dev/null 2>&1 || true; tail -1 "$work/time"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

probe_args=(ffprobe -v error -show_entries
  "format=format_name,duration:format_tags:stream=codec_type,codec_name,codec_tag_string,profile,level,width,height,sample_aspect_ratio,duration:stream_side_data=rotation:stream_tags=rotate"
  -of json)
poster_args() { # clip seek
  echo ffmpeg -nostdin -hide_banner -loglevel error -y -threads 1 -skip_frame nokey -ss "$2" -noaccurate_seek -i "$1" \
    -map 0:v:0 -frames:v 1 -an -sn -dn -map_metadata -1 -fflags +bitexact -flags:v +bitexact \
    -vf "scale=trunc(iw*sar/2)*2:ih,setsar=1,scale=w=min(2048\\,iw):h=min(2048\\,ih):force_original_aspect_ratio=decrease:flags=lanczos" \
    -threads 1 -c:v mjpeg -q:v 2 -f image2 "$work/poster.jpg"
}

echo "| Clip | Codec, size | Length s | ffprobe CPU s | ffprobe peak RSS MB | poster CPU s | poster peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
for clip in "${clips[@]}"; do
  info=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height -of csv=p=0 "$clip" | head -1)
  codec=$(echo "$info" | cut -d, -f1); size=$(echo "$info" | cut -d, -f2)x$(echo "$info" | cut -d, -f3)
  length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$clip")
  seek=$(awk -v d="$length" 'BEGIN { s = d / 10; if (s > 1) s = 1; printf "%.3f", s }')
  : > "$work/p.cpu"; : > "$work/p.rss"; : > "$work/f.cpu"; : > "$work/f.rss"
  for _ in $(seq "$runs"); do
    read -r u s m < <(measure "${probe_args[@]}" "$clip"); echo "$u + $s" | bc >> "$work/p.cpu"; echo "$m" >> "$work/p.rss"
    read -r -a cmd < <(poster_args "$clip" "$seek")  # no spaces in the paths or the filter
    read -r u s m < <(measure "${cmd[@]}"); echo "$u + $s" | bc >> "$work/f.cpu"; echo "$m" >> "$work/f.rss"
  done
  printf '| %s | %s %s | %.2f | %.2f | %.1f | %.2f | %.1f |\n' "$(basename "$clip")" "$codec" "$size" "$length" \
    "$(median < "$work/p.cpu")" "$(echo "$(sort -g "$work/p.rss" | tail -1) / 1024" | bc -l)" \
    "$(median < "$work/f.cpu")" "$(echo "$(sort -g "$work/f.rss" | tail -1) / 1024" | bc -l)"
done
echo
echo "Median of $runs runs (CPU = user + sys from GNU time); peak RSS = the largest of the runs. $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(ffmpeg -version | head -1 | cut -d' ' -f1-3)."
