# Shared by the QEMU tests (run-e2e.sh, run-power-loss.sh): sourced, not run. It sets up the work folder, checks the
# host tools, publishes the Native AOT binary, builds (or reuses) the cached Debian base image, installs GhostRoll into
# a copy of it with debugfs (no loop device, no mount), boots it, and talks to the guest over its serial console and QMP.
# The caller sets 'here' (tests/vm) and calls vm_init WORKDIR first.
#
# Every wait is for a condition (a console line, a device, a file, a QMP event) with a stated deadline sized for
# TCG on a loaded 2-core machine; a wait that gives up says what it was waiting for.

# The guest's packages: both tests boot the same base image, so this list (and the key below) is shared; a package
# one test needs is added here, not in a second list, or CI would build two base images.
vm_packages=systemd-sysv,udev,linux-image-amd64,kmod,libsqlite3-0,libturbojpeg0,libjpeg62-turbo,liblcms2-2,libssl3,libheif1,libwebp7,libfreetype6,fonts-dejavu-core,libcrypt1,nginx-light

vm_init() { # vm_init [WORKDIR]
  repo=$(cd "$here/../.." && pwd)
  work=${1:-$(mktemp -d /var/tmp/ghostroll-vm-XXXXXX)}
  cache=${GRTEST_VM_CACHE:-/var/tmp/ghostroll-vm-cache}
  fixtures=${GRTEST_FIXTURES:-$(cd "$repo/../shared/fixtures" 2>/dev/null && pwd || true)}
  export MTOOLS_SKIP_CHECK=1 LC_ALL=C
  mkdir -p "$work" "$cache"
  work=$(cd "$work" && pwd)
  start=$(date +%s.%N)
  main_pid=$$
  trap 'exit 1' USR1
  qemu_pid=""
  trap vm_cleanup EXIT
  scale=${GRTEST_TIMEOUT_SCALE:-1}
  [[ "$scale" =~ ^[1-9][0-9]*$ ]] || fail "GRTEST_TIMEOUT_SCALE must be a positive integer, not '$scale'"
  mark=0
}

phase() { printf '[vm %6.1fs] %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$*"; }
# fail may run inside $(...): report on stderr and stop the whole script, not just the subshell.
fail() {
  { phase "FAIL: $*"; if [ -f "$work/serial.log" ]; then echo "---- last console lines ----"; tail -n 80 "$work/serial.log" | tr -d '\r'; fi; } >&2
  [ "$BASHPID" = "$main_pid" ] || kill -USR1 "$main_pid"
  exit 1
}

vm_cleanup() {
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then kill "$qemu_pid" 2>/dev/null || true; fi
  if [ "${GRTEST_VM_KEEP:-0}" != 1 ]; then rm -rf "$work"; else echo "[vm] kept $work"; fi
}

vm_require_tools() { # vm_require_tools TOOL...: root and the host tools the caller needs
  [ "$(id -u)" = 0 ] || fail "needs root (mmdebstrap builds the guest's device nodes and file ownership as root)"
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || fail "missing tool '$tool': run .ci/install-deps test (see .ci/deps/apt-appliance.txt)"
  done
  [ -d "$fixtures/cards" ] || fail "camera fixtures not found (set GRTEST_FIXTURES)"
}

# ---- the ghostroll binary (Native AOT, as shipped); sets 'binary' ------------------------------------------------
vm_binary() {
  binary=${GRTEST_BINARY:-}
  if [ -z "$binary" ]; then
    # The QEMU tests start side by side (xunit runs their classes in parallel): one publish at a time, or both would
    # compile and link the same output files at once. The lock goes with the process, also on a failure.
    exec 8>"$cache/.publish.lock"
    flock 8
    phase "publishing ghostroll (Native AOT, linux-x64)"
    # A fixed output folder inside the repository's artifacts/: an unchanged tree publishes in seconds.
    dotnet publish "$repo/src/GhostRoll.Cli" -c Release -r linux-x64 \
      -o "$repo/artifacts/vm/aot" -nologo -v:q >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; fail "dotnet publish failed"; }
    binary="$repo/artifacts/vm/aot/ghostroll"
    exec 8>&-
  fi
  [ -x "$binary" ] || fail "no ghostroll binary at $binary"
  "$binary" --version >/dev/null || fail "$binary does not run"
}

