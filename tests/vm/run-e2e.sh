#!/usr/bin/env bash
# End-to-end test of the appliance's card path in a real Linux guest, as on a Raspberry Pi: the udev rule, the
# systemd units, the sysusers/tmpfiles entries and the Native AOT ghostroll binary are installed into a Debian
# bookworm amd64 image, booted in QEMU (TCG), and camera cards are hot-plugged over QMP:
#   A  FAT32 without partition table, virtio hot-plug                 (import, removal, card unchanged)
#   B  FAT32 without partition table, label AUTO-IMPORT, USB storage  (upper-case label, USB hot-plug)
#   C  FAT32 with a partition table, inserted into a USB card reader  (media change: add of sda1)
#   D  FAT32 without partition table, into the same reader            ("change" of sda only: the case an add-only rule misses)
#   E  card A again, into the reader                                  (nothing new: dedupe across sessions)
#   F  a large card pulled mid-copy from USB, then plugged back       (stops cleanly, resumes, every file once)
#   G  exFAT labelled "auto-import", filled inside the guest           (exFAT)
#   N  FAT32 labelled EOS_DIGITAL                                     (not ours: no import starts)
#   M  FAT32 labelled MANUAL, 'ghostroll import' run by hand as root  (mounts and unmounts by itself, no units)
# plus first boot (boot-partition settings applied, mode 0600, source removed), the display daemon running in
# its sandbox (frames to PNG, no panel here), and 'ghostroll status'/'doctor'/'sessions' run by the service account. Every card image is hashed before and after: never written.
#
# Why a VM: the build machines' kernel has no vfat/exfat, and the test must not use host loop devices or mounts.
# The image is built without either (mmdebstrap into a folder, mke2fs -d, debugfs to add our files).
#
# Usage: tests/vm/run-e2e.sh [WORKDIR]     (root; about 2 minutes with a cached base image, 3-4 without)
#   GRTEST_BINARY=path     use this Native AOT ghostroll instead of publishing one
#   GRTEST_VM_CACHE=dir    where the base image is cached (default /var/tmp/ghostroll-vm-cache)
#   GRTEST_VM_KEEP=1       keep WORKDIR afterwards (serial.log, card images)
#   GRTEST_TIMEOUT_SCALE=N    multiply every deadline below by N (integer, default 1; .ci/stress sets 3)
# Every wait is for a condition (a console line, a device, a file, a QMP event) with a stated deadline sized for
# TCG on a loaded 2-core machine; a wait that gives up says what it was waiting for.
set -euo pipefail
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
source "$here/lib.sh"
vm_init "${1:-}"

# ---- 0. tools ---------------------------------------------------------------------------------------------------
vm_require_tools qemu-system-x86_64 qemu-img mmdebstrap mke2fs e2fsck resize2fs debugfs mkfs.vfat mkfs.exfat exfatlabel mcopy mmd sfdisk python3 bc sha256sum

# ---- 1. the ghostroll binary (Native AOT, as shipped) ----------------------------------------------------------
vm_binary

# ---- 2. base image (shared with run-power-loss.sh, cached by its inputs) ----------------------------------------
vm_base_image

# ---- 3. this run's image: base + ghostroll files, added with debugfs (no mount) --------------------------------
vm_run_image

