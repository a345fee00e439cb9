#!/usr/bin/env bash
# The .deb for older systems (统信UOS 20: glibc 2.28; 麒麟 V10, Debian 11: 2.31), built inside a debootstrapped
# Debian 11 (bullseye) root; every binary of the bundle needs at most glibc 2.28 (see the CPython step).
#
#   sudo installer/linux/build-oldglibc.sh            build, test against PySide6 6.7, check glibc, fresh install
#   sudo installer/linux/build-oldglibc.sh --no-fresh (skip the install-and-start test in a fresh bullseye root)
#
# What it does, all inside $OUT/root (default build/oldglibc/root; nothing is cached elsewhere):
#   1. debootstrap bullseye with a C toolchain, the headers CPython needs, dpkg-dev and the Qt runtime libraries.
#   2. CPython 3.11 from Debian's source package python3.11 (bookworm; its upstream tarball, built with
#      --enable-shared, no PGO): bullseye's own Python is 3.9 and the program needs 3.10+.
#   3. a venv with the pinned versions, except PySide6-Essentials/shiboken6 6.7.x (manylinux_2_28 wheels; 6.8+ need
#      glibc 2.34), and the core and GUI test suites run against that older Qt line (offscreen).
#   4. installer/build-linux.sh inside the root: the bundle and the .deb, Depends: computed from bullseye's packages.
#   5. objdump -T over every ELF file of the bundle: the highest GLIBC_ symbol version must be <= MAX_GLIBC (2.28).
#   6. installer/test-deb-fresh.sh with SUITE=bullseye: install into a fresh Debian 11 root and start it.
# Result: dist/oldglibc/nianbao_<version>_<arch>.deb (same package name, version, files and behaviour as the other).
#
# Environment: ARCH (default: this machine's, e.g. amd64; arm64 runs under qemu-user-static, see installer/README.md),
# OUT, MIRROR, MAX_GLIBC (2.28), PYSIDE (6.7.3), KEEP_ROOT=1 (reuse an existing root: skips steps 1-2).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ARCH="${ARCH:-$(dpkg --print-architecture)}"
OUT="$(mkdir -p "${OUT:-$ROOT/build/oldglibc-$ARCH}" && cd "${OUT:-$ROOT/build/oldglibc-$ARCH}" && pwd)"
CHROOT="$OUT/root"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SUITE=bullseye
MAX_GLIBC="${MAX_GLIBC:-2.28}"
PYSIDE="${PYSIDE:-6.7.3}"
PYTHON_SRC_SUITE=bookworm   # python3.11 3.11.2
PREFIX=/opt/python3.11
DIST="$ROOT/dist/oldglibc"
VERSION="$(sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' "$ROOT/app/__init__.py")"
FRESH=1
[ "${1:-}" = "--no-fresh" ] && FRESH=0
T0=$(date +%s)
STEP_T=$T0