# ---- base image: Debian bookworm + runtime libraries (the .deb's Depends) + test console, cached by its inputs ---
vm_base_image() { # sets 'base'
  local key rootfs
  key=$( { echo "base-v1 $vm_packages"; cat "$here/guest/boot-ready.service" "$here/guest/autologin.conf" "$here/guest/udev-events.rules"; } | sha256sum | cut -c1-16)
  base="$cache/base-$key"
  # One build at a time (see vm_binary): a second test waits here and then finds the image built.
  exec 7>"$cache/.base.lock"
  flock 7
  if [ ! -f "$base/root.img" ]; then
    phase "building base image $key (mmdebstrap bookworm, about a minute)"
    rm -rf "$cache"/base-* "$cache/build"
    mkdir -p "$cache/build"
    rootfs="$cache/build/rootfs"
    mmdebstrap --variant=minbase --include="$vm_packages" bookworm "$rootfs" http://deb.debian.org/debian >"$cache/build/mmdebstrap.log" 2>&1 \
      || { tail -n 30 "$cache/build/mmdebstrap.log"; fail "mmdebstrap failed"; }
    install -m 644 "$here/guest/boot-ready.service" "$rootfs/etc/systemd/system/boot-ready.service"
    ln -sf /etc/systemd/system/boot-ready.service "$rootfs/etc/systemd/system/multi-user.target.wants/boot-ready.service"
    mkdir -p "$rootfs/etc/systemd/system/serial-getty@ttyS0.service.d"
    install -m 644 "$here/guest/autologin.conf" "$rootfs/etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf"
    install -m 644 "$here/guest/udev-events.rules" "$rootfs/etc/udev/rules.d/99-vm-events.rules"
    echo appliance-test >"$rootfs/etc/hostname"
    printf '127.0.0.1 localhost\n127.0.1.1 appliance-test\n' >"$rootfs/etc/hosts"
    echo 'LABEL=root / ext4 defaults 0 1' >"$rootfs/etc/fstab"
    chroot "$rootfs" passwd -d root >/dev/null
    mkdir -p "$base.tmp"
    cp "$rootfs"/boot/vmlinuz-* "$base.tmp/vmlinuz"
    cp "$rootfs"/boot/initrd.img-* "$base.tmp/initrd.img"
    mke2fs -q -t ext4 -d "$rootfs" -L root "$base.tmp/root.img" 1536M
    rm -rf "$cache/build"
    mv "$base.tmp" "$base"
  else
    phase "using cached base image $key"
  fi
  exec 7>&-
}

# ---- this run's image: base + ghostroll files, added with debugfs (no mount) --------------------------------
vm_run_image() { # vm_run_image [EXTRA_DEBUGFS_FILE]: work/root.img with the appliance installed (plus the caller's files)
  cp --sparse=always "$base/root.img" "$work/root.img"
  # Room for the sessions (originals, derivatives, galleries) beyond the 512 MB free-space reserve: grow the file
  # system offline (sparse file, no mount).
  truncate -s 4G "$work/root.img"
  e2fsck -fy "$work/root.img" >/dev/null 2>&1 || true
  resize2fs "$work/root.img" >/dev/null 2>&1 || fail "resize2fs could not grow the guest image"
  cat >"$work/install.debugfs" <<EOT
write $binary /usr/bin/ghostroll
sif /usr/bin/ghostroll mode 0100755
write $repo/udev/90-ghostroll.rules /etc/udev/rules.d/90-ghostroll.rules
write $repo/systemd/ghostroll-import@.service /etc/systemd/system/ghostroll-import@.service
write $repo/systemd/ghostroll-mount@.service /etc/systemd/system/ghostroll-mount@.service
write $repo/systemd/ghostroll-display.service /etc/systemd/system/ghostroll-display.service
write $repo/systemd/ghostroll-firstboot.service /etc/systemd/system/ghostroll-firstboot.service
symlink /etc/systemd/system/multi-user.target.wants/ghostroll-firstboot.service /etc/systemd/system/ghostroll-firstboot.service
symlink /etc/systemd/system/multi-user.target.wants/ghostroll-display.service /etc/systemd/system/ghostroll-display.service
write $repo/systemd/ghostroll-web.service /etc/systemd/system/ghostroll-web.service
symlink /etc/systemd/system/nginx.service /dev/null
symlink /etc/systemd/system/multi-user.target.wants/ghostroll-web.service /etc/systemd/system/ghostroll-web.service
write $here/guest/dhcp.network /etc/systemd/network/80-dhcp.network
symlink /etc/systemd/system/multi-user.target.wants/systemd-networkd.service /lib/systemd/system/systemd-networkd.service
write $repo/systemd/ghostroll-publish.service /etc/systemd/system/ghostroll-publish.service
write $repo/systemd/ghostroll-publish.timer /etc/systemd/system/ghostroll-publish.timer
mkdir /etc/systemd/system/timers.target.wants
symlink /etc/systemd/system/timers.target.wants/ghostroll-publish.timer /etc/systemd/system/ghostroll-publish.timer
write $repo/systemd/ghostroll.sysusers.conf /usr/lib/sysusers.d/ghostroll.conf
write $repo/systemd/ghostroll.tmpfiles.conf /usr/lib/tmpfiles.d/ghostroll.conf
mkdir /etc/systemd/system/ghostroll-import@.service.d
write $here/guest/import-console.conf /etc/systemd/system/ghostroll-import@.service.d/console.conf
mkdir /etc/systemd/system/ghostroll-mount@.service.d
write $here/guest/import-console.conf /etc/systemd/system/ghostroll-mount@.service.d/console.conf
mkdir /etc/systemd/journald.conf.d
write $here/guest/journald-console.conf /etc/systemd/journald.conf.d/console.conf
mkdir /boot/firmware
write $here/guest/boot-settings.env /boot/firmware/ghostroll.env
EOT
  [ -z "${1:-}" ] || cat "$1" >>"$work/install.debugfs"
  debugfs -w -f "$work/install.debugfs" "$work/root.img" >"$work/debugfs.log" 2>&1
  grep -qiE 'error|not found|could not' "$work/debugfs.log" && { cat "$work/debugfs.log"; fail "debugfs could not install the files"; }
  phase "image ready ($(du -h "$work/root.img" | cut -f1) used)"
}

