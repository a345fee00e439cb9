#!/usr/bin/env bash
# Build the Linux bundle (PyInstaller, onedir) and the Debian package nianbao_<version>_<arch>.deb.
#
#   installer/build-linux.sh              bundle + .deb   (what `make installer` runs)
#   installer/build-linux.sh --bundle     only the bundle: $DIST_DIR/nianbao/
#   installer/build-linux.sh --deb        only the .deb, from an existing bundle
#
# Environment: PYTHON (default .venv/bin/python, needs the dev extra: pyinstaller), DIST_DIR (default dist/),
# BUILD_DIR (default build/), DEPENDS_UNVERSIONED=1 (no minimum versions in Depends: except libc6's).
# Needs dpkg-deb, dpkg-shlibdeps (dpkg-dev) and objdump (binutils).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIST_DIR="$(mkdir -p "${DIST_DIR:-$ROOT/dist}" && cd "${DIST_DIR:-$ROOT/dist}" && pwd)"
BUILD_DIR="$(mkdir -p "${BUILD_DIR:-$ROOT/build}" && cd "${BUILD_DIR:-$ROOT/build}" && pwd)"
MODE="${1:-all}"

VERSION="$(sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' "$ROOT/app/__init__.py")"
ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
BUNDLE="$DIST_DIR/nianbao"
DEB="$DIST_DIR/nianbao_${VERSION}_${ARCH}.deb"

log() { printf '== %s\n' "$*" >&2; }

build_bundle() {
    log "PyInstaller bundle $VERSION -> $BUNDLE"
    "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$DIST_DIR" --workpath "$BUILD_DIR/pyinstaller" "$ROOT/installer/nianbao.spec"
    # Every library the bundle needs must resolve, in the bundle or on this machine (Depends: is computed from them).
    local missing
    missing="$(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' \) \
        -exec env LD_LIBRARY_PATH="$BUNDLE/_internal" ldd {} + 2>/dev/null \
        | grep 'not found' | sort -u || true)"
    if [ -n "$missing" ]; then
        log "unresolved libraries (install them on the build machine):"
        echo "$missing" >&2
        exit 1
    fi
    log "bundle: $(du -sh "$BUNDLE" | cut -f1)"
}

build_deb() {
    [ -x "$BUNDLE/nianbao" ] || { log "no bundle at $BUNDLE (run without --deb first)"; exit 1; }
    local root="$BUILD_DIR/deb/nianbao_${VERSION}_${ARCH}"
    log "Debian package -> $DEB"
    rm -rf "$root"
    mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
        "$root/usr/share/mime/packages" "$root/usr/share/doc/nianbao"
    cp -a "$BUNDLE" "$root/opt/nianbao"
    install -m 0755 "$ROOT/installer/linux/launcher.sh" "$root/usr/bin/nianbao"
    install -m 0644 "$ROOT/installer/linux/nianbao.desktop" "$root/usr/share/applications/nianbao.desktop"
    install -m 0644 "$ROOT/installer/linux/nianbao-mime.xml" "$root/usr/share/mime/packages/nianbao.xml"
    install -m 0644 "$ROOT/installer/linux/copyright" "$root/usr/share/doc/nianbao/copyright"

    # Icons: the application and the draft MIME type, in the usual hicolor sizes (scaled with the bundled Qt).
    local png="$ROOT/resources/icons/nianbao.png" size
    for size in 16 24 32 48 64 128 256; do
        mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps" "$root/usr/share/icons/hicolor/${size}x${size}/mimetypes"
    done
    QT_QPA_PLATFORM=offscreen "$PYTHON" - "$png" "$root/usr/share/icons/hicolor" <<'PY'
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

src, base = sys.argv[1], sys.argv[2]
img = QImage(src)
if img.isNull():
    sys.exit(f"cannot read icon {src}")
for size in (16, 24, 32, 48, 64, 128, 256):
    scaled = img.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    for sub, name in (("apps", "nianbao"), ("mimetypes", "application-x-nianbao-draft")):
        if not scaled.save(f"{base}/{size}x{size}/{sub}/{name}.png"):
            sys.exit(f"cannot write {size}px icon")
PY
    if [ -f "$ROOT/resources/icons/nianbao.svg" ]; then
        mkdir -p "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/icons/hicolor/scalable/mimetypes"
        install -m 0644 "$ROOT/resources/icons/nianbao.svg" "$root/usr/share/icons/hicolor/scalable/apps/nianbao.svg"
        install -m 0644 "$ROOT/resources/icons/nianbao.svg" \
            "$root/usr/share/icons/hicolor/scalable/mimetypes/application-x-nianbao-draft.svg"
    fi

    # Permissions: directories and executables 0755, everything else (shared libraries included) 0644.
    find "$root" -type d -exec chmod 0755 {} +
    find "$root" -type f -exec chmod 0644 {} +
    chmod 0755 "$root/opt/nianbao/nianbao" "$root/usr/bin/nianbao"

    local depends installed_size
    # Depends: the ELF dependencies of the bundle that it does not carry, mapped to packages by dpkg-shlibdeps.
    depends="$("$PYTHON" "$ROOT/installer/linux/depends.py" "$root" --report "$BUILD_DIR/deb/depends-report.txt")"
    # DEPENDS_UNVERSIONED=1 (the old-glibc build): the build root's shlibs pin its own versions (libx11-xcb1 >= 1.7.2
    # on Debian 11), which older systems with the same libraries (Ubuntu 20.04-based 麒麟 V10: 1.6.9) could not
    # satisfy; keep only libc6's minimum, which objdump establishes.
    if [ "${DEPENDS_UNVERSIONED:-0}" = 1 ]; then
        depends="$(echo "$depends" | tr ',' '\n' | sed -E 's/^ *//; /^libc6 /!s/ \([^)]*\)//' | paste -sd, - | sed 's/,/, /g')"
    fi
    # Packages loaded at run time without a link-time reference would be added here (none so far).
    installed_size="$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)"

    cat > "$root/DEBIAN/control" <<EOF
Package: nianbao
Version: $VERSION
Architecture: $ARCH
Maintainer: 年报助手 <nianbao@localhost>
Installed-Size: $installed_size
Depends: $depends
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei
Section: misc
Priority: optional
Description: 年报助手 - annual report on government information disclosure
 Fill in the statutory tables of the annual report on government information
 disclosure (政府信息公开工作年度报告) with live totals and cross-checks, keep
 drafts safe, and export the report as a Word document.
EOF
    install -m 0755 "$ROOT/installer/linux/postinst" "$root/DEBIAN/postinst"
    install -m 0755 "$ROOT/installer/linux/postrm" "$root/DEBIAN/postrm"
    chmod 0644 "$root/DEBIAN/control"

    rm -f "$DEB"
    dpkg-deb --root-owner-group -Zxz --build "$root" "$DEB" >/dev/null
    log "Depends: $depends"
    log "deb: $(du -h "$DEB" | cut -f1) ($DEB), installed size ${installed_size} KiB"
}

case "$MODE" in
    all) build_bundle; build_deb ;;
    --bundle) build_bundle ;;
    --deb) build_deb ;;
    *) echo "usage: $0 [--bundle|--deb]" >&2; exit 2 ;;
esac