# ---- 4. card images (mkfs + mtools; no loop device, no mount) --------------------------------------------------
unique_jpegs() { # unique_jpegs DIR PREFIX COUNT SEED: real camera JPEG + random trailer = distinct content per file
  python3 - "$1" "$2" "$3" "$4" "$fixtures/cards/basic/DCIM/100CANON/IMG_0102.JPG" <<'PY'
import os, random, sys
folder, prefix, count, seed, sample = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
data = open(sample, "rb").read()
rng = random.Random(seed)
os.makedirs(folder, exist_ok=True)
for i in range(count):
    with open(os.path.join(folder, f"{prefix}_{i + 1:04d}.JPG"), "wb") as f:
        f.write(data + bytes(rng.getrandbits(8) for _ in range(64 + rng.randrange(4096))))
PY
}
partitioned() { # partitioned IMG LABEL SIZE_MB SOURCE_ROOT: MBR, one FAT32 partition at 1 MiB, like a real SD card
  rm -f "$1"; truncate -s "$3M" "$1"; echo 'start=2048, type=c' | sfdisk -q "$1"
  mkfs.vfat --offset 2048 -F 32 -n "$2" "$1" $((($3 - 1) * 1024)) >/dev/null 2>&1
  mcopy -s -m -i "$1@@1M" "$4/DCIM" ::/
}
cards="$work/cards"; mkdir -p "$cards"
unique_jpegs "$cards/c/DCIM/100READR" READR 12 3
unique_jpegs "$cards/d/DCIM/100FLOPY" FLOPY 8 4
unique_jpegs "$cards/f/DCIM/100PULL" PULL 80 5
unique_jpegs "$cards/g/DCIM/100EXFAT" EXFAT 6 6
unique_jpegs "$cards/n/DCIM/100EOS" EOS 3 7
unique_jpegs "$cards/m/DCIM/100HAND" HAND 4 8
superfloppy "$cards/a.img" auto-import 64 "$fixtures/cards/orientation"
superfloppy "$cards/b.img" AUTO-IMPORT 64 "$fixtures/cards/basic"
partitioned "$cards/c.img" auto-import 64 "$cards/c"
superfloppy "$cards/d.img" auto-import 64 "$cards/d"
superfloppy "$cards/f.img" auto-import 128 "$cards/f"
superfloppy "$cards/gsrc.img" fill-source 64 "$cards/g"
superfloppy "$cards/n.img" EOS_DIGITAL 64 "$cards/n"
superfloppy "$cards/m.img" MANUAL 64 "$cards/m"
truncate -s 64M "$cards/g.img"; mkfs.exfat -L fill-me "$cards/g.img" >/dev/null
basic_count=$(find "$fixtures/cards/basic/DCIM" -type f | wc -l)
phase "card images made"

# ---- 5. boot ----------------------------------------------------------------------------------------------------
# The LAN web server's port 80, forwarded to a free loopback port of the host (section 8).
web_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
vm_boot -device qemu-xhci,id=xhci \
  -drive if=none,id=reader -device usb-storage,bus=xhci.0,drive=reader,removable=on,id=reader0 \
  -nic user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:"$web_port"-:80
vm_wait_booted

# First boot applied the boot partition's settings: 0600, owned by the service account, source gone, secret masked.
out=$(guest FB 'stat -c "%a %U" /etc/ghostroll/ghostroll.env; ls /boot/firmware; cat /boot/firmware/ghostroll.env.applied')
grep -qx '600 ghostroll' <<<"$out" || fail "settings file not 0600/ghostroll after first boot: $out"
grep -qx 'ghostroll.env' <<<"$out" && fail "first boot left the credentials on the boot partition: $out"
grep -q 'AWS_SECRET_ACCESS_KEY=(hidden)' <<<"$out" || fail "first boot's .applied copy does not mask the secret: $out"
grep -q 'not-a-real-secret' <<<"$out" && fail "first boot's .applied copy shows the secret"
phase "OK first boot: settings applied (0600, owner ghostroll), boot-partition copy removed, secret masked"

# ---- 6. cards ---------------------------------------------------------------------------------------------------
declare -A hash_before
hash_card() { sha256sum "$1" | cut -d' ' -f1; }
run_copy() { cp --sparse=always "$cards/$1.img" "$work/run-$2.img"; hash_before[$2]=$(hash_card "$work/run-$2.img"); }
assert_unchanged() { [ "$(hash_card "$work/run-$1.img")" = "${hash_before[$1]}" ] || fail "card $1 was written to (SHA-256 changed)"; }
expect_import() { # expect_import DEVREGEX NEW [SECONDS]: the import's summary line names NEW new files
  local line
  line=$(wait_for "import of card $1 finished \\([A-Za-z]+\\): [0-9]+ new" "${3:-240}")
  grep -qE ": $2 new," <<<"$line" || fail "expected $2 new files: $line"
  echo "$line" | sed -E 's/.*import of card/import of card/'
}
expect_removed() { wait_for "card $1 removed; ready for the next card" 180 | sed -E 's/.*card /card /'; }
reader='/machine/peripheral/reader0/reader0.0/legacy[0]'
plug_virtio() { qmp '{"execute":"blockdev-add","arguments":{"node-name":"n'$1'","driver":"raw","file":{"driver":"file","filename":"'$work/run-$1.img'"}}}' \
                    '{"execute":"device_add","arguments":{"driver":"virtio-blk-pci","drive":"n'$1'","id":"d'$1'","serial":"'${2:-card$1}'"}}'; }
