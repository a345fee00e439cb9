"""Where start-up goes: CPU milliseconds and resident memory by phase, in the program's own import order.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/profile_start.py [FILE] [--runs 5]

Not a figure of `make bench` (no baseline): the breakdown behind the start-up figure, for bench/README.md.
CPU time (time.process_time), so a busy machine's waiting for a core is left out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def one(path: str) -> None:
    marks = [("start", time.process_time(), rss_mib())]

    def mark(name: str) -> None:
        marks.append((name, time.process_time(), rss_mib()))

    sys.path.insert(0, str(ROOT))
    import app.cli  # noqa: F401
    mark("app.cli")
    import pydantic.main  # noqa: F401
    mark("pydantic")
    import app.draft  # noqa: F401
    mark("draft models")
    import app.checks  # noqa: F401
    import app.storage  # noqa: F401
    mark("app.checks, app.storage")
    from PySide6.QtWidgets import QApplication
    mark("PySide6.QtWidgets")
    qapp = QApplication([])
    mark("QApplication")
    from PySide6.QtCore import Qt
    Qt.AlignmentFlag  # noqa: B018 - the first access builds the whole Qt enum namespace
    mark("Qt enum namespace")
    from app.gui.main import setup_application
    setup_application(qapp)
    mark("app.gui.main, set-up")
    from app.gui.window import MainWindow
    mark("GUI modules")
    window = MainWindow()
    mark("MainWindow()")
    window.start(path, offer_recovery=False)
    mark("open the file, checks, pages")
    window.show()
    qapp.processEvents()
    mark("show, first paint")
    print(";".join(f"{n}:{1e3 * (t - pt):.1f}:{m - pm}" for (n, t, m), (_, pt, pm) in zip(marks[1:], marks[:-1],
                                                                                          strict=True)))
    sys.stdout.flush()
    os._exit(0)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("file", nargs="?", default=str(ROOT / "resources" / "samples" / "seed-2020-yanchi.nianbao"))
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        one(args.file)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=tempfile.mkdtemp(prefix="nianbao-prof-"))
    rows = []
    for _ in range(args.runs + 1):  # the first writes the bytecode caches
        out = subprocess.run([sys.executable, __file__, args.file, "--one"], env=env, capture_output=True, text=True)
        line = out.stdout.strip().splitlines()[-1]
        rows.append([(n, float(ms), int(mb)) for n, ms, mb in (x.split(":") for x in line.split(";"))])
    rows = rows[1:]
    print("| phase | CPU ms | MiB |\n| --- | --- | --- |")
    for i, (name, _, _) in enumerate(rows[0]):
        print(f"| {name} | {statistics.median(r[i][1] for r in rows):.0f} | "
              f"{statistics.median(r[i][2] for r in rows):+.0f} |")
    print(f"| total | {statistics.median(sum(x[1] for x in r) for r in rows):.0f} | |")


if __name__ == "__main__":
    main()
