#!/usr/bin/env bash
# Boot test of the SD image itself (image-build/build.sh's ghostroll-<version>-arm64.img) in arm64 emulation:
#   qemu-system-aarch64 -M virt -cpu cortex-a53 -smp 2 -accel tcg, with the kernel and initramfs taken from the
#   image's own boot partition (mtools, no mount) and the whole image as the disk (a qcow2 overlay 3 GiB large, so
#   the first boot has a bigger "card" to grow into). The virt board is not a Pi: what is tested is the image's root
#   file system, its units and first boot, not the Pi firmware or its device trees.
#   1. a ghostroll.env on the boot partition (host name, SSH key, Wi-Fi, an S3 secret) -> first boot applied it:
#      host name, SSH login with that key (no password anywhere), Wi-Fi profile 0600, settings file 0600 owned by
#      ghostroll, ghostroll.env gone and its .applied copy without the secrets; root grown; journal persistent;
#   2. a FAT32 card labelled auto-import with photos from the camera fixtures hot-plugged over QMP (virtio-blk on a
#      PCIe root port) -> udev + systemd import it by themselves: session, gallery (index.html, manifest.json,
#      thumbnails, share images) and status.png checked in the guest over SSH;
#   3. the LAN gallery of that session from the host over a forwarded port 80 (the link in share.txt answers 200,
#      an unknown token and the originals 404) and the dashboard (401 without, 200 with the password from
#      ghostroll.env), served by the image's own nginx;
#   4. the card unplugged -> the import unit notices the removal.
#   image-build/boot-test.sh [IMAGE [WORKDIR]]   IMAGE (or GRTEST_IMAGE): default, build one (build.sh --no-xz)
#   GRTEST_TIMEOUT_SCALE=N  multiply every deadline (TCG on a loaded machine)   GRTEST_VM_KEEP=1  keep WORKDIR
# Needs root and the tools in image-build/apt-image.txt (qemu-system-arm, qemu-utils, mtools, device-tree-compiler, ...).
set -euo pipefail
image=${1:-${GRTEST_IMAGE:-}}
here=$(cd "$(dirname "$0")/../tests/vm" && pwd)
# shellcheck source=../tests/vm/lib.sh
. "$here/lib.sh"
vm_init "${2:-}"
vm_require_tools qemu-system-aarch64 qemu-img mcopy mdir mkfs.vfat sfdisk ssh ssh-keygen python3 fdtget
if [ -z "$image" ]; then
  phase "building the image (image-build/build.sh --no-xz)"
  image=$("$repo/image-build/build.sh" --no-xz --out "$repo/artifacts/image-test" | tail -n 1) || fail "image-build/build.sh failed"
fi
image=$(realpath "$image")
[ -f "$image" ] || fail "no image at $image (build it with image-build/build.sh)"

# ---- 1. kernel and initramfs out of the image's boot partition, ghostroll.env into a copy of it ------------------
boot_offset=$(( $(sfdisk -d "$image" | sed -n 's/.*: *start= *\([0-9]*\).*type=c.*/\1/p' | head -n 1) * 512 ))
[ "$boot_offset" -gt 0 ] || fail "no FAT boot partition (type c) in $image"
fat="$image@@$boot_offset"
kernel=$(mdir -b -i "$fat" ::/ | sed -n 's|^::/\(vmlinuz-.*\)|\1|p' | head -n 1)
initrd=$(mdir -b -i "$fat" ::/ | sed -n 's|^::/\(initrd.img-.*\)|\1|p' | head -n 1)
[ -n "$kernel" ] && [ -n "$initrd" ] || fail "the boot partition holds no vmlinuz-*/initrd.img-*"
mcopy -n -i "$fat" "::/$kernel" "$work/vmlinuz"
mcopy -n -i "$fat" "::/$initrd" "$work/initrd.img"
phase "kernel $kernel and its initramfs taken from the image"