# A guest command prefix that waits until the named virtio disks exist. device_add returns before the guest's PCI
# hot-plug is done (about a second under TCG), and 'udevadm settle' alone cannot wait for an event not yet queued.
# Gives up after a stated deadline and says which disk never appeared (the command that follows then fails).
waitdev() { printf 'end=$(($(date +%%s) + %s)); while :; do ok=1; for n in %s; do [ -e /dev/disk/by-id/virtio-$n ] || ok=0; done; [ $ok = 1 ] && break; [ $(date +%%s) -ge $end ] && { echo "gave up after %s s waiting for /dev/disk/by-id/virtio-{%s}"; break; }; sleep 0.2; done; udevadm settle' "$(secs 120)" "$*" "$(secs 120)" "$*"; }
plug_usb() { qmp '{"execute":"blockdev-add","arguments":{"node-name":"n'$1'","driver":"raw","file":{"driver":"file","filename":"'$work/run-$1.img'"}}}' \
                 '{"execute":"device_add","arguments":{"driver":"usb-storage","bus":"xhci.0","drive":"n'$1'","id":"d'$1'"}}'; }
unplug() { qmp '{"execute":"device_del","arguments":{"id":"d'$1'"}}' "wait:DEVICE_DELETED:$(secs 120):d$1" '{"execute":"blockdev-del","arguments":{"node-name":"n'$1'"}}'; }
reader_insert() { qmp '{"execute":"blockdev-add","arguments":{"node-name":"n'$1'","driver":"raw","file":{"driver":"file","filename":"'$work/run-$1.img'"}}}' \
                      '{"execute":"blockdev-open-tray","arguments":{"id":"'$reader'","force":true}}' \
                      '{"execute":"blockdev-insert-medium","arguments":{"id":"'$reader'","node-name":"n'$1'"}}' \
                      '{"execute":"blockdev-close-tray","arguments":{"id":"'$reader'"}}'; }
reader_eject() { qmp '{"execute":"blockdev-open-tray","arguments":{"id":"'$reader'","force":true}}' \
                     '{"execute":"blockdev-remove-medium","arguments":{"id":"'$reader'"}}' \
                     '{"execute":"blockdev-close-tray","arguments":{"id":"'$reader'"}}' \
                     '{"execute":"blockdev-del","arguments":{"node-name":"n'$1'"}}'; }

# A: superfloppy over virtio
run_copy a a; set_mark; plug_virtio a
phase "OK A virtio, no partition table: $(expect_import 'vd[b-z]' 18)"
set_mark; unplug a; phase "OK A $(expect_removed 'vd[b-z]')"; assert_unchanged a

# B: upper-case label over USB storage
run_copy b b; set_mark; plug_usb b
phase "OK B USB storage, label AUTO-IMPORT: $(expect_import 'sd[b-z]' "$basic_count")"
set_mark; unplug b; phase "OK B $(expect_removed 'sd[b-z]')"; assert_unchanged b

# C: partitioned card into the always-present reader (add of sda1)
run_copy c c; set_mark; reader_insert c
phase "OK C reader, partitioned: $(expect_import 'sda1' 12)"
set_mark; reader_eject c; phase "OK C $(expect_removed 'sda1')"; assert_unchanged c

# D: superfloppy card into the reader: only a "change" of sda announces it
run_copy d d; set_mark; reader_insert d
phase "OK D reader, no partition table (change event): $(expect_import 'sda' 8)"
set_mark; reader_eject d; phase "OK D $(expect_removed 'sda')"; assert_unchanged d

# E: card A again, now through the reader: everything on it was imported before
run_copy a e; set_mark; reader_insert e
phase "OK E same card again: $(expect_import 'sda' 0)"
set_mark; reader_eject e; expect_removed 'sda' >/dev/null; assert_unchanged e

# N: a card that is not labelled for import starts nothing
run_copy n n; plug_virtio n eoscard
out=$(guest NEG "$(waitdev eoscard)"'; d=$(basename $(readlink -f /dev/disk/by-id/virtio-eoscard)); echo dev=$d; systemctl is-active ghostroll-import@$d.service')
grep -q '^dev=vd' <<<"$out" || fail "the EOS_DIGITAL card did not appear in the guest: $out"
grep -qx 'inactive' <<<"$out" || fail "an import started for a card labelled EOS_DIGITAL: $out"
unplug n; assert_unchanged n
phase "OK N EOS_DIGITAL card: no import started"

