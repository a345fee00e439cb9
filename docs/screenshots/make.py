"""Screenshots of the window for the README: the start page, every tab with the seed sample, a marked
error, and tables 三 and 四 on the screens offices have.

Run under a real X server or Xvfb so that fonts render as on a desktop:
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/make.py [OUT_DIR] [SAMPLE]
    # tables 三/四 as a clerk sees them, named after the screen (and scale):
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/make.py --screen
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/make.py --screen
With --screen the window fills the screen's free area (as maximized by a window manager, which Xvfb
lacks): table-3-1366x768.png, table-3-scrolled-1366x768.png, table-4-1366x768.png, …-1920x1080-150.png.
Settings and recovery copies go to a temporary folder, never to the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["NIANBAO_DATA_DIR"] = tempfile.mkdtemp(prefix="nianbao-shots-")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.gui import names  # noqa: E402
from app.gui.main import setup_application  # noqa: E402
from app.gui.pages import TABS  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402

FILES = ("0-basic", "1-preamble", "2-overview", "3-table2", "4-table3", "5-table4", "6-problems", "7-other")
SEED = ROOT / "resources" / "samples" / "seed-2020-yanchi.nianbao"


def settle(app, n: int = 8) -> None:
    for _ in range(n):
        app.processEvents()


def save(w, path: Path) -> None:
    w.grab().save(str(path), "PNG", 9)
    print(path)


def screens(app, out: Path, sample: Path) -> None:
    """Tables 三 and 四 filling the screen, named after the screen's pixel size and scale."""
    screen = app.primaryScreen()
    area = screen.availableGeometry()
    ratio = screen.devicePixelRatio()
    tag = f"{round(screen.geometry().width() * ratio)}x{round(screen.geometry().height() * ratio)}"
    if ratio != 1:
        tag += f"-{round(ratio * 100)}"
    w = MainWindow()
    w.files.open_file(str(sample))
    w.statusBar().clearMessage()
    w.setGeometry(area)
    w.show()
    settle(app)
    for table, stem in (("table3", "table-3"), ("table4", "table-4")):
        w.tabs.setCurrentIndex(w.table_tab(table))
        settle(app)
        save(w, out / f"{stem}-{tag}.png")
    view = w.views["table3"]
    w.tabs.setCurrentIndex(w.table_tab("table3"))
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    settle(app)
    save(w, out / f"table-3-scrolled-{tag}.png")
    w.close_without_asking()


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0]) if args else Path(__file__).resolve().parent
    sample = Path(args[1]) if len(args) > 1 else SEED
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)
    if "--screen" in sys.argv:
        screens(app, out, sample)
        return 0
    # The start page, as a clerk sees it the first time.
    w = MainWindow()
    w.start(None, offer_recovery=False)
    w.resize(1400, 900)
    w.show()
    settle(app)
    save(w, out / "start.png")
    w.close_without_asking()
    w = MainWindow()
    w.files.open_file(str(sample))
    w.statusBar().clearMessage()
    w.resize(1400, 900)
    w.show()
    settle(app, 5)
    tabs = w.findChild(type(w.tabs), names.TABS)
    for i, (stem, _) in enumerate(zip(FILES, TABS, strict=True)):
        tabs.setCurrentIndex(i)
        settle(app, 5)
        save(w, out / f"{stem}.png")
    # One more: what a mistake looks like (a number that breaks table 三's 勾稽关系).
    model = w.models["table3"]
    model.setData(model.index_of("new_received", "natural_person"), "3")
    w.go_to_finding(next(f for f in w.findings if f.rule == "t3-balance"))
    settle(app, 5)
    save(w, out / "8-error-marked.png")
    w.close_without_asking()
    return 0


if __name__ == "__main__":
    sys.exit(main())