# ---- card images (mkfs + mtools; no loop device, no mount) --------------------------------------------------
superfloppy() { # superfloppy IMG LABEL SIZE_MB SOURCE_ROOT (copies SOURCE_ROOT/DCIM)
  rm -f "$1"; mkfs.vfat -C -F 32 -n "$2" "$1" $(($3 * 1024)) >/dev/null 2>&1
  mcopy -s -m -i "$1" "$4/DCIM" ::/
}

# ---- boot -------------------------------------------------------------------------------------------------------
vm_boot() { # vm_boot QEMU_ARGS...: boots work/run.qcow2 (over root.img) with the caller's extra devices
  cd "$work"
  qemu-img create -q -f qcow2 -b root.img -F raw run.qcow2
  qemu-system-x86_64 -accel tcg -cpu max -m 1024 -smp 2 -display none -monitor none -no-reboot \
    -kernel "$base/vmlinuz" -initrd "$base/initrd.img" -append 'root=/dev/vda rw console=ttyS0 quiet loglevel=4' \
    -drive file=run.qcow2,if=virtio,format=qcow2 \
    "$@" \
    -chardev socket,id=ser0,path="$work/serial.sock",server=on,wait=off,logfile="$work/serial.log" -serial chardev:ser0 \
    -qmp unix:"$work/qmp.sock",server=on,wait=off -pidfile "$work/qemu.pid" -daemonize 2>"$work/qemu.err" || { cat "$work/qemu.err"; fail "qemu did not start"; }
  qemu_pid=$(cat "$work/qemu.pid")
}

secs() { echo $(( $1 * scale )); } # a deadline in seconds, scaled

set_mark() { mark=$(stat -c %s serial.log 2>/dev/null || echo 0); }
since_mark() { tail -c +"$((mark + 1))" serial.log 2>/dev/null | tr -d '\r'; }
wait_for() { # wait_for REGEX SECONDS: a console line matching REGEX after the mark; prints it (SECONDS is scaled)
  local limit; limit=$(secs "$2")
  local end=$(( $(date +%s) + limit )) line
  while true; do
    line=$(since_mark | grep -aE "$1" | head -n 1 || true)
    [ -n "$line" ] && { echo "$line"; return 0; }
    [ "$(date +%s)" -ge "$end" ] && fail "timed out after $limit s waiting for a console line matching /$1/"
    sleep 0.2
  done
}
qmp() { python3 "$here/qmp.py" "$work/qmp.sock" "$@" | grep -v '^EVENT' >>"$work/qmp.log" || fail "QMP: $* (see qmp.log)"; }
guest() { # guest TAG 'shell command' [SECONDS]: runs it in the guest's root shell; prints its output lines, then rc=N
  # The tag is assembled in the guest ($t), so the typed (echoed) command line never contains "@TAG@ " itself;
  # the shell's terminal escapes may precede a tag, hence no ^ anchors.
  set_mark
  python3 "$here/serial.py" "$work/serial.sock" "t=@$1@; ($2) 2>&1 | sed \"s/^/\$t /\"; echo \"\$t rc=\${PIPESTATUS[0]}\"" \
    || fail "could not type guest command $1 into the serial console"
  wait_for "@$1@ rc=[0-9]+" "${3:-300}" >/dev/null
  since_mark | sed -n "s/.*@$1@ //p"
}

vm_wait_booted() {
  set_mark
  wait_for 'BOOT-READY' 300 >/dev/null
  wait_for 'root@appliance-test' 180 >/dev/null
  phase "guest booted"
}

vm_poweroff() {
  python3 "$here/serial.py" "$work/serial.sock" 'systemctl poweroff' || true
  for _ in $(seq 1 100); do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 0.2; done
}