# M: by hand, as root, without the units (the rule ignores this label): import mounts, imports and unmounts itself
run_copy m m; plug_virtio m manualcard
out=$(guest MANUAL "$(waitdev manualcard)"'; d=$(readlink -f /dev/disk/by-id/virtio-manualcard); GHOSTROLL_SD_LABEL=MANUAL GHOSTROLL_BASE_DIR=/root/manual GHOSTROLL_DB_PATH=/root/manual/db/ghostroll.db GHOSTROLL_STATUS_PATH=/root/manual/status.json GHOSTROLL_STATUS_IMAGE_PATH=/root/manual/status.png GHOSTROLL_LOG_LEVEL=info ghostroll import --no-wait $d; echo exit=$?; findmnt -rn /run/ghostroll/cards/${d#/dev/} || echo unmounted')
grep -qx 'exit=0' <<<"$out" || fail "ghostroll import by hand: $out"
grep -qE '^copied +4 new files' <<<"$out" || fail "ghostroll import by hand did not copy the 4 files: $out"
grep -qx 'unmounted' <<<"$out" || fail "ghostroll import by hand left the card mounted: $out"
unplug m; assert_unchanged m
phase "OK M by hand as root: mounted, 4 copied, unmounted"

# F: pulled mid-copy, then plugged back: the run stops cleanly and the next one finishes, each file exactly once
run_copy f f; set_mark; plug_usb f
wait_for 'Copied DCIM/100PULL/PULL_0010.JPG' 240 >/dev/null
unplug f
line=$(wait_for '(import of card sd[b-z] stopped before it finished|card sd[b-z] was removed before the import finished)' 180)
phase "OK F pulled mid-copy: ${line##*: }"
assert_unchanged f
set_mark; plug_usb f
summary=$(expect_import 'sd[b-z]' '[0-9]+')
phase "OK F plugged back: $summary"
out=$(guest FCOUNT 'find /var/lib/ghostroll/ghostroll -path "*/originals/DCIM/100PULL/*" -type f | wc -l')
[ "$(echo "$out" | head -n 1 | tr -d " \t")" = 80 ] || fail "expected the 80 files of card F exactly once, found: $out"
phase "OK F all 80 files imported exactly once across the interruption"
set_mark; unplug f; expect_removed 'sd[b-z]' >/dev/null; assert_unchanged f

# G: exFAT. exfatprogs cannot add files to an image, so the guest fills the blank card from a FAT source card
# (read-write only here, under another label, so no import starts), then the host relabels it auto-import.
cp "$cards/g.img" "$work/run-g.img"; cp "$cards/gsrc.img" "$work/run-gsrc.img"
plug_virtio g exfatcard; plug_virtio gsrc fillsrc
guest FILL "$(waitdev exfatcard fillsrc)"'; mkdir -p /mnt/x /mnt/s && mount -o ro /dev/disk/by-id/virtio-fillsrc /mnt/s && mount /dev/disk/by-id/virtio-exfatcard /mnt/x && cp -r /mnt/s/DCIM /mnt/x/ && umount /mnt/x /mnt/s && sync' >/dev/null
unplug g; unplug gsrc
exfatlabel "$work/run-g.img" auto-import >/dev/null || fail "exfatlabel failed"
hash_before[g]=$(hash_card "$work/run-g.img")
set_mark; plug_usb g
phase "OK G exFAT: $(expect_import 'sd[b-z]' 6)"
set_mark; unplug g; phase "OK G $(expect_removed 'sd[b-z]')"; assert_unchanged g

