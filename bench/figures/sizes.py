"""Sizes of what the clerk downloads and installs: the Linux bundle (dist/nianbao/), the .deb and the Windows
setup (where built), against a bare PySide6 hello-world frozen by PyInstaller with its defaults.

Measured only when the artefacts exist (`make installer`), or with `make bench BUNDLE=1`, which builds them
first when missing. The hello-world is built once (build/bench-hello/) and reused.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bench.harness import Harness, Result, Target

ORDER = 90
MB = 1_000_000
HELLO = "hello_world"


def tree_bytes(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            p = Path(dirpath, name)
            if not p.is_symlink():
                total += p.stat().st_size
    return total


def hello_bundle(h: Harness) -> Path:
    given = h.options.get("hello")
    if given:
        return Path(given)
    out = h.root / "build" / "bench-hello"
    bundle = out / "dist" / HELLO
    if not (bundle / HELLO).exists():
        subprocess.run([h.python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--onedir",
                        "--distpath", str(out / "dist"), "--workpath", str(out / "work"), "--specpath", str(out),
                        h.program("hello_world.py")], check=True)
    return bundle


def measure(h: Harness) -> list[Result]:
    dist = Path(h.options.get("dist") or h.root / "dist")
    bundle = dist / "nianbao"
    if h.options.get("bundle") and not (bundle / "nianbao").exists():
        subprocess.run([str(h.root / "installer" / "build-linux.sh")], check=True,
                       env=dict(os.environ, PYTHON=h.python))
    debs = sorted(dist.glob("nianbao_*.deb"))
    setups = sorted(p for p in dist.glob("*.exe") if "setup" in p.name.lower())
    if not bundle.is_dir() and not debs and not setups:
        return []  # nothing built: `make installer` or `make bench BUNDLE=1`
    hello = tree_bytes(hello_bundle(h)) / MB
    name = "bare PySide6 hello-world, frozen (PyInstaller defaults)"
    out = []
    if bundle.is_dir():
        out.append(Result("size.bundle", "Linux bundle (dist/nianbao/)", "MB", tree_bytes(bundle) / MB, hello, name,
                          Target(ratio=0.6, text="≤ 0.6×"), 1))
    for p in debs[-1:]:
        out.append(Result("size.deb", f"Debian package ({p.name})", "MB", p.stat().st_size / MB, hello, name,
                          Target(program=30, text="≤ 30 MB"), 1))
    for p in setups[-1:]:
        out.append(Result("size.windows_setup", f"Windows setup ({p.name})", "MB", p.stat().st_size / MB, hello,
                          name, Target(program=30, text="≤ 30 MB"), 1))
    return out
