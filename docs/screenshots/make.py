"""Screenshots of every tab of the window with the seed sample, for the README.

Run under a real X server or Xvfb so that fonts render as on a desktop:
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/make.py [OUT_DIR] [SAMPLE]
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


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    sample = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "resources" / "samples" / "seed-2020-yanchi.nianbao"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)
    w = MainWindow()
    w.files.open_file(str(sample))
    w.statusBar().clearMessage()
    w.resize(1400, 900)
    w.show()
    for _ in range(5):
        app.processEvents()
    tabs = w.findChild(type(w.tabs), names.TABS)
    for i, (stem, _) in enumerate(zip(FILES, TABS, strict=True)):
        tabs.setCurrentIndex(i)
        for _ in range(5):
            app.processEvents()
        path = out / f"{stem}.png"
        w.grab().save(str(path), "PNG", 9)
        print(path)
    # One more: what a mistake looks like (a number that breaks table 三's 勾稽关系).
    model = w.models["table3"]
    model.setData(model.index_of("new_received", "natural_person"), "3")
    w.go_to_finding(next(f for f in w.findings if f.rule == "t3-balance"))
    for _ in range(5):
        app.processEvents()
    path = out / "8-error-marked.png"
    w.grab().save(str(path), "PNG", 9)
    print(path)
    w.close_without_asking()
    return 0


if __name__ == "__main__":
    sys.exit(main())