# ---- 7. the verbs, as the service account sees them --------------------------------------------------------------
# status as root on SSH: the settings file written at first boot pins the service account's paths.
out=$(guest STATUS '/usr/bin/ghostroll status')
grep -q '^state    idle' <<<"$out" || fail "ghostroll status after the last removal: $out"
grep -q '^session  shoot-' <<<"$out" || fail "ghostroll status as root does not see the service's status.json: $out"
out=$(guest DOCTOR 'runuser -u ghostroll -- /usr/bin/ghostroll doctor')
grep -qE '^OK +cards +kernel can mount vfat' <<<"$out" || fail "ghostroll doctor: $out"
grep -q '^FAIL' <<<"$out" && fail "ghostroll doctor reports a failure in the guest: $out"
grep -qx 'rc=0' <<<"$out" || fail "ghostroll doctor exit code: $out"
out=$(guest SESSIONS 'runuser -u ghostroll -- /usr/bin/ghostroll sessions')
grep -q ' sessions: ' <<<"$out" || fail "ghostroll sessions: $out"
phase "OK status (as root), doctor and sessions (as the ghostroll account) ($(echo "$out" | grep ' sessions: '))"
out=$(guest FAILED 'for u in $(systemctl list-units --failed --no-legend --plain --all "ghostroll*" | cut -d" " -f1); do systemctl status --no-pager -n 30 "$u"; done; echo failed=$(systemctl list-units --failed --no-legend --plain "ghostroll*" | wc -l)')
grep -qx 'failed=0' <<<"$out" || fail "failed ghostroll units in the guest: $out"
# The display daemon runs in its sandbox all along; with no panel it renders frames to PNG files. It draws its first
# frame only after it has started, loaded its font and rendered the screen, which takes seconds under TCG on a
# loaded host (and the unit is "active" as soon as exec succeeds, Type=exec): a single look at the file raced that
# and failed a run whose cards had all passed. Wait for the frame (and a settled, active unit) with a deadline; on
# giving up, show what the unit was doing. NRestarts must stay 0: a daemon that crashed and was restarted
# (Restart=on-failure) is a failure even if a later instance drew a frame.
frame=/var/lib/ghostroll/ghostroll/display/frame.png
out=$(guest DISPLAY 'f='"$frame"'; end=$(($(date +%s) + '"$(secs 180)"')); while :; do a=$(systemctl is-active ghostroll-display.service); [ "$a" = active ] && [ "$(stat -c %U "$f" 2>/dev/null)" = ghostroll ] && break; [ $(date +%s) -ge $end ] && { echo "gave up after '"$(secs 180)"' s waiting for $f (unit $a)"; systemctl status --no-pager -n 30 ghostroll-display.service; ls -la "$(dirname "$f")"; break; }; sleep 0.5; done; echo "state=$(systemctl is-active ghostroll-display.service) owner=$(stat -c %U "$f" 2>/dev/null || echo none) $(systemctl show -p NRestarts ghostroll-display.service)"')
grep -qE '^state=active ' <<<"$out" || fail "ghostroll-display.service is not running: $out"
grep -qE ' owner=ghostroll ' <<<"$out" || fail "the display daemon wrote no frame: $out"
grep -qE ' NRestarts=0$' <<<"$out" || fail "the display daemon crashed and was restarted: $out"
phase "OK display daemon active in its sandbox, frames rendered"
# The upload retry runs in its sandbox too; local-only (no bucket here) it has nothing to do and says so.
# ('started=', not 'rc=': an rc= line ends the guest command's output.)
out=$(guest PUBLISH 'systemctl is-active ghostroll-publish.timer; systemctl start ghostroll-publish.service; echo started=$?; journalctl -u ghostroll-publish.service -o cat --no-pager | tail -n 5')
grep -qx active <<<"$out" || fail "ghostroll-publish.timer is not active: $out"
grep -qx 'started=0' <<<"$out" || fail "ghostroll-publish.service failed in its sandbox: $out"
grep -q 'Nothing to publish' <<<"$out" || fail "ghostroll-publish.service did not say why it had nothing to do: $out"
phase "OK publish retry timer active; a local-only retry exits cleanly in its sandbox"