# What the Pi firmware reads (the virt board below does not): config.txt names this kernel and initramfs, cmdline.txt
# finds root by label, and every Pi device tree has SPI0 on with a spidev on CE0 (ghostroll-enable-spi).
mcopy -n -i "$fat" ::/config.txt ::/cmdline.txt "$work/"
grep -qx "kernel=$kernel" "$work/config.txt" && grep -qx "initramfs $initrd" "$work/config.txt" && grep -qx 'arm_64bit=1' "$work/config.txt" \
  || fail "config.txt does not boot $kernel with $initrd in 64-bit mode: $(grep -v '^#' "$work/config.txt" | tr '\n' ' ')"
grep -q 'root=LABEL=RASPIROOT ' "$work/cmdline.txt" || fail "cmdline.txt does not find root by label: $(cat "$work/cmdline.txt")"
dtbs=$(mdir -b -i "$fat" ::/ | sed -n 's|^::/\(bcm2[78][0-9]*-rpi-.*\.dtb\)$|\1|p')
[ -n "$dtbs" ] || fail "no Raspberry Pi device trees on the boot partition"
for dtb in $dtbs; do
  mcopy -n -i "$fat" "::/$dtb" "$work/$dtb"
  [ "$(fdtget "$work/$dtb" /soc/spi@7e204000 status)" = okay ] && [ "$(fdtget "$work/$dtb" /soc/spi@7e204000/spidev@0 compatible)" = rohm,dh2228fv ] \
    && [ "$(fdtget "$work/$dtb" /soc/i2c@7e804000 status)" = okay ] || fail "$dtb: SPI0 with spidev@0 or I2C1 is not on"
done
phase "OK boot files: config.txt, cmdline.txt, SPI0 + spidev and I2C1 on in $(echo "$dtbs" | wc -w) device trees ($(echo $dtbs | sed 's/\.dtb//g'))"

cp --sparse=always "$image" "$work/disk.img"
ssh-keygen -q -t ed25519 -N '' -C boot-test@host -f "$work/id"
secret="bootTestSecret$RANDOM$RANDOM"
wifi_pass="wifiPass$RANDOM$RANDOM"
dashboard_pass="dash$RANDOM$RANDOM"
cat >"$work/ghostroll.env" <<EOF
# what a user writes on the boot partition before the first boot
HOSTNAME=boot-test-pi
SSH_AUTHORIZED_KEY=$(cat "$work/id.pub")
WIFI_SSID=Studio Wi-Fi
WIFI_PASSPHRASE=$wifi_pass
AWS_ACCESS_KEY_ID=AKIDBOOTTEST
AWS_SECRET_ACCESS_KEY=$secret
SD_LABEL=auto-import
GHOSTROLL_DASHBOARD_PASSWORD=$dashboard_pass
EOF
mcopy -i "$work/disk.img@@$boot_offset" "$work/ghostroll.env" ::/ghostroll.env

