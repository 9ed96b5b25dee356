#!/usr/bin/env bash
# What the device call runs (from the repo root; see scripts/device/README.md):
#   bash .devkit/kit/device-run.sh stage   call 1: the first part is now on the machine; print
#                                          what the machine has (GPU, Vulkan, libraries), no run
#   bash .devkit/kit/device-run.sh run [run-bench.py options]
#                                          call 2 (or the only call): Vulkan/EGL loaders from .gl,
#                                          the parts joined and checked, Chromium unpacked to
#                                          /tmp/devkit, the bench run, logs into $OUT
# Environment: OUT (the tool sets it; default /tmp/devkit-out), BENCH_TIMEOUT (seconds, default
# 360), KIT (default .devkit).
set -u
OUT=${OUT:-/tmp/devkit-out}
KIT=${KIT:-.devkit}
mode=${1:-run}
shift || true
mkdir -p "$OUT"
exec > >(tee -a "$OUT/device-run.log") 2>&1
say() { echo "[device-run $(date -u +%T)] $*"; }

preflight() {
  say "machine: $(uname -srm); $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"); $(nproc) cores"
  say "glibc: $(ldd --version 2>/dev/null | head -1)"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | sed 's/^/  /'
  say "python: $(python3 --version 2>&1); xz: $(command -v xz || echo none)"
  say "vulkan loader: $(ldconfig -p | grep -c libvulkan) entries; ICD files:"
  ls -l /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d \
    /usr/share/glvnd/egl_vendor.d /usr/local/nvidia/share/glvnd/egl_vendor.d 2>&1 | sed 's/^/  /'
  say "/dev/shm: $(df -h /dev/shm 2>/dev/null | tail -1); /tmp: $(df -h /tmp | tail -1)"
  say "parts here: $(ls -l "$KIT"/p*/chromium.tar.xz.part-* 2>&1 | awk '{print $5, $9}' | tr '\n' ' ')"
}

if [ "$mode" = stage ]; then
  preflight
  say "stage done: keep this machine warm (call 2 within 30 s) and carry the remaining part(s)"
  exit 0
fi

# 1. loaders (the device README's recipe), and the NVIDIA driver files if none is registered
if ls .gl/*.deb >/dev/null 2>&1; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
else
  say "no .gl/*.deb carried: using the machine's own loaders"
fi
if ! ls /usr/share/vulkan/icd.d/*nvidia* /etc/vulkan/icd.d/*nvidia* >/dev/null 2>&1 &&
  [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export VK_ICD_FILENAMES=$VK_DRIVER_FILES
fi
if ! ls /usr/share/glvnd/egl_vendor.d/*nvidia* >/dev/null 2>&1 &&
  [ -f /usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json ]; then
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
fi
preflight

# 2. the archive: parts in order, checked against the packer's sha256, unpacked to /tmp/devkit
D=/tmp/devkit
if [ ! -x "$D/chromium/chromium" ]; then
  parts=$(ls "$KIT"/p*/chromium.tar.xz.part-* 2>/dev/null | awk -F'part-' '{print $NF" "$0}' | sort -n | cut -d' ' -f2)
  [ -n "$parts" ] || { say "no parts under $KIT/p*/"; exit 2; }
  want=$(cat "$KIT/kit/chromium.tar.xz.sha256")
  got=$(cat $parts | sha256sum | cut -d' ' -f1)
  if [ "$want" != "$got" ]; then
    say "archive checksum mismatch (parts here: $parts): a part is missing; was call 1 on this same warm machine?"
    exit 3
  fi
  rm -rf "$D" && mkdir -p "$D"
  if command -v xz >/dev/null; then
    cat $parts | xz -d -T0 | tar -x -C "$D"
  else
    cat $parts | python3 -c 'import sys, tarfile; tarfile.open(fileobj=sys.stdin.buffer, mode="r|xz").extractall(sys.argv[1])' "$D"
  fi || { say "unpacking failed"; exit 4; }
  say "unpacked $(cat "$D/VERSION") to $D ($(du -sh "$D" | cut -f1))"
fi

# 3. the bench (run-bench.py writes $OUT/results.json after every tab, $OUT/chrome.log)
export PYTHONUNBUFFERED=1
python3 "$KIT/kit/run-bench.py" "$OUT" --chromium "$D/chromium" --web "$D/web" \
  --timeout "${BENCH_TIMEOUT:-360}" "$@"
rc=$?
# chrome.log can grow large: keep its head and tail
if [ -f "$OUT/chrome.log" ] && [ "$(stat -c %s "$OUT/chrome.log")" -gt 4000000 ]; then
  { head -c 2000000 "$OUT/chrome.log"; echo; echo '[... cut ...]'; tail -c 2000000 "$OUT/chrome.log"; } > "$OUT/chrome.log.cut"
  mv "$OUT/chrome.log.cut" "$OUT/chrome.log"
fi
say "run-bench.py exited $rc; files in \$OUT: $(ls "$OUT" | tr '\n' ' ')"
exit $rc