# ---- 8. the LAN gallery and dashboard, from the host (local-only mode: no bucket here) -----------------------------
# ghostroll-web.service (Debian's nginx with GhostRoll's configuration, in its sandbox) serves the last session at
# the link share.txt carries; the host opens it over the forwarded port with curl and in Chromium at phone size.
out=$(guest WEB 'end=$(($(date +%s) + '"$(secs 60)"')); until [ "$(systemctl is-active ghostroll-web.service)" = active ] || [ $(date +%s) -ge $end ]; do sleep 1; done; systemctl is-active ghostroll-web.service || { systemctl status --no-pager -n 20 ghostroll-web.service; journalctl -u ghostroll-web.service -o cat --no-pager | tail -n 20; }; s=$(ls -d /var/lib/ghostroll/ghostroll/shoot-* | tail -n 1); echo "token=$(cat "$s/lan-token")"; cat "$s/share.txt"; for d in /proc/[0-9]*; do [ "$(cat "$d/comm" 2>/dev/null)" = nginx ] && sed -n "s/^VmRSS:[[:space:]]*\([0-9]*\) kB/rss=\1/p" "$d/status"; done')
grep -qx active <<<"$out" || fail "ghostroll-web.service is not running: $out"
token=$(echo "$out" | sed -n 's/^token=//p')
[[ "$token" =~ ^[A-Za-z0-9_-]{22}$ ]] || fail "the last session has no LAN token: $out"
# Local-only, the session's share link is its LAN link, at the guest's address (QEMU user networking: 10.0.2.15).
link="http://10.0.2.15/$token/"
grep -qxF "$link" <<<"$out" || fail "share.txt does not carry the LAN link $link: $out"
# (set -e: a failing pipeline below would end the script without saying why; hence the '|| ...'.)
nginx_count=$(echo "$out" | grep -c '^rss=' || true)
[ "$nginx_count" -ge 2 ] || fail "no nginx master and worker found in the guest: $out"
rss_kb=$(echo "$out" | sed -n 's/^rss=//p' | paste -sd+ | bc)
host_url="http://127.0.0.1:$web_port"
code() { curl -s -o /dev/null -w '%{http_code}' --path-as-is "$@"; }
web_fail() { # web_fail MESSAGE: fails with what the web server said and what it sees
  fail "$1; the web server's log and view: $(guest WEBDBG 'journalctl -u ghostroll-web.service -o cat --no-pager | tail -n 15; ls -la /var/lib/ghostroll/ghostroll /var/lib/ghostroll/ghostroll/.lan; grep -E "listen|root|alias" /run/ghostroll-web/nginx.conf')"
}
answer=$(code "$host_url/$token/")
[ "$answer" = 200 ] || web_fail "the LAN gallery $host_url/$token/ answers $answer, not 200"
manifest=$(curl -sf "$host_url/$token/manifest.json") || fail "the LAN gallery's manifest.json does not load"
first_id=$(echo "$manifest" | python3 -c 'import json, sys; m = json.load(sys.stdin); print(m["items"][0]["id"]); print(len(m["items"]), file=sys.stderr)' 2>"$work/items.txt") \
  || fail "the LAN gallery's manifest.json lists no items: $manifest"
items=$(cat "$work/items.txt")
[ "$(code "$host_url/AAAAAAAAAAAAAAAAAAAAAA/")" = 404 ] || fail "an unknown token does not answer 404"
[ "$(code "$host_url/$token/originals/")" = 404 ] || fail "the originals are reachable over the LAN"
[ "$(code "$host_url/$token/../etc/passwd")" = 404 ] || fail "a path outside the sessions does not answer 404"
# Climbing above the web root is refused by nginx itself before any location (400 Bad Request).
answer=$(code "$host_url/$token/../../../etc/passwd")
[ "$answer" = 400 ] || [ "$answer" = 404 ] || fail "a path climbing above the web root answers $answer"
[ "$(code "$host_url/")" = 401 ] || fail "the dashboard answers without its password"
[ "$(code -u ghostroll:wrong-password "$host_url/")" = 401 ] || fail "the dashboard takes a wrong password"
[ "$(code -u ghostroll:vm-test-dashboard "$host_url/")" = 200 ] || fail "the dashboard refuses the password set at first boot"
phase "OK LAN: $link answers 200 (forwarded to $host_url), unknown token, originals and ../ 404, dashboard 401 without and 200 with its password; nginx $nginx_count processes, $((rss_kb / 1024)) MB RSS together"
# A real browser at phone size: the tiles load from the manifest, and the link to one photo opens the viewer.
dom=$(timeout "$(secs 120)" chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --window-size=390,844 --virtual-time-budget=20000 --dump-dom \
  "$host_url/$token/#$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$first_id")" 2>"$work/chromium.log") \
  || { tail -n 20 "$work/chromium.log"; fail "Chromium could not open the LAN gallery"; }
tiles=$( (echo "$dom" | grep -o '<a class="tile' || true) | wc -l)
[ "$tiles" -eq "$items" ] || fail "Chromium shows $tiles tiles for the $items items of the LAN gallery's manifest"
grep -q '<div id="lb" role="dialog"[^>]*hidden' <<<"$dom" && fail "the photo viewer did not open from the link to $first_id"
grep -q '<div id="lb" role="dialog"' <<<"$dom" || fail "Chromium's page has no photo viewer"
phase "OK LAN gallery in Chromium (390x844): $tiles tiles, the viewer opens on $first_id"

# ---- 9. done ----------------------------------------------------------------------------------------------------
phase "PASSED: all card paths imported, removals noticed, no card written, LAN gallery and dashboard served"