step() {
    local now; now=$(date +%s)
    printf '\n== [%4ss, previous step %ss] %s\n' "$((now - T0))" "$((now - STEP_T))" "$*"
    STEP_T=$now
}
fail() { printf '\nFAIL: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot)"

for tool in debootstrap objdump; do
    command -v "$tool" >/dev/null && continue
    pkg=$tool; [ "$tool" = objdump ] && pkg=binutils
    apt-get -o DPkg::Lock::Timeout=600 update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$pkg" >/dev/null
done
if [ "$ARCH" != "$(dpkg --print-architecture)" ] && [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    # another architecture runs under qemu-user-static, through the kernel's binfmt_misc (not mounted everywhere)
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq qemu-user-static binfmt-support >/dev/null
    mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    update-binfmts --enable >/dev/null 2>&1 || true
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || fail "qemu-aarch64 is not registered with binfmt_misc"
fi

MOUNTS=(proc sys dev dev/pts)
mount_root() {
    mountpoint -q "$CHROOT/proc" && return
    mount -t proc proc "$CHROOT/proc"
    mount -t sysfs sys "$CHROOT/sys"
    mount --bind /dev "$CHROOT/dev"
    mount --bind /dev/pts "$CHROOT/dev/pts"
    cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
    # This machine's trust store (it may know a local proxy's CA that bullseye's ca-certificates does not) for pip.
    cp /etc/ssl/certs/ca-certificates.crt "$CHROOT/etc/ssl/host-ca-certificates.crt"
}
umount_root() {
    local m
    for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
        m="$CHROOT/${MOUNTS[$i]}"
        if mountpoint -q "$m"; then umount -l "$m" || true; fi
    done
}
trap umount_root EXIT
trap 'exit 143' TERM INT  # a timeout's TERM still runs the EXIT trap
# a command inside the root, with a clean environment (usable after `timeout`)
IN_ROOT=(chroot "$CHROOT" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
         LANG=C.UTF-8 PIP_CACHE_DIR=/var/cache/pip PIP_DISABLE_PIP_VERSION_CHECK=1
         SSL_CERT_FILE=/etc/ssl/host-ca-certificates.crt PIP_CERT=/etc/ssl/host-ca-certificates.crt)

# ---- 1. the build root --------------------------------------------------------------------------------------------
BUILD_PACKAGES=build-essential,ca-certificates,xz-utils,libssl-dev,zlib1g-dev,libbz2-dev,libffi-dev,liblzma-dev,\
libreadline-dev,libsqlite3-dev,libncurses-dev,uuid-dev,binutils,dpkg-dev,file,\
libegl1,libgl1,libxkbcommon0,libxkbcommon-x11-0,libfontconfig1,libdbus-1-3,libxcb-cursor0,libxcb-icccm4,\
libxcb-image0,libxcb-keysyms1,libxcb-randr0,libxcb-render-util0,libxcb-shape0,libxcb-xinerama0,libxcb-xkb1,\
desktop-file-utils,fonts-wqy-microhei,poppler-utils,libcups2
if [ "${KEEP_ROOT:-0}" = 1 ] && [ -f "$CHROOT/.debootstrap-done" ]; then
    step "reusing $CHROOT (KEEP_ROOT=1)"
    mount_root
    timeout 900 "${IN_ROOT[@]}" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends $(echo "$BUILD_PACKAGES" | tr , ' ') >/dev/null" || fail "apt-get install in the root"
else
    step "debootstrap $SUITE ($ARCH) with the build tools -> $CHROOT"
    umount_root
    grep -q " $CHROOT/" /proc/mounts && fail "something is still mounted under $CHROOT"
    rm -rf "$CHROOT"
    timeout 2400 debootstrap --arch="$ARCH" --variant=minbase --include="$BUILD_PACKAGES" "$SUITE" "$CHROOT" "$MIRROR" \
        > "$OUT/debootstrap.log" 2>&1 || { tail -n 30 "$OUT/debootstrap.log"; fail "debootstrap"; }
    touch "$CHROOT/.debootstrap-done"
    mount_root
fi
if [ ! -x "$CHROOT$PREFIX/bin/python3.11" ]; then
    step "CPython 3.11 from Debian's source package python3.11 ($PYTHON_SRC_SUITE)"
    echo "deb-src $MIRROR $PYTHON_SRC_SUITE main" > "$CHROOT/etc/apt/sources.list.d/python-src.list"
    timeout 600 chroot "$CHROOT" apt-get update -qq
    mkdir -p "$CHROOT/build/python-src"
    timeout 900 "${IN_ROOT[@]}" sh -c 'cd /build/python-src && apt-get source --download-only -qq python3.11' \
        || fail "apt-get source python3.11"
    rm "$CHROOT/etc/apt/sources.list.d/python-src.list"
    timeout 300 chroot "$CHROOT" apt-get update -qq
    orig="$(cd "$CHROOT/build/python-src" && ls python3.11_*.orig.tar.*)"
    echo "   $orig"
    # No PGO/LTO (a build several times as long); -O2 as Debian's own build. The rpath lets the venv's python find
    # libpython3.11.so; PyInstaller copies that library into the bundle.
    # glibc 2.28 (统信UOS 20) as the ceiling although bullseye has 2.31: bullseye's headers bind exp/log/pow/exp2/log2
    # to their GLIBC_2.29 versions and configure finds sem_clockwait (2.30). Bind the maths functions to the
    # versions every glibc has (same results; the old ones also set errno through the SVID wrapper) and let Python
    # use sem_timedwait, as it does on older systems. Nothing else in the bundle needs more than 2.28.
    case "$ARCH" in amd64) base=GLIBC_2.2.5 ;; arm64) base=GLIBC_2.17 ;; *) fail "no glibc base version for $ARCH" ;; esac
    for fn in exp log pow exp2 log2; do echo "__asm__(\".symver $fn,$fn@$base\");"; done > "$CHROOT/build/glibc-compat.h"
    timeout 3600 "${IN_ROOT[@]}" sh -c "cd /build/python-src && tar -xf $orig && cd Python-3.11.* \
        && ./configure -q --prefix=$PREFIX --enable-shared --with-ensurepip=install --disable-test-modules \
           ac_cv_func_sem_clockwait=no CFLAGS='-include /build/glibc-compat.h' \
           LDFLAGS=-Wl,-rpath,$PREFIX/lib > /build/python-configure.log 2>&1 \
        && make -s -j$(nproc) > /build/python-make.log 2>&1 \
        && make -s altinstall > /build/python-install.log 2>&1" \
        || { tail -n 30 "$CHROOT"/build/python-*.log; fail "building CPython"; }
    "${IN_ROOT[@]}" "$PREFIX/bin/python3.11" -c 'import ssl, ctypes, lzma, bz2, sqlite3, readline, uuid; print("  ", __import__("sys").version)' \
        || fail "CPython 3.11 lacks a standard module"
    rm -rf "$CHROOT/build/python-src"
