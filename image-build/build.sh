#!/usr/bin/env bash
# Builds the flashable Raspberry Pi SD image ghostroll-<version>-arm64.img (+ .img.xz) without a Pi, without loop
# devices and without mounts, the way Debian's own Raspberry Pi images are made (Debian bookworm arm64 from Debian's
# archive, raspi-firmware + linux-image-arm64 + firmware-brcm80211), then GhostRoll's .deb on top:
#   1. root file system: mmdebstrap --arch=arm64 (maintainer scripts run under qemu-user through binfmt_misc),
#      cached as a folder keyed by its package list and boot settings (reruns skip the download and configuration);
#   2. the ghostroll .deb installed with dpkg in a chroot (its Depends are already in step 1), plus rootfs/ from this
#      folder (first boot, SSH, journal, growing the root file system);
#   3. boot partition: FAT32 made with mkfs.vfat -C and filled with mcopy from the files raspi-firmware put in
#      /boot/firmware (firmware, kernel, initramfs, device trees, config.txt, cmdline.txt);
#      root partition: ext4 made with mke2fs -d from the folder;
#   4. layout: an MBR (the Pi 3 boot ROM reads only MBR) written by sfdisk into a sparse file, both partitions copied
#      in with dd conv=notrunc; then xz.
# docs/image.md says what is in the image, which boards boot it and what first boot does.
#
#   image-build/build.sh [--deb FILE] [--out DIR] [--no-xz]
#       --deb    the arm64 package (default: the newest artifacts/deb/ghostroll_*_arm64.deb, built by .ci/aot-gate or
#                image-build/deb/build-deb arm64)
#       --out    where the image goes (default artifacts/image)
#       --no-xz  skip the compressed copy (the boot test boots the raw image)
#   IMAGE_CACHE=DIR  where downloaded base roots are kept (default /var/tmp/ghostroll-image-cache)
# Needs root (device nodes and file ownership in the root file system) and the tools in image-build/apt-image.txt.
# Prints the image paths.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
cache=${IMAGE_CACHE:-/var/tmp/ghostroll-image-cache}
out=$repo/artifacts/image
deb=""
compress=1
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-xz) compress=0; shift ;;
    --base) echo "build.sh: --base (customising a Raspberry Pi OS Lite image) is not implemented yet; see docs/image.md" >&2; exit 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
