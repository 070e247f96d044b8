#!/usr/bin/env bash
# Power loss at the file-system level, in a real Linux guest (issue 17): the appliance's data (database, sessions,
# status) on ext4 over a dm-flakey target, a read-only FAT32 card with six real photos of
# fixtures/cards/orientation. Each trial (tests/vm/guest/power-loss-trial) starts 'ghostroll run' on a
# fresh file system, and at a seeded moment switches the target to drop_writes (nothing reaches the disk from that
# instant: the xfstests way of cutting the power), SIGKILLs ghostroll, unmounts, restores the table and mounts again.
# Then: every file the journal records as copied exists with the card's SHA-256, every "Copied" line logged before
# the cut is still in the journal, PRAGMA integrity_check is ok; the card is imported again and the one session
# completes with every card file exactly once, no duplicates, no temporary files. The card image is never written.
#
# All trials run in one boot of the shared base image (lib.sh). A first, calibration trial lets the run finish
# before the cut (so what a finished import reported must be durable too) and measures how long a run takes (L);
# each seeded trial then cuts at a seed-random moment: half of them in the first 0.3 L (the copies, where the
# journal and the disk must agree), the others anywhere in 0 .. 1.1 L (derive, gallery, and after the end).
# What a seed reproduces is that fraction of the run; under TCG the exact instruction it hits varies.
#
# Usage: tests/vm/run-power-loss.sh [WORKDIR]   (root; with a cached base image about 1 minute to boot plus
#                                                 about 20 s per trial on a loaded 2-core machine)
#   GRTEST_POWERLOSS_TRIALS=N  trials after the calibration one (default 5; 100 with GRTEST_RELIABILITY_FULL=1)
#   GRTEST_POWERLOSS_SEED=S    first seed (default 1): trial i uses seed S+i, so a failing seed is rerun with
#                              GRTEST_POWERLOSS_SEED=seed-1 GRTEST_POWERLOSS_TRIALS=1
#   GRTEST_BINARY, GRTEST_VM_CACHE, GRTEST_VM_KEEP, GRTEST_TIMEOUT_SCALE, GRTEST_FIXTURES: as for run-e2e.sh
# Ends with "PASSED: ..." and the figures, or names the seeds whose trials found a loss.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/vm/lib.sh
source "$here/lib.sh"
vm_init "${1:-}"

default_trials=5
[ "${GRTEST_RELIABILITY_FULL:-0}" = 1 ] && default_trials=100
trials=${GRTEST_POWERLOSS_TRIALS:-$default_trials}
seed0=${GRTEST_POWERLOSS_SEED:-1}
[[ "$trials" =~ ^[0-9]+$ ]] || fail "GRTEST_POWERLOSS_TRIALS must be a number, not '$trials'"
[[ "$seed0" =~ ^[0-9]+$ ]] || fail "GRTEST_POWERLOSS_SEED must be a number, not '$seed0'"

vm_require_tools qemu-system-x86_64 qemu-img mmdebstrap mke2fs e2fsck resize2fs debugfs mkfs.vfat mcopy python3 bc sha256sum sqlite3
vm_binary
vm_base_image
# The checks read the journal and run PRAGMA integrity_check in the guest with the sqlite3 shell. The host is the
# guest's release (Debian 12), so its sqlite3 and the one library the guest lacks (libreadline8) are copied in:
# adding the package to the base image would change its cache key and cost CI a second image build.
readline=$(ldd "$(command -v sqlite3)" | sed -n 's/.*libreadline.so.8 => \([^ ]*\).*/\1/p')
[ -f "$readline" ] || fail "the host's sqlite3 does not use libreadline.so.8; install Debian 12's sqlite3 (.ci/deps/apt-appliance.txt)"
cat >"$work/power-loss.debugfs" <<EOF
write $here/guest/power-loss-trial /usr/local/bin/power-loss-trial
sif /usr/local/bin/power-loss-trial mode 0100755
write $(command -v sqlite3) /usr/local/bin/sqlite3
sif /usr/local/bin/sqlite3 mode 0100755
write $(readlink -f "$readline") /usr/lib/x86_64-linux-gnu/libreadline.so.8
EOF
vm_run_image "$work/power-loss.debugfs"

