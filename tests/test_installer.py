"""The installers: the frozen Linux bundle starts and works, the .deb is a clean package, the wheel has resources.

Builds the PyInstaller bundle once for the module (about a minute) into a temporary folder with the same script
as `make installer`, then the .deb from it. The fresh-system install is installer/test-deb-fresh.sh (needs root and
Debian's archive; not run here).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "resources" / "samples" / "seed-2020-yanchi.nianbao"
BUILD = ROOT / "installer" / "build-linux.sh"

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle and .deb are built on Linux"),
]


def _have(*tools: str) -> bool:
    return all(shutil.which(t) for t in tools)


def _build(mode: str, dist: Path, build: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHON=sys.executable, DIST_DIR=str(dist), BUILD_DIR=str(build))
    r = subprocess.run(["bash", str(BUILD), mode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, f"build-linux.sh {mode} failed:\n{r.stdout[-3000:]}\n{r.stderr[-6000:]}"
    return r


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller", reason="PyInstaller is in the dev extra")
    if not _have("objdump", "ldd"):
        pytest.skip("binutils (objdump) is needed by PyInstaller")
    dist = tmp_path_factory.mktemp("dist")
    _build("--bundle", dist, tmp_path_factory.mktemp("build"))
    return dist


@pytest.fixture(scope="module")
def bundle(dist) -> Path:
    return dist / "nianbao"


@pytest.fixture(scope="module")
def deb(dist, tmp_path_factory) -> Path:
    if not _have("dpkg-deb", "dpkg-shlibdeps"):
        pytest.skip("dpkg-deb and dpkg-shlibdeps (dpkg-dev) are needed for the .deb")
    _build("--deb", dist, tmp_path_factory.mktemp("build-deb"))
    found = list(dist.glob("nianbao_*.deb"))
    assert len(found) == 1, found
    return found[0]


def _run_frozen(bundle: Path, args: list[str], tmp_path: Path, **env) -> subprocess.CompletedProcess:
    environ = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
                   XDG_DATA_HOME=str(tmp_path / "data"), NIANBAO_DATA_DIR=str(tmp_path / "nianbao-data"), **env)
    return subprocess.run([str(bundle / "nianbao"), *args], cwd=tmp_path, env=environ, capture_output=True,
                          text=True, timeout=300)


# ---- the frozen program ---------------------------------------------------------------------------------------

def test_frozen_exports_the_sample_headless(bundle, tmp_path):
    out = tmp_path / "年报.docx"
    r = _run_frozen(bundle, ["export", str(SEED), "-o", str(out)], tmp_path)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert "盐池" in document


def test_frozen_exports_its_own_bundled_sample(bundle, tmp_path):
    sample = bundle / "_internal" / "resources" / "samples" / SEED.name
    assert sample.is_file()
    r = _run_frozen(bundle, ["export", str(sample), "-o", str(tmp_path / "x.docx")], tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "x.docx").stat().st_size > 5000


def test_frozen_opens_the_main_window_offscreen_and_quits(bundle, tmp_path):
    r = _run_frozen(bundle, ["gui", "--smoke-test"], tmp_path, QT_QPA_PLATFORM="offscreen")
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    assert "Traceback" not in r.stderr


def test_frozen_check_command(bundle, tmp_path):
    r = _run_frozen(bundle, ["check", str(SEED)], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "0 处错误" in r.stdout


# ---- what is in the bundle ------------------------------------------------------------------------------------

def test_bundle_carries_resources(bundle):
    res = bundle / "_internal" / "resources"
    for rel in ("samples/seed-2020-yanchi.nianbao", "samples/sample-2025.nianbao", "icons/nianbao.png"):
        assert (res / rel).is_file(), rel
    assert sorted(p.name for p in (ROOT / "resources").iterdir()) == sorted(p.name for p in res.iterdir())


def test_bundle_is_trimmed(bundle):
    internal = bundle / "_internal"
    names = {p.name for p in internal.rglob("*")}
    unwanted = re.compile(r"Qt6(Qml|Quick|WebEngine|Pdf|Network|Multimedia|3D|Wayland|VirtualKeyboard)|libqgtk3|"
                          r"libqeglfs|libqwayland|libqvnc|libqlinuxfb|cupsprintersupport|sqldrivers")
    assert not [n for n in names if unwanted.search(n)]
    translations = {p.name for p in internal.rglob("translations/*.qm")}
    assert translations and all(re.match(r"^qt(base)?_(zh_CN|en)\.qm$", n) for n in translations), translations
    assert "qtbase_zh_CN.qm" in translations
    platforms = {p.name for p in internal.rglob("platforms/*.so")}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()], "dangling symlinks"
    # lxml modules the program never imports and ssl stay out (lxml.html stays: the importer uses it); Qt's 32 MB
    # ICU data is the empty stand-in of installer/linux/icudata-stub.c.
    lxml = {p.name.split(".")[0] for p in (internal / "lxml").glob("*.so")}
    assert "etree" in lxml and not lxml & {"objectify", "sax", "builder"}, lxml
    assert (internal / "lxml" / "html").is_dir() and not (internal / "lxml" / "isoschematron").exists()
    assert not [n for n in names if re.match(r"^(_ssl\.|libssl\.so)", n)]
    icu = [p for p in internal.rglob("libicudata.so.*") if not p.is_symlink()]
    assert icu and all(p.stat().st_size < 100_000 for p in icu), [(p, p.stat().st_size) for p in icu]


def test_desktop_stack_comes_from_the_system(bundle):
    """X11/xcb, fontconfig, GLib and the C++ runtime are Depends: of the .deb, not copies from the build machine."""
    internal = bundle / "_internal"
    system_libs = re.compile(r"^lib(X11|xcb|xkbcommon|fontconfig|freetype|glib-2\.0|dbus-1|stdc\+\+|gcc_s)\b")
    assert not [p.name for p in internal.iterdir() if system_libs.match(p.name)]


# ---- the Debian package ---------------------------------------------------------------------------------------

def _fields(deb: Path) -> dict[str, str]:
    out = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    fields, key = {}, None
    for line in out.splitlines():
        if line.startswith(" ") and key:
            fields[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def _members(deb: Path) -> dict[str, tarfile.TarInfo]:
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name.removeprefix("./").rstrip("/"): m for m in tar.getmembers()}


def _read(deb: Path, name: str) -> str:
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return tar.extractfile("./" + name).read().decode("utf-8")


def test_deb_name_and_control_fields(deb):
    assert deb.name == f"nianbao_{app.__version__}_amd64.deb"
    f = _fields(deb)
    assert f["Package"] == "nianbao"
    assert f["Version"] == app.__version__
    assert f["Architecture"] == "amd64"
    assert f["Maintainer"] and f["Description"]
    depends = {d.split()[0] for d in f["Depends"].split(",")}
    assert {"libxcb-cursor0", "libc6", "libxkbcommon-x11-0", "libfontconfig1", "libgl1", "libegl1",
            "libxcb-icccm4", "libxcb-keysyms1", "libdbus-1-3", "libstdc++6"} <= depends
    assert not depends & {"libssl3", "libpython3.11", "libreadline8"}, "bundled libraries must not be Depends"
    installed = int(f["Installed-Size"])
    size_kib = sum(m.size for m in _members(deb).values()) // 1024
    assert abs(installed - size_kib) < size_kib * 0.05 + 64


def test_deb_layout_and_permissions(deb):
    members = _members(deb)
    for path in ("opt/nianbao/nianbao", "usr/bin/nianbao", "usr/share/applications/nianbao.desktop",
                 "usr/share/mime/packages/nianbao.xml", "usr/share/icons/hicolor/256x256/apps/nianbao.png",
                 "usr/share/icons/hicolor/48x48/mimetypes/application-x-nianbao-draft.png",
                 "usr/share/doc/nianbao/copyright",
                 "opt/nianbao/_internal/resources/samples/seed-2020-yanchi.nianbao"):
        assert path in members, path
    executables = {"opt/nianbao/nianbao", "usr/bin/nianbao"}
    wrong = []
    for name, m in members.items():
        if m.uname != "root" or m.gname != "root":
            wrong.append(f"{name} owned by {m.uname}:{m.gname}")
        if m.isdir() and m.mode != 0o755 or m.isfile() and m.mode != (0o755 if name in executables else 0o644):
            wrong.append(f"{name} {oct(m.mode)}")
    assert not wrong, wrong[:20]
    assert {n.split("/")[0] for n in members if n} <= {"opt", "usr", "."}, "nothing outside /opt and /usr"


def test_deb_launcher_desktop_entry_and_mime_type(deb):
    assert "exec /opt/nianbao/nianbao \"$@\"" in _read(deb, "usr/bin/nianbao")
    desktop = _read(deb, "usr/share/applications/nianbao.desktop")
    lines = dict(line.split("=", 1) for line in desktop.splitlines() if "=" in line)
    assert lines["Name"] == lines["Name[zh_CN]"] == "年报助手"
    assert lines["Exec"] == "nianbao %f"
    assert lines["Icon"] == "nianbao"
    assert lines["Type"] == "Application"
    assert "application/x-nianbao-draft" in lines["MimeType"].split(";")
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.fromstring(_read(deb, "usr/share/mime/packages/nianbao.xml"))
    mtype = mime.find("m:mime-type", ns)
    assert mtype.get("type") == "application/x-nianbao-draft"
    assert [g.get("pattern") for g in mtype.findall("m:glob", ns)] == ["*.nianbao"]


def test_deb_desktop_file_validates(deb, tmp_path):
    if not shutil.which("desktop-file-validate"):
        pytest.skip("desktop-file-utils not installed")
    f = tmp_path / "nianbao.desktop"
    f.write_text(_read(deb, "usr/share/applications/nianbao.desktop"), encoding="utf-8")
    r = subprocess.run(["desktop-file-validate", str(f)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_deb_maintainer_scripts(deb, tmp_path):
    subprocess.run(["dpkg-deb", "-e", str(deb), str(tmp_path / "DEBIAN")], check=True)
    for script in ("postinst", "postrm"):
        path = tmp_path / "DEBIAN" / script
        assert path.stat().st_mode & 0o777 == 0o755
        text = path.read_text()
        assert text.startswith("#!/bin/sh") and "update-mime-database" in text and "update-desktop-database" in text
        assert subprocess.run(["sh", "-n", str(path)]).returncode == 0
    # postrm removes only the program folder, never anything under /home
    assert "/home" not in (tmp_path / "DEBIAN" / "postrm").read_text()


# ---- the wheel ------------------------------------------------------------------------------------------------

def test_wheel_build_carries_resources(tmp_path):
    """setup.py's build_py copies resources/ into app/resources, where app/paths.py finds it after a pip install."""
    lib = tmp_path / "lib"
    r = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (lib / "app" / "resources" / "samples" / SEED.name).is_file()
    probe = "from app.paths import resources_dir, sample_draft; print(resources_dir()); print(sample_draft().is_file())"
    env = dict(os.environ, PYTHONPATH=str(lib))
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert Path(out[0]) == lib / "app" / "resources"
    assert out[1] == "True"