start=$(date +%s)
say() { printf '[image %4ss] %s\n' "$(( $(date +%s) - start ))" "$*" >&2; }
die() { say "FAIL: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (the root file system keeps root-owned files and device nodes); run it with sudo"
for tool in mmdebstrap qemu-aarch64-static update-binfmts mkfs.vfat mcopy mke2fs sfdisk xz dpkg-deb; do
  command -v "$tool" >/dev/null || die "missing '$tool': apt-get install \$(sed 's/#.*//' image-build/apt-image.txt)"
done
if [ -z "$deb" ]; then
  deb=$(ls -t "$repo"/artifacts/deb/ghostroll_*_arm64.deb 2>/dev/null | head -n 1 || true)
  [ -n "$deb" ] || die "no artifacts/deb/ghostroll_*_arm64.deb: build it first (.ci/aot-gate, or image-build/deb/build-deb arm64) or pass --deb FILE"
fi
[ "$(dpkg-deb -f "$deb" Architecture)" = arm64 ] || die "$deb is not an arm64 package"
version=$(dpkg-deb -f "$deb" Version)
version=${version%-*}
export MTOOLS_SKIP_CHECK=1 LC_ALL=C

# ---- binfmt_misc: arm64 maintainer scripts run through qemu-aarch64-static; undone on exit if we set it up -------
binfmt_mounted=0; binfmt_enabled=0
cleanup() {
  [ -z "${rootfs:-}" ] || rm -rf "$rootfs"
  [ "$binfmt_enabled" = 0 ] || update-binfmts --disable qemu-aarch64 >/dev/null 2>&1 || true
  [ "$binfmt_mounted" = 0 ] || umount /proc/sys/fs/binfmt_misc 2>/dev/null || true
}
trap cleanup EXIT
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || die "cannot mount binfmt_misc (needed to run arm64 maintainer scripts)"
  binfmt_mounted=1
fi
if ! grep -qx enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
  update-binfmts --enable qemu-aarch64 || die "update-binfmts --enable qemu-aarch64 failed (apt-get install qemu-user-static binfmt-support)"
  binfmt_enabled=1
fi

# ---- 1. base root file system (cached) ------------------------------------------------------------------------
# What a Debian Raspberry Pi image has (raspi-firmware, the generic arm64 kernel, Broadcom Wi-Fi firmware), what an
# appliance on a network needs (SSH, NetworkManager + wpasupplicant for Wi-Fi, time sync, CA certificates for S3),
# growpart for the first-boot resize, and GhostRoll's own Depends and Recommends (ffmpeg: clips without metadata).
packages=(raspi-firmware linux-image-arm64 firmware-brcm80211 wireless-regdb initramfs-tools systemd-sysv udev dbus
  systemd-timesyncd openssh-server network-manager wpasupplicant iproute2 iputils-ping ca-certificates tzdata
  cloud-guest-utils fdisk e2fsprogs dosfstools kmod less device-tree-compiler)
mapfile -t -O "${#packages[@]}" packages < <( { dpkg-deb -f "$deb" Depends; echo ,; dpkg-deb -f "$deb" Recommends; } \
  | tr ',' '\n' | sed 's/([^)]*)//g; s/|.*//; s/[[:space:]]//g' | sed '/^$/d')
include=$(printf '%s\n' "${packages[@]}" | sort -u | paste -sd,)
key=$( { echo "base-v2 $include"; cat "$here"/raspi/*; } | sha256sum | cut -c1-16)
base="$cache/base-$key"
mkdir -p "$cache" "$out"
if [ ! -f "$base/etc/debian_version" ]; then
  # An mmdebstrap stopped from outside leaves /proc, /sys and /dev mounted inside its unfinished root: unmount them
  # before deleting it, or rm would reach into the host's.
  if [ -d "$base.tmp" ]; then
    awk -v d="$base.tmp/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
    ! awk -v d="$base.tmp/" 'index($2, d) == 1 { found = 1 } END { exit !found }' /proc/mounts \
      || die "$base.tmp still has mounts inside it; unmount them, then run again"
  fi
  rm -rf "$base.tmp"
  say "building the base root file system $key (mmdebstrap bookworm arm64; several minutes the first time)"
  # raspi-firmware writes config.txt and cmdline.txt from /etc/default/raspi-firmware{,-custom} when the kernel is
  # installed, and the kernel's postinst builds the initramfs, so both settings and the initramfs configuration
  # (MODULES=list and its hook) are in place before the packages (essential hooks); /boot/firmware must exist for
  # raspi-firmware's hook. --dpkgopt copies raspi/dpkg-excludes to /etc/dpkg/dpkg.cfg.d (no manuals, translations or
  # unneeded kernel drivers, now and on later upgrades); force-confold keeps those settings files when their
  # packages arrive with their own (without it dpkg asks, and with no terminal raspi-firmware fails to configure).
  # Step 2 takes force-confold out again, so that the appliance's own upgrades ask as on any Debian system.
  mmdebstrap --arch=arm64 --variant=apt --components=main,non-free-firmware --include="$include" \
    --aptopt='Acquire::Retries "3"' --dpkgopt="$here/raspi/dpkg-excludes" --dpkgopt=force-confold \
    --setup-hook='mkdir -p "$1/boot/firmware"' \
    --essential-hook="install -D -m 644 '$here/raspi/raspi-firmware' \"\$1/etc/default/raspi-firmware\"" \
    --essential-hook="install -D -m 644 '$here/raspi/raspi-firmware-custom' \"\$1/etc/default/raspi-firmware-custom\"" \
    --essential-hook="install -D -m 644 '$here/raspi/initramfs.conf' \"\$1/etc/initramfs-tools/conf.d/ghostroll-image.conf\"" \
    --essential-hook="install -D -m 755 '$here/raspi/initramfs-hook' \"\$1/etc/initramfs-tools/hooks/ghostroll-image\"" \
    bookworm "$base.tmp" http://deb.debian.org/debian >"$cache/mmdebstrap.log" 2>&1 \
    || { tail -n 40 "$cache/mmdebstrap.log" >&2; die "mmdebstrap failed (log: $cache/mmdebstrap.log)"; }
  rm -rf "$cache"/base-*[0-9a-f]
  mv "$base.tmp" "$base"
else
  say "using the cached base root file system $key"
fi

# ---- 2. GhostRoll and the appliance's settings --------------------------------------------------------------
rootfs=$(mktemp -d /var/tmp/ghostroll-image-rootfs-XXXXXX)
cp -a "$base/." "$rootfs/"
cp "$deb" "$rootfs/tmp/ghostroll.deb"
# The package's postinst creates the account and enables the units (systemctl works offline in a chroot).
chroot "$rootfs" dpkg -i /tmp/ghostroll.deb >"$cache/dpkg.log" 2>&1 || { cat "$cache/dpkg.log" >&2; die "dpkg -i of $deb failed in the image"; }
rm "$rootfs/tmp/ghostroll.deb"
sed -i '/^force-confold$/d' "$rootfs"/etc/dpkg/dpkg.cfg.d/*
cp -a "$here/rootfs/." "$rootfs/"
# raspi/dpkg-excludes leaves out Mesa's DRI drivers and LLVM, which ffmpeg's libraries pull in but never load for
# decoding and remuxing: both tools must still start.
for tool in ffmpeg ffprobe; do
  chroot "$rootfs" "$tool" -hide_banner -version >/dev/null 2>"$cache/$tool.log" || { cat "$cache/$tool.log" >&2; die "$tool does not start in the image"; }
done
# SPI0 on in the device trees raspi-firmware copied (the same script runs from the kernel hooks on every update).
chroot "$rootfs" /usr/local/sbin/ghostroll-enable-spi /boot/firmware || die "ghostroll-enable-spi failed"
install -d -m 700 "$rootfs/root/.ssh"
install -d -m 700 "$rootfs/etc/NetworkManager/system-connections"
echo ghostroll >"$rootfs/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tghostroll\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$rootfs/etc/hosts"
mkdir -p "$rootfs/var/log/journal"
# Every card gets its own SSH host keys on first boot (ghostroll-ssh-keys.service), never the ones made here.
rm -f "$rootfs"/etc/ssh/ssh_host_*
# No password for anyone: root stays locked ('*'); the only way in is the SSH key from ghostroll.env.
chroot "$rootfs" passwd -l root >/dev/null
# Debian's own nginx.service (the package's default site) would take port 80 from ghostroll-web.service, which runs
# nginx with GhostRoll's configuration: on the appliance it is masked.
chroot "$rootfs" systemctl mask nginx.service >"$cache/mask.log" 2>&1 || { cat "$cache/mask.log" >&2; die "systemctl mask nginx failed in the image"; }
# The field hotspot is enabled here only: the .deb leaves it off, since on a laptop it would take over the Wi-Fi.
chroot "$rootfs" systemctl enable ghostroll-growroot.service ghostroll-ssh-keys.service ghostroll-hotspot.service systemd-timesyncd.service \
  >"$cache/enable.log" 2>&1 || { cat "$cache/enable.log" >&2; die "systemctl enable failed in the image"; }
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
: >"$rootfs/etc/machine-id" # empty: systemd makes a new one on first boot

# ---- 3. partitions ------------------------------------------------------------------------------------------
boot_mb=256
work="$cache/work"; rm -rf "$work"; mkdir -p "$work"
ls "$rootfs"/boot/firmware/vmlinuz* "$rootfs"/boot/firmware/initrd.img* "$rootfs/boot/firmware/config.txt" >/dev/null 2>&1 \
  || die "raspi-firmware did not fill /boot/firmware (kernel, initramfs, config.txt missing; see $cache/mmdebstrap.log)"
mkfs.vfat -C -F 32 -n RASPIFIRM "$work/boot.img" $((boot_mb * 1024)) >/dev/null
mcopy -s -m -i "$work/boot.img" "$rootfs"/boot/firmware/* ::/
rm -rf "${rootfs:?}"/boot/firmware/*
used_mb=$(du -sm --apparent-size "$rootfs" | cut -f1)
# Room for the package database, logs and the first sessions; growpart gives it the whole card on first boot.
root_mb=$(( (used_mb * 115 / 100 + 160 + 63) / 64 * 64 ))
mke2fs -q -t ext4 -L RASPIROOT -d "$rootfs" "$work/root.img" "${root_mb}M" || die "mke2fs -d failed"
rm -rf "$rootfs"; rootfs=""

# ---- 4. the card image ---------------------------------------------------------------------------------------
img="$out/ghostroll-$version-arm64.img"
rm -f "$img" "$img.xz"
total_mb=$((4 + boot_mb + root_mb))
truncate -s "${total_mb}M" "$img"
sfdisk --quiet "$img" <<EOT
label: dos
start=4MiB, size=${boot_mb}MiB, type=c, bootable
start=$((4 + boot_mb))MiB, type=83
EOT
dd if="$work/boot.img" of="$img" bs=1M seek=4 conv=notrunc,sparse status=none
dd if="$work/root.img" of="$img" bs=1M seek=$((4 + boot_mb)) conv=notrunc,sparse status=none
rm -rf "$work"
say "image: $img ($total_mb MiB raw; root $root_mb MiB, $used_mb MiB of files)"
echo "$img"
if [ "$compress" = 1 ]; then
  xz -T2 -6 -k "$img"
  say "compressed: $img.xz ($(( $(stat -c %s "$img.xz") / 1048576 )) MiB)"
  echo "$img.xz"
fi