fi

# ---- 2. the source, a venv with the older PySide6 line, its tests --------------------------------------------------
step "source tree -> $CHROOT/src; venv with PySide6-Essentials $PYSIDE"
mkdir -p "$CHROOT/src"
# The worktree as it is (committed or not), without build products, virtual environments or git metadata.
tar -C "$ROOT" --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./dist --exclude='*.pyc' \
    --exclude=./.pytest_cache -cf - . | (rm -rf "${CHROOT:?}/src" && mkdir -p "$CHROOT/src" && tar -C "$CHROOT/src" -xf -)
sed -E "s/^(PySide6_Essentials|PySide6-Essentials|shiboken6)==.*/\1==$PYSIDE/I" "$ROOT/constraints.txt" \
    > "$CHROOT/src/constraints-oldglibc.txt"
grep -qi "^shiboken6==$PYSIDE" "$CHROOT/src/constraints-oldglibc.txt" || fail "constraints.txt has no shiboken6 pin"
if [ ! -x "$CHROOT/build/venv/bin/python" ]; then
    "${IN_ROOT[@]}" "$PREFIX/bin/python3.11" -m venv /build/venv
fi
timeout 1800 "${IN_ROOT[@]}" sh -c 'cd /src && /build/venv/bin/pip install -q -c constraints-oldglibc.txt ".[dev]"' \
    || fail "pip install in the root"
"${IN_ROOT[@]}" /build/venv/bin/python -c 'import PySide6, sys; print("   Python", sys.version.split()[0], "PySide6", PySide6.__version__)'