# The card (read-only to the guest as well, and hashed before and after) and the data disk: 1 GB, room for a
# session beyond the default 512 MB free-space reserve.
# Six of the orientation card's photos (three landscape, three portrait): every trial imports the card twice, and
# deriving is what takes a run's time under TCG.
mkdir -p "$work/cardsrc/DCIM/100ORIEN"
for n in 0 1 2; do
  cp "$fixtures/cards/orientation/DCIM/"*"/Landscape_$n.jpg" "$fixtures/cards/orientation/DCIM/"*"/Portrait_$n.jpg" "$work/cardsrc/DCIM/100ORIEN/"
done
card_files=$(find "$work/cardsrc/DCIM" -type f | wc -l)
superfloppy "$work/card.img" PLCARD 64 "$work/cardsrc"
card_hash=$(sha256sum "$work/card.img" | cut -d' ' -f1)
truncate -s 1G "$work/data.img"

# PCI slots after the root disk's: the guest names virtio disks in slot order and boots from /dev/vda.
vm_boot -drive file=data.img,if=none,id=pldata,format=raw,cache=unsafe -device virtio-blk-pci,drive=pldata,serial=pldata,addr=0x10 \
  -drive file=card.img,if=none,id=plcard,format=raw,readonly=on -device virtio-blk-pci,drive=plcard,serial=plcard,addr=0x11
vm_wait_booted

trial() { # trial SEED CUT_MS: runs one trial in the guest, prints its PL lines; stops the script on a harness error
  local out
  out=$(guest "T$1" "power-loss-trial $1 $2" 900)
  grep -q '^PL seed=' <<<"$out" || fail "trial $1 printed no result: $out"
  grep -q 'result=HARNESS' <<<"$out" && fail "trial $1 could not run: $(echo "$out" | grep '^PL ')"
  echo "$out" | grep '^PL '
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2" | head -n 1; }

lost=0 duplicates=0 temps=0 failed_seeds="" during_copy=0 during_later=0 after_finish=0 logged_total=0 recorded_total=0
tally() { # tally PL_LINES: adds a trial's figures to the totals and prints its line
  local line seed copied
  line=$(grep '^PL seed=' <<<"$1")
  seed=$(field seed "$line")
  lost=$((lost + $(field lost "$line"))); duplicates=$((duplicates + $(field duplicates "$line"))); temps=$((temps + $(field temps "$line")))
  logged_total=$((logged_total + $(field logged "$line"))); recorded_total=$((recorded_total + $(field recorded "$line")))
  copied=$(field recorded "$line")
  if [ "$(field at_cut "$line")" = exited ]; then after_finish=$((after_finish + 1))
  elif [ "$copied" -lt "$card_files" ]; then during_copy=$((during_copy + 1))
  else during_later=$((during_later + 1)); fi
  grep -q 'result=OK' <<<"$line" || failed_seeds="$failed_seeds $seed"
  phase "$(sed 's/^PL //' <<<"$1" | tr '\n' ' ')"
}

out=$(trial "$seed0" -1)
run_ms=$(field run_ms "$out")
[[ "$run_ms" =~ ^[0-9]+$ ]] || fail "the calibration trial measured no run length: $out"
tally "$out"
for i in $(seq 1 "$trials"); do
  seed=$((seed0 + i))
  cut_ms=$(python3 -c "import random; r = random.Random('power-loss-$seed'); print(int(r.random() * (0.3 if r.random() < 0.5 else 1.1) * $run_ms))")
  tally "$(trial "$seed" "$cut_ms")"
done

[ "$(sha256sum "$work/card.img" | cut -d' ' -f1)" = "$card_hash" ] || fail "the card image was written to (SHA-256 changed)"
vm_poweroff
figures="$((trials + 1)) power cuts (seeds $seed0..$((seed0 + trials)); $during_copy while copying, $during_later after the last copy, $after_finish after the run finished; a full run took ${run_ms} ms), $logged_total copies logged before a cut, $recorded_total journal rows in a copied state after one, $lost files lost, $duplicates duplicates, $temps temporary files left"
[ -z "$failed_seeds" ] || fail "power loss lost data or left the appliance inconsistent in the trials with seeds$failed_seeds (see the PL problem lines above): $figures"
phase "PASSED: $figures"
