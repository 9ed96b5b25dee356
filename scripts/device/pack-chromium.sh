#!/usr/bin/env bash
# Packs what scripts/device/run-bench.py needs on the device machine (no node, no browser, no
# network there) into DEST (default /work/main/.devkit, which .git/info/exclude ignores):
#   DEST/kit/                 run-bench.py, device-run.sh (small, uncompressed)
#   DEST/p1/, DEST/p2/, ...   chromium.tar.xz.part-NN, one part (<= 55 MiB) per folder, so each
#                             device call can carry one folder (64 MiB per call in all)
# The archive holds chromium/ (Debian's /usr/lib/chromium minus the Vulkan mock ICD and the
# validation layer), chromium/lib/ (every library ldd resolves, glibc's own excepted, plus the
# NSS modules and libpci that chromium dlopens), chromium/fonts/ (a fontconfig file and DejaVu
# Sans) and web/ (the built bench page, bench/dist/web). Build the page first:
#   npx vite build --config bench/vite.config.ts
# Usage: scripts/device/pack-chromium.sh [DEST]      (xz with the x86 BCJ filter, -9e; ~7 min on 2 cores)
#        KIT_ONLY=1 scripts/device/pack-chromium.sh  (refresh DEST/kit only)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
DEST=${1:-/work/main/.devkit}
SRC=/usr/lib/chromium
PART=${PART:-55M}
if [ "${KIT_ONLY:-}" = 1 ]; then # just refresh DEST/kit (the scripts) after editing them
  mkdir -p "$DEST/kit"
  cp "$REPO"/scripts/device/run-bench.py "$REPO"/scripts/device/device-run.sh "$DEST/kit/"
  ls -l "$DEST/kit"
  exit 0
fi
STAGE=$(mktemp -d /tmp/devkit-stage.XXXXXX)
trap 'rm -rf "$STAGE"' EXIT
[ -f "$REPO/bench/dist/web/index.html" ] || { echo "no bench/dist/web: build the bench page first" >&2; exit 1; }

C=$STAGE/chromium
mkdir -p "$C/lib" "$C/fonts" "$C/locales"
for f in chromium chrome_crashpad_handler icudtl.dat resources.pak chrome_100_percent.pak \
  chrome_200_percent.pak snapshot_blob.bin v8_context_snapshot.bin libEGL.so libGLESv2.so \
  libvulkan.so.1 libvk_swiftshader.so vk_swiftshader_icd.json; do
  cp -a "$SRC/$f" "$C/"
done
cp -a "$SRC/locales/en-US.pak" "$C/locales/"

# glibc's own libraries stay the device's (its glibc is newer: Ubuntu 24.04's 2.39 vs 2.36).
GLIBC='^(libc|libm|libpthread|libdl|librt|libresolv|ld-linux-x86-64|libutil|libanl|libnsl|libmvec)\.so'
ML=/usr/lib/x86_64-linux-gnu
extra=()
for f in libsoftokn3.so libfreebl3.so libfreeblpriv3.so libnssckbi.so libnssdbm3.so libssl3.so \
  libpci.so.3 libpciaccess.so.0; do
  [ -e "$ML/$f" ] && extra+=("$ML/$f")
done
# ldd of the binary, of chromium's own .so files and of the dlopened extras, deduplicated by name.
{
  for b in "$SRC/chromium" "$SRC/libvulkan.so.1" "$SRC/libvk_swiftshader.so" "$SRC/libEGL.so" \
    "$SRC/libGLESv2.so" "${extra[@]}"; do
    ldd "$b" | awk '/=> \//{print $1, $3}'
  done
  for e in "${extra[@]}"; do echo "$(basename "$e") $e"; done
} | sort -u -k1,1 | while read -r name path; do
  [[ $name =~ $GLIBC ]] && continue
  cp -L "$path" "$C/lib/$name"
done
cp /etc/fonts/fonts.conf "$C/fonts/fonts.conf.orig"
cat > "$C/fonts/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir prefix="relative">.</dir>
  <cachedir>/tmp/devkit-fontcache</cachedir>
</fontconfig>
XML
rm "$C/fonts/fonts.conf.orig"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$C/fonts/"
cp -a "$REPO/bench/dist/web" "$STAGE/web"
chromium_version=$("$SRC/chromium" --version 2>/dev/null || true)
echo "$chromium_version" > "$STAGE/VERSION"
echo "libraries: $(ls "$C/lib" | wc -l), staged: $(du -sh "$STAGE" | cut -f1)"

mkdir -p "$DEST"
rm -rf "$DEST"/p[0-9]* "$DEST/kit"
mkdir -p "$DEST/kit"
cp "$REPO"/scripts/device/run-bench.py "$REPO"/scripts/device/device-run.sh "$DEST/kit/"
tar -C "$STAGE" -cf - chromium web VERSION | xz --x86 --lzma2=preset=9e -T2 > "$STAGE/chromium.tar.xz"
sha256sum "$STAGE/chromium.tar.xz" | cut -d' ' -f1 > "$DEST/kit/chromium.tar.xz.sha256"
(cd "$STAGE" && split -b "$PART" -d -a 2 chromium.tar.xz chromium.tar.xz.part-)
i=1
for p in "$STAGE"/chromium.tar.xz.part-*; do
  mkdir -p "$DEST/p$i"
  mv "$p" "$DEST/p$i/"
  i=$((i + 1))
done
echo "archive $(stat -c %s "$STAGE/chromium.tar.xz") bytes, $((i - 1)) part(s):"
ls -l "$DEST"/p*/ "$DEST/kit"
