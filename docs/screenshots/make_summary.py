"""Screenshot of the 汇总 window: a county's folder with a dozen units' reports (one with a table error, one
unfinished, one Word file, one of last year, one that cannot be read), for the README.

Run under a real X server or Xvfb so that fonts render as on a desktop:
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/make_summary.py [OUT_DIR]
The units' files are generated into a temporary folder; settings and recovery copies go to another.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ["NIANBAO_DATA_DIR"] = tempfile.mkdtemp(prefix="nianbao-shots-")

from PySide6.QtWidgets import QApplication  # noqa: E402
from summary_helpers import unit_draft  # noqa: E402

from app.export import export_docx  # noqa: E402
from app.gui.main import setup_application  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402
from app.storage import save_draft  # noqa: E402

COUNTY = "某某县"
UNITS = ("发展和改革局", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
         "住房和城乡建设局", "交通运输局", "农业农村局", "卫生健康委员会", "市场监督管理局")


def make_folder(folder: Path) -> None:
    for i, unit in enumerate(UNITS):
        d = unit_draft(100 + i, agency=COUNTY + unit)
        if unit == "公安局":  # 一+二 ≠ （七）总计+四 in one column
            d.set("table3", "carried_over", "natural_person", d.get("table3", "carried_over", "natural_person") + 4)
        if unit == "民政局":  # not finished
            d.set("table2", "normative_docs", "in_force", None)
            d.set("table4", "cases", "review_pending", None)
        if unit == "财政局":  # sent its Word report instead of the draft
            export_docx(d, folder / f"{COUNTY}{unit}2025年政府信息公开工作年度报告.docx")
            continue
        save_draft(d, folder / f"{COUNTY}{unit}.nianbao")
    save_draft(unit_draft(200, agency=f"{COUNTY}审计局", year=2024), folder / f"{COUNTY}审计局（2024年）.nianbao")
    (folder / f"{COUNTY}统计局.nianbao").write_text('{"schema_version": 2, "format_id": "2021", "year": 20',
                                                   "utf-8")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="nianbao-units-")) / f"{COUNTY}各单位2025年报"
    folder.mkdir()
    make_folder(folder)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)
    w = MainWindow()
    w.resize(1300, 860)
    w.show()
    win = w.summarizing.open_folder(folder)
    win.resize(1340, 720)
    deadline = time.monotonic() + 120
    while (win.job is not None or win.result is None) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()
    path = out / "summary-1-units.png"
    win.grab().save(str(path), "PNG", 9)
    print(path)
    win.close()
    w.close_without_asking()
    return 0


if __name__ == "__main__":
    sys.exit(main())