# ---- 2. the card (FAT32 superfloppy labelled auto-import, photos from the fixtures) ------------------------------
mkdir -p "$work/card/DCIM/100CANON"
cp "$fixtures"/cards/basic/DCIM/100CANON/*.JPG "$work/card/DCIM/100CANON/"
photos=$(find "$work/card/DCIM" -type f | wc -l)
names=$(cd "$work/card/DCIM/100CANON" && ls | sed 's/\.[^.]*$//' | tr '\n' ' ')
superfloppy "$work/card.img" auto-import 64 "$work/card"
card_hash=$(sha256sum "$work/card.img" | cut -d' ' -f1)

# ---- 3. boot ------------------------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ssh_port=$(free_port)
web_port=$(free_port)
cd "$work"
qemu-img create -q -f qcow2 -b disk.img -F raw run.qcow2 3G
boot_start=$(date +%s)
# A PCIe root port: the virt board's root bus takes no hot-plugged devices, a root port does (the card goes there).
qemu-system-aarch64 -M virt -cpu cortex-a53 -smp 2 -m 1024 -accel tcg -display none -monitor none -no-reboot \
  -kernel vmlinuz -initrd initrd.img -append 'root=LABEL=RASPIROOT rw rootwait console=ttyAMA0 net.ifnames=0' \
  -drive file=run.qcow2,if=none,id=disk,format=qcow2 -device virtio-blk-pci,drive=disk \
  -netdev user,id=net0,hostfwd=tcp:127.0.0.1:$ssh_port-:22,hostfwd=tcp:127.0.0.1:$web_port-:80 -device virtio-net-pci,netdev=net0 \
  -device pcie-root-port,id=slot1,bus=pcie.0,chassis=1 \
  -chardev socket,id=ser0,path="$work/serial.sock",server=on,wait=off,logfile="$work/serial.log" -serial chardev:ser0 \
  -qmp unix:"$work/qmp.sock",server=on,wait=off -pidfile "$work/qemu.pid" -daemonize 2>"$work/qemu.err" \
  || { cat "$work/qemu.err"; fail "qemu-system-aarch64 did not start"; }
qemu_pid=$(cat "$work/qemu.pid")

ssh_opts=(-i "$work/id" -p "$ssh_port" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
  -o LogLevel=ERROR -o ConnectTimeout=10 -o ServerAliveInterval=10)
guest_ssh() { ssh "${ssh_opts[@]}" root@127.0.0.1 "$@"; }
until_guest() { # until_guest SECONDS WHAT 'shell test': polls the test in the guest over SSH until it succeeds
  local end=$(( $(date +%s) + $(secs "$1") ))
  until guest_ssh "$3" >/dev/null 2>&1; do
    kill -0 "$qemu_pid" 2>/dev/null || fail "the guest stopped while waiting for $2"
    [ "$(date +%s)" -lt "$end" ] || fail "timed out after $(secs "$1") s waiting for $2"
    sleep 3
  done
}
# The only way in is the key from ghostroll.env: a login proves first boot installed it.
until_guest 900 "an SSH login with the key from ghostroll.env" true
phase "guest up, SSH login with the ghostroll.env key works ($(( $(date +%s) - boot_start )) s after power-on)"
until_guest 300 "the end of first boot" 'timeout 120 systemctl is-system-running --wait >/dev/null; s=$(systemctl is-system-running); [ "$s" = running ] || [ "$s" = degraded ]'

# ---- 4. first boot --------------------------------------------------------------------------------------------
out=$(guest_ssh 'hostname; echo "--"; systemctl --failed --no-legend --plain | cut -d" " -f1; echo "--";
  ls /boot/firmware/ghostroll.env 2>&1 | sed "s/.*No such file.*/env-removed/"; cat /boot/firmware/ghostroll.env.applied; echo "--";
  stat -c "%a %U" /etc/ghostroll/ghostroll.env /etc/NetworkManager/system-connections/ghostroll-wifi.nmconnection; echo "--";
  grep -c "^AWS_SECRET_ACCESS_KEY='"$secret"'\$" /etc/ghostroll/ghostroll.env; grep -c "^psk='"$wifi_pass"'\$" /etc/NetworkManager/system-connections/ghostroll-wifi.nmconnection;
  grep -c "'"$wifi_pass"'" /etc/ghostroll/ghostroll.env; grep -rlE "'"$secret|$wifi_pass|$dashboard_pass"'" /boot/firmware | wc -l; journalctl -b -o cat | grep -cE "'"$secret|$wifi_pass|$dashboard_pass"'"; echo "--";
  sshd -T 2>/dev/null | grep -E "^(passwordauthentication|kbdinteractiveauthentication)"; passwd -S root | cut -d" " -f2; echo "--";
  findmnt -n -o SIZE / | tr -d " "; ls -d /var/log/journal/*/ | wc -l; systemctl is-enabled systemd-timesyncd; true') || fail "could not read the first-boot results over SSH"
echo "$out" | sed 's/^/    /'
section() { echo "$out" | awk -v n="$1" '/^--$/ {i++; next} i == n'; }
[ "$(section 0)" = boot-test-pi ] || fail "first boot did not set the host name: $(section 0)"
[ -z "$(section 1 | grep -v '^$' || true)" ] || fail "units failed in the guest: $(section 1 | tr '\n' ' ')"
grep -qx env-removed <<<"$(section 2)" || fail "ghostroll.env is still on the boot partition"
grep -qx 'AWS_SECRET_ACCESS_KEY=(hidden)' <<<"$(section 2)" || fail "ghostroll.env.applied does not show the secret as hidden"
grep -qx 'WIFI_PASSPHRASE=(hidden)' <<<"$(section 2)" || fail "ghostroll.env.applied does not show the Wi-Fi passphrase as hidden"
if grep -qE "$secret|$wifi_pass|$dashboard_pass" <<<"$out"; then fail "a secret from ghostroll.env is readable where it should not be"; fi
[ "$(section 3 | tr '\n' ' ')" = "600 ghostroll 600 root " ] || fail "settings file / Wi-Fi profile modes: $(section 3 | tr '\n' ' ')"
[ "$(section 4 | tr '\n' ' ')" = "1 1 0 0 0 " ] || fail "secrets: expected the S3 secret in the settings file, the passphrase only in the Wi-Fi profile, neither on the boot partition nor in the journal (counts: $(section 4 | tr '\n' ' '))"
grep -qx 'passwordauthentication no' <<<"$(section 5)" || fail "sshd accepts passwords"
grep -qx 'L' <<<"$(section 5)" || fail "root has a usable password"
grep -qE '^[2-3](\.[0-9]+)?G$' <<<"$(section 6 | sed -n 1p)" || fail "the root file system did not grow to the 3 GiB disk: $(section 6 | head -n 1)"
[ "$(section 6 | sed -n 2p)" = 1 ] || fail "the journal is not persistent (/var/log/journal/<machine-id> missing)"
if guest_ssh 'grep -rq . /boot/firmware/ghostroll.env 2>/dev/null' ; then fail "ghostroll.env came back"; fi
phase "OK first boot: host name, SSH key, Wi-Fi profile, settings applied; secrets blanked; root $(section 6 | head -n 1); journal persistent"

# ---- 5. the card ------------------------------------------------------------------------------------------------
mark_line=$(guest_ssh 'journalctl -q -n 0 --show-cursor | sed -n "s/^-- cursor: //p"')
qmp '{"execute":"blockdev-add","arguments":{"node-name":"card","driver":"raw","read-only":false,"file":{"driver":"file","filename":"'"$work/card.img"'"}}}' \
    '{"execute":"device_add","arguments":{"driver":"virtio-blk-pci","drive":"card","id":"card0","bus":"slot1","serial":"bootcard"}}'
phase "card plugged in ($photos photos)"
journal_since() { guest_ssh "journalctl -q -o cat --after-cursor='$mark_line' $1"; }
until_guest 1200 "the import of the card to finish" "journalctl -q -o cat --after-cursor='$mark_line' | grep -qE 'import of card vd[a-z]+ finished'"
line=$(journal_since "" | grep -m 1 -E 'import of card vd[a-z]+ finished' | sed -E 's/.*(import of card)/\1/')
grep -qE "finished \\([A-Za-z]+\\): $photos new" <<<"$line" || fail "the import did not report $photos new photos: $line"
phase "OK import by udev + systemd: $line"

out=$(guest_ssh 'cd /var/lib/ghostroll/ghostroll && s=$(ls -d shoot-* | tail -n 1) && echo "$s" && echo "--" &&
  find "$s/originals" -type f | wc -l && find "$s/derived/thumbs" -type f | wc -l && find "$s/derived/share" -type f | wc -l && echo "--" &&
  ls "$s/index.html" "$s/manifest.json" && for n in '"$names"'; do grep -q "$n" "$s/manifest.json" && echo "$n"; done | wc -l && echo "--" &&
  head -c 8 status.png | od -An -tx1 | tr -d " \n"; echo; echo "--"; runuser -u ghostroll -- ghostroll sessions 2>&1') || fail "could not read the session over SSH: $out"
echo "$out" | sed 's/^/    /'
session=$(section 0)
[ -n "$session" ] || fail "no session folder in /var/lib/ghostroll/ghostroll"
[ "$(section 1 | tr '\n' ' ')" = "$photos $photos $photos " ] || fail "expected $photos originals, thumbnails and share images: $(section 1 | tr '\n' ' ')"
grep -q "$session/index.html" <<<"$(section 2)" || fail "the session has no gallery index.html"
[ "$(section 2 | tail -n 1)" = "$photos" ] || fail "manifest.json does not list the $photos photos ($names)"
[ "$(section 3)" = 89504e470d0a1a0a ] || fail "status.png is not a PNG: $(section 3)"
grep -q "$session" <<<"$(section 4)" || fail "'ghostroll sessions' does not list $session"
phase "OK session $session: $photos originals, thumbnails and share images, gallery, status.png"

# ---- 6. the LAN gallery and the dashboard, from the host ------------------------------------------------------
# Local-only (no bucket in ghostroll.env): share.txt carries the LAN link at the guest's address (QEMU user
# networking: 10.0.2.15), served by ghostroll-web.service (the image's nginx with GhostRoll's configuration).
out=$(guest_ssh 'cd /var/lib/ghostroll/ghostroll && s=$(ls -d shoot-* | tail -n 1) && echo "token=$(cat "$s/lan-token")" && cat "$s/share.txt"; systemctl is-active ghostroll-web.service') \
  || fail "could not read the LAN link over SSH: $out"
token=$(sed -n 's/^token=//p' <<<"$out")
[[ "$token" =~ ^[A-Za-z0-9_-]{22}$ ]] || fail "the session has no LAN token: $out"
grep -qxF "http://10.0.2.15/$token/" <<<"$out" || fail "share.txt does not carry the LAN link http://10.0.2.15/$token/: $out"
host_url="http://127.0.0.1:$web_port"
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$@" || true; }
answer=$(code "$host_url/$token/")
[ "$answer" = 200 ] || fail "the LAN gallery answers $answer, not 200 (ghostroll-web.service: $(tail -n 1 <<<"$out"))"
curl -sf --max-time 60 "$host_url/$token/manifest.json" | grep -q "$(cut -d' ' -f1 <<<"$names")" || fail "the LAN gallery's manifest.json does not list the photos"
[ "$(code "$host_url/AAAAAAAAAAAAAAAAAAAAAA/")" = 404 ] || fail "an unknown token does not answer 404"
[ "$(code "$host_url/$token/originals/")" = 404 ] || fail "the originals are reachable over the LAN"
[ "$(code "$host_url/")" = 401 ] || fail "the dashboard answers without its password"
[ "$(code -u "ghostroll:$dashboard_pass" "$host_url/")" = 200 ] || fail "the dashboard refuses the password from ghostroll.env"
phase "OK LAN: http://10.0.2.15/$token/ answers 200 from the host, unknown token and originals 404, dashboard 401 without and 200 with its password"

# ---- 7. removal -----------------------------------------------------------------------------------------------
qmp '{"execute":"device_del","arguments":{"id":"card0"}}' "wait:DEVICE_DELETED:$(secs 120):card0" '{"execute":"blockdev-del","arguments":{"node-name":"card"}}'
until_guest 180 "the removal to be noticed" "journalctl -q -o cat --after-cursor='$mark_line' | grep -qE 'card vd[a-z]+ removed; ready for the next card'"
phase "OK removal noticed: $(journal_since "" | grep -m 1 -E 'card vd[a-z]+ removed' | sed -E 's/.*(card vd)/\1/')"
[ "$(sha256sum "$work/card.img" | cut -d' ' -f1)" = "$card_hash" ] || fail "the card image was written to"

guest_ssh 'systemctl poweroff' >/dev/null 2>&1 || true
for _ in $(seq 1 150); do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 0.2; done
phase "PASSED: the image booted, applied ghostroll.env, imported a hot-plugged card, served its LAN gallery and noticed its removal ($(( $(date +%s) - boot_start )) s from power-on)"
