"""The 汇总 window, driven for real offscreen: 文件 → 汇总多个单位的报告… on a folder of generated units, the
progress bar, the status table (units needing attention first), double-clicking a unit opens its report,
the sum opens as a new untitled draft, the area report comparison, the Excel export and 取消."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from openpyxl import load_workbook  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QListWidget, QProgressBar, QPushButton, QTableView  # noqa: E402
from summary_helpers import input_values, unit_draft  # noqa: E402
from test_gui import make_window  # noqa: E402

from app.export import export_docx  # noqa: E402
from app.gui import names, summarizing  # noqa: E402
from app.gui.summarizing import SummaryWindow  # noqa: E402
from app.storage import save_draft  # noqa: E402
from app.summary import summarize_folder  # noqa: E402


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "各单位"
    f.mkdir()
    for i, name in enumerate(["甲局", "乙局", "丙局"]):
        save_draft(unit_draft(i, agency=name), f / f"{name}.nianbao")
    bad = unit_draft(5, agency="丁局")
    bad.set("table3", "carried_over", "other", bad.get("table3", "carried_over", "other") + 1)
    save_draft(bad, f / "丁局.nianbao")
    export_docx(unit_draft(6, agency="戊局"), f / "戊局.docx")
    (f / "己局.nianbao").write_text("{broken", "utf-8")
    return f


def run_summary(qtbot, w, folder, monkeypatch) -> SummaryWindow:
    """文件 → 汇总多个单位的报告…, the folder chosen, until the window shows the result."""
    monkeypatch.setattr(summarizing, "choose_folder", lambda parent, start: str(folder))
    action = w.action(names.ACT_SUMMARY)
    assert action in w.acts.file_menu.actions()
    action.trigger()
    win = w.summarizing.windows[-1]
    assert win.isVisible() and isinstance(win, SummaryWindow) and win in QApplication.topLevelWidgets()
    qtbot.waitUntil(lambda: win.result is not None and win.job is None, timeout=60000)
    return win


def rows(win) -> list[list[str]]:
    model = win.findChild(QTableView, names.SUMMARY_TABLE).model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def activate_row(qtbot, win, row: int) -> None:
    """Select a row and press Enter, which activates it as a double-click does."""
    view = win.findChild(QTableView, names.SUMMARY_TABLE)
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)


def test_status_table_and_progress(qtbot, seed_path, folder, dlg, monkeypatch):
    w = make_window(qtbot, seed_path)
    win = run_summary(qtbot, w, folder, monkeypatch)
    progress = win.findChild(QProgressBar, names.SUMMARY_PROGRESS)
    assert (progress.value(), progress.maximum()) == (6, 6)
    assert not progress.isVisible()  # the run is over
    table = rows(win)
    assert [r[0] for r in table[:2]] == ["己局", "丁局"]  # the unreadable file, then the unit with errors
    assert table[0][-1].startswith("未计入：无法读取") and "己局.nianbao" in table[0][-1]
    assert table[1][3] == "2" and "一+二" in table[1][-1]
    assert sorted(r[0] for r in table[2:]) == ["丙局", "乙局", "戊局", "甲局"]
    assert next(r for r in table if r[0] == "戊局")[2] == "Word"
    header = win.findChild(type(win.header), names.SUMMARY_HEADER).text()
    assert "2025年度" in header and "5个单位计入汇总" in header and "另有1个文件未计入" in header
    checks = win.findChild(QListWidget, names.SUMMARY_CHECKS)
    lines = [checks.item(i).text() for i in range(checks.count())]
    assert any(line.startswith("[汇总表错误]") and "「其他」列" in line for line in lines)


def test_activating_a_row_opens_units_and_the_sum_opens_as_a_new_draft(qtbot, seed_path, folder, dlg, monkeypatch):
    w = make_window(qtbot, seed_path)
    win = run_summary(qtbot, w, folder, monkeypatch)
    table = rows(win)
    activate_row(qtbot, win, next(i for i, r in enumerate(table) if r[0] == "乙局"))
    assert w.draft.agency == "乙局" and w.path == folder / "乙局.nianbao"
    activate_row(qtbot, win, next(i for i, r in enumerate(table) if r[0] == "戊局"))
    assert w.draft.agency == "戊局" and w.path is None and "戊局.docx" in w.display_name()
    assert input_values(w.draft) == input_values(unit_draft(6, agency="戊局"))
    activate_row(qtbot, win, 0)  # the broken file: its error, and the window keeps its report
    assert dlg.informed and "己局.nianbao" in dlg.informed[-1]
    assert w.draft.agency == "戊局"

    win.findChild(QPushButton, names.SUMMARY_OPEN_SUM).click()
    expected = summarize_folder(folder).draft
    assert w.path is None and w.draft.year == 2025 and "5个单位汇总" in w.draft.title_lines[1]
    assert input_values(w.draft) == input_values(expected)
    assert any(f.rule == "t3-balance" for f in w.findings)  # the window checks the sum like any report


def test_area_report_and_excel_export(qtbot, seed_path, folder, dlg, monkeypatch, tmp_path):
    w = make_window(qtbot, seed_path)
    win = run_summary(qtbot, w, folder, monkeypatch)
    area = summarize_folder(folder).draft
    area.set("table4", "cases", "review_corrected", 77)
    area_path = tmp_path / "全县.nianbao"
    save_draft(area, area_path)
    monkeypatch.setattr(summarizing, "choose_area_report", lambda parent, start: str(area_path))
    win.findChild(QPushButton, names.SUMMARY_AREA).click()
    qtbot.waitUntil(lambda: win.job is None and win.result.area is not None, timeout=60000)
    checks = win.findChild(QListWidget, names.SUMMARY_CHECKS)
    lines = [checks.item(i).text() for i in range(checks.count())]
    mismatch = [line for line in lines if line.startswith("[与本地区报告不一致]")]
    assert len(mismatch) == 1 and "本地区报告为77" in mismatch[0] and "行政复议结果纠正" in mismatch[0]
    assert "1处不一致" in win.header.text()

    out = tmp_path / "导出" / "汇总"
    out.parent.mkdir()
    dlg.save_paths.append(str(out))
    win.findChild(QPushButton, names.SUMMARY_XLSX).click()
    saved = out.with_name("汇总.xlsx")
    wb = load_workbook(saved)
    assert wb.sheetnames[:4] == ["各单位情况", "表二", "表三", "表四"]
    assert [c.value for c in wb["各单位情况"][4]][:2] == ["己局", "己局.nianbao"]
    assert "已导出" in win.header.text()


def test_cancel(qtbot, seed_path, folder, dlg, monkeypatch):
    w = make_window(qtbot, seed_path)
    win = w.summarizing.open_folder(folder)
    win.findChild(QPushButton, names.SUMMARY_CANCEL).click()
    qtbot.waitUntil(lambda: win.job is None, timeout=60000)
    assert win.result is None and "已取消" in win.header.text()
    assert not win.findChild(QPushButton, names.SUMMARY_OPEN_SUM).isEnabled()
    win.findChild(QPushButton, names.SUMMARY_RERUN).click()
    qtbot.waitUntil(lambda: win.job is None and win.result is not None, timeout=60000)
    assert len(rows(win)) == 6