step "core and GUI test suites against PySide6 $PYSIDE (offscreen, inside the root)"
mapfile -t SUITES < <(cd "$ROOT" && ls tests/test_core_*.py tests/test_gui*.py tests/test_console_encoding.py 2>/dev/null)
# Deselected: Qt 6.7's own zh_CN translation of the file dialog lacks the "(&L)" accelerator that 6.11 has.
timeout 2400 "${IN_ROOT[@]}" sh -c "cd /src && QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp /build/venv/bin/python -m pytest -q \
    -p no:cacheprovider --deselect tests/test_gui_start.py::test_qt_file_dialog_is_all_chinese ${SUITES[*]}" 2>&1 | tail -n 15
[ "${PIPESTATUS[0]}" = 0 ] || fail "tests against PySide6 $PYSIDE"

# ---- 3. bundle and .deb ---------------------------------------------------------------------------------------------
step "bundle and .deb inside the root (installer/build-linux.sh)"
rm -rf "$CHROOT/build/dist" "$CHROOT/build/work"
timeout 2400 "${IN_ROOT[@]}" sh -c 'cd /src && PYTHON=/build/venv/bin/python DIST_DIR=/build/dist BUILD_DIR=/build/work \
    DEPENDS_UNVERSIONED=1 installer/build-linux.sh' \
    || fail "build-linux.sh inside the root"
DEB_NAME="nianbao_${VERSION}_${ARCH}.deb"
[ -f "$CHROOT/build/dist/$DEB_NAME" ] || fail "no $DEB_NAME"

step "highest GLIBC_ symbol version over the bundle (objdump -T), limit $MAX_GLIBC"
BUNDLE="$CHROOT/build/dist/nianbao"
find "$BUNDLE" -type f -print0 | while IFS= read -r -d '' f; do
    [ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
    { objdump -T "$f" 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' || true; } | sort -u | sed "s|^|${f#"$BUNDLE"/} |"
done > "$OUT/glibc-symbols.txt"
highest="$(awk '{print $2}' "$OUT/glibc-symbols.txt" | sed 's/GLIBC_//' | sort -V | tail -n1)"
echo "   highest: GLIBC_$highest"
echo "   what needs more than glibc 2.28 (统信UOS 20):"
while read -r file symver; do
    v="${symver#GLIBC_}"
    [ "$(printf '%s\n2.28\n' "$v" | sort -V | tail -n1)" = 2.28 ] || echo "     $file $symver"
done < "$OUT/glibc-symbols.txt" | sort -u | head -n 40 || true
[ "$(printf '%s\n%s\n' "$highest" "$MAX_GLIBC" | sort -V | tail -n1)" = "$MAX_GLIBC" ] \
    || fail "the bundle needs GLIBC_$highest > $MAX_GLIBC"
mkdir -p "$DIST"
cp "$CHROOT/build/dist/$DEB_NAME" "$DIST/$DEB_NAME"
cp "$OUT/glibc-symbols.txt" "$DIST/glibc-symbols-$ARCH.txt"
echo "   $(du -h "$DIST/$DEB_NAME" | cut -f1) $DIST/$DEB_NAME; bundle $(du -sh "$BUNDLE" | cut -f1)"
dpkg-deb -f "$DIST/$DEB_NAME" Depends | sed 's/^/   Depends: /'

# ---- 4. a fresh Debian 11 -------------------------------------------------------------------------------------------
if [ "$FRESH" = 1 ]; then
    step "install and start in a fresh Debian $SUITE ($ARCH)"
    SUITE=$SUITE ARCH=$ARCH MIRROR=$MIRROR KEEP_ROOT=0 timeout 1800 "$ROOT/installer/test-deb-fresh.sh" "$DIST/$DEB_NAME" \
        || fail "fresh install test"
fi
step "done"
printf '\nPASS: %s (glibc <= %s, GLIBC_%s at most) built in Debian %s, tested with PySide6 %s, in %ss\n' \
    "$DEB_NAME" "$MAX_GLIBC" "$highest" "$SUITE" "$PYSIDE" "$(( $(date +%s) - T0 ))"
