"""Screenshots of starting this year's report from last year's Word file (issue 8), for the README:

    import-1-choose-word-file.png   文件 → 以上一年度报告为基础新建…: choosing last year's .docx
    import-2-account.png            the import account, before the draft opens
    import-3-carried-in.png         this year's table 三 with 二、上年结转 filled from last year
    import-4-in-force-warning.png   a cross-year warning on 现行有效件数, clicked in 检查结果
    import-5-same-as-last-year.png  a section still as last year's, marked on its page

Run under a real X server or Xvfb (the whole screen is grabbed, dialogs included):
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/make_import.py [OUT_DIR]
Settings, recovery copies and the Word file go to a temporary folder, never to the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="nianbao-import-shots-"))
os.environ["NIANBAO_DATA_DIR"] = str(TMP / "data")
os.environ["NIANBAO_SETTINGS_DIR"] = str(TMP / "settings")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from app.export import export_docx  # noqa: E402
from app.gui import importing, names  # noqa: E402
from app.gui.main import setup_application  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402
from app.storage import load_draft  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "sample-2025.nianbao"


def settle(app, n: int = 8) -> None:
    for _ in range(n):
        app.processEvents()


def shot(app, path: Path) -> None:
    settle(app)
    app.primaryScreen().grabWindow(0).save(str(path), "PNG", 9)
    print(path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)
    last_year = export_docx(load_draft(SAMPLE), TMP / "某某市某某区市场监督管理局2025年政府信息公开工作年度报告.docx")

    w = MainWindow()
    w.files.open_file(str(SAMPLE))
    w.statusBar().clearMessage()
    screen = app.primaryScreen().availableGeometry()
    w.setGeometry(screen)
    w.show()
    settle(app)

    # 1. Choosing last year's Word file (Qt's own file dialog, so that it can be shown and grabbed).
    def choose(parent, title, folder, file_filter):
        dlg = QFileDialog(parent, title, str(TMP), file_filter)
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.selectFile(str(last_year))
        dlg.resize(820, 460)
        dlg.show()
        settle(app, 30)
        shot(app, out / "import-1-choose-word-file.png")
        dlg.close()
        return str(last_year)

    importing.choose_file = choose

    # 2. The account, before the draft opens; 新建 is pressed after the screenshot.
    def answer():
        dlg = next((x for x in app.topLevelWidgets() if isinstance(x, importing.AccountDialog) and x.isVisible()),
                   None)
        if dlg is None:
            QTimer.singleShot(50, answer)
            return
        dlg.year.setValue(2026)
        shot(app, out / "import-2-account.png")
        dlg.accept()

    QTimer.singleShot(0, answer)
    w.action(names.ACT_NEW_FROM_LAST).trigger()
    settle(app)

    # 3. This year's table 三: 二、上年结转 filled from last year's 四、结转下年度继续办理.
    w.tabs.setCurrentIndex(w.table_tab("table3"))
    view = w.views["table3"]
    view.select_ref("carried_in", "natural_person")
    w.statusBar().showMessage("表三「二、上年结转」已按2025年度报告「四、结转下年度继续办理」逐列填写", 60000)
    shot(app, out / "import-3-carried-in.png")

    # 4. 现行有效件数 that does not roll forward: 27 last year + 3 issued − 1 repealed should be 29.
    model = w.models["table2"]
    for col, value in (("issued", "3"), ("repealed", "1"), ("in_force", "27")):
        model.setData(model.index_of("normative_docs", col), value)
    settle(app)
    f = next(f for f in w.findings if f.rule == "in-force-rollforward")
    w.panel.setCurrentItem(w.panel.item_for(f))
    w.go_to_finding(f)
    shot(app, out / "import-4-in-force-warning.png")

    # 5. Section 五 copied from last year and not yet rewritten.
    pages = [w.tabs.widget(i).objectName() for i in range(w.tabs.count())]
    w.tabs.setCurrentIndex(pages.index(names.TAB_PROBLEMS))
    w.statusBar().clearMessage()
    shot(app, out / "import-5-same-as-last-year.png")
    w.close_without_asking()
    return 0


if __name__ == "__main__":
    sys.exit(main())
