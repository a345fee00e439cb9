#!/usr/bin/env bash
# Install the .deb into a freshly bootstrapped Debian root (bookworm by default) and start the program there:
# proof that the package's Depends: line names everything the bundle needs.
#
#   sudo installer/test-deb-fresh.sh [dist/nianbao_<version>_amd64.deb]
#   sudo SUITE=bullseye installer/test-deb-fresh.sh dist/oldglibc/nianbao_<version>_amd64.deb      (Debian 11)
#   sudo SUITE=bullseye ARCH=arm64 installer/test-deb-fresh.sh ..._arm64.deb      (under qemu-user-static)
#
# Needs root (debootstrap, chroot) and Debian's package archive (MIRROR, default http://deb.debian.org/debian).
# Downloads about 30 MB for the base system and the package's dependencies (no recommends). Keeps nothing: the root
# is made under a temporary folder (TMPDIR) and removed at the end, unless KEEP_ROOT=1.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEB="${1:-$(ls -t "$ROOT"/dist/nianbao_*_amd64.deb 2>/dev/null | head -n1)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SUITE="${SUITE:-bookworm}"
ARCH="${ARCH:-$(dpkg-deb -f "$DEB" Architecture 2>/dev/null || dpkg --print-architecture)}"
[ -f "$DEB" ] || { echo "no .deb given and none in dist/ (make installer)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap and chroot)" >&2; exit 2; }
if ! command -v debootstrap >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/var/tmp}/nianbao-fresh.XXXXXX")"
CHROOT="$WORK/root"
cleanup() {
    for m in tmp/.X11-unix dev/pts dev proc sys; do umount -l "$CHROOT/$m" 2>/dev/null || true; done
    if [ "${KEEP_ROOT:-0}" = 1 ]; then echo "root kept in $CHROOT"
    elif grep -q " $CHROOT/" /proc/mounts; then echo "something is still mounted under $CHROOT; not removing $WORK" >&2
    else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT  # a timeout's TERM still runs the EXIT trap
step() { printf '\n== %s\n' "$*"; }
in_root() { chroot "$CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "debootstrap --variant=minbase $SUITE $ARCH ($MIRROR)"
debootstrap --arch="$ARCH" --variant=minbase "$SUITE" "$CHROOT" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -n 30 "$WORK/debootstrap.log"; exit 1; }
mount -t proc proc "$CHROOT/proc"
mount -t sysfs sys "$CHROOT/sys"
mount --bind /dev "$CHROOT/dev"
mount --bind /dev/pts "$CHROOT/dev/pts"
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"

step "apt-get install ./$(basename "$DEB")  (Depends only, no recommends)"
cp "$DEB" "$CHROOT/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "/tmp/$(basename "$DEB")" \
    | grep -E '^(Setting up|The following NEW|  )' || true
in_root dpkg -s nianbao | grep -E '^(Status|Version|Installed-Size)'

step "check: every library of the bundle resolves"
# (with the bundle's own folder on the library path, as the PyInstaller bootloader sets it at run time)
missing="$(in_root sh -c 'find /opt/nianbao -name "*.so*" -type f -exec env LD_LIBRARY_PATH=/opt/nianbao/_internal ldd {} + 2>/dev/null | grep "not found" | sort -u')" || true
if [ -n "$missing" ]; then echo "$missing"; echo "FAIL: unresolved libraries"; exit 1; fi
echo "all resolved"

step "smoke: export the bundled sample to .docx (headless)"
in_root sh -c 'cd /tmp && nianbao export /opt/nianbao/_internal/resources/samples/seed-2020-yanchi.nianbao -o /tmp/smoke.docx'
in_root test -s /tmp/smoke.docx
echo "exported $(in_root stat -c %s /tmp/smoke.docx) bytes"

step "smoke: open the main window offscreen and quit (gui --smoke-test)"
in_root env QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp nianbao gui --smoke-test

if command -v Xvfb >/dev/null; then
    step "smoke: the same on a real X server (xcb platform plugin), the build machine's Xvfb"
    display=":$((RANDOM % 400 + 100))"
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    sleep 2
    mkdir -p "$CHROOT/tmp/.X11-unix"
    mount --bind /tmp/.X11-unix "$CHROOT/tmp/.X11-unix"
    status=0
    in_root env DISPLAY="$display" XDG_RUNTIME_DIR=/tmp nianbao gui --smoke-test || status=$?
    umount -l "$CHROOT/tmp/.X11-unix"
    kill "$xvfb_pid" 2>/dev/null || true
    [ "$status" = 0 ] || { echo "FAIL: gui --smoke-test on X11 exited with $status"; exit 1; }
else
    step "(no Xvfb here: the xcb platform plugin was checked by ldd only)"
fi

step "desktop integration"
in_root test -f /usr/share/applications/nianbao.desktop
in_root test -f /usr/share/mime/packages/nianbao.xml
echo "desktop entry and MIME type installed"

step "removal leaves nothing behind"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q nianbao >/dev/null
left="$(in_root sh -c 'ls -d /opt/nianbao /usr/bin/nianbao /usr/share/applications/nianbao.desktop /usr/share/mime/packages/nianbao.xml 2>/dev/null; find /usr/share/icons -name "*nianbao*" 2>/dev/null')" || true
if [ -n "$left" ]; then echo "$left"; echo "FAIL: files left after purge"; exit 1; fi
echo "clean"

printf '\nPASS: %s installs into a fresh Debian %s (%s) and starts\n' "$(basename "$DEB")" "$SUITE" "$ARCH"
