"""The window's import flows, driven for real offscreen: 文件 → 导入已有报告… with its account dialog,
新建 → 以上一年度报告为基础… with 上年结转 filled, the 「与上年相同」 notes, a cross-year warning on
现行有效件数, and click-to-go from a text finding to the very sentence."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QPushButton  # noqa: E402
from test_gui import enter_text, grid, make_window, type_into  # noqa: E402

from app.export import export_docx  # noqa: E402
from app.gui import importing, names  # noqa: E402
from app.gui.editors import TextEditor  # noqa: E402
from app.gui.importing import AccountDialog  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402
from app.storage import load_draft  # noqa: E402


@pytest.fixture
def last_year_docx(sample2021_path, tmp_path):
    return export_docx(load_draft(sample2021_path), tmp_path / "某某局2025年报.docx")


def tab(w, object_name: str) -> int:
    """The index of the current page with this name (pages of a replaced draft linger until deleted)."""
    return next(i for i in range(w.tabs.count()) if w.tabs.widget(i).objectName() == object_name)


def _answer_account(qtbot, seen: list, accept: bool = True, year: int | None = None) -> None:
    """When the real account dialog shows, read it and press 打开草稿/新建 (or 取消)."""
    def answer():
        dlg = next((w for w in QApplication.topLevelWidgets() if isinstance(w, AccountDialog) and w.isVisible()),
                   None)
        if dlg is None:
            QTimer.singleShot(20, answer)
            return
        seen.append((dlg.windowTitle(), dlg.findChild(QPlainTextEdit, names.IMPORT_ACCOUNT_TEXT).toPlainText()))
        if year is not None:
            dlg.year.setValue(year)
        if accept:
            dlg.findChild(QPushButton, names.IMPORT_ACCOUNT_OK).click()
        else:
            dlg.reject()
    QTimer.singleShot(0, answer)


def test_import_word_report_shows_the_account_before_the_draft_opens(qtbot, dlg, seed_path, last_year_docx,
                                                                     monkeypatch):
    w = make_window(qtbot, seed_path)
    monkeypatch.setattr(importing, "choose_file", lambda *a: str(last_year_docx))
    seen = []
    _answer_account(qtbot, seen)
    w.action(names.ACT_IMPORT).trigger()
    title, text = seen[0]
    assert title == "导入说明"
    assert "读取 166 格（共 166 格需要填写）" in text and "某某市某某区市场监督管理局 2025年度" in text
    assert "合计与各项相加一致" in text
    assert w.draft.year == 2025 and w.draft.format_id == "2021"
    assert "导入" in w.windowTitle() and w.path is None
    view = grid(w, "table3")
    assert view.grid_model.index_of("new_received", "natural_person").data() == "41"


def test_cancelled_import_keeps_the_open_report(qtbot, dlg, seed_path, last_year_docx, monkeypatch):
    w = make_window(qtbot, seed_path)
    monkeypatch.setattr(importing, "choose_file", lambda *a: str(last_year_docx))
    seen = []
    _answer_account(qtbot, seen, accept=False)
    w.action(names.ACT_IMPORT).trigger()
    assert seen and w.draft.year == 2020 and w.path == seed_path


def test_unreadable_import_is_a_message(qtbot, dlg, seed_path, tmp_path, monkeypatch):
    w = make_window(qtbot, seed_path)
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    monkeypatch.setattr(importing, "choose_file", lambda *a: str(bad))
    w.action(names.ACT_IMPORT).trigger()
    assert dlg.informed and "坏.docx" in dlg.informed[0]
    assert w.draft.year == 2020


def test_new_from_last_years_word_file(qtbot, dlg, seed_path, last_year_docx, monkeypatch):
    w = make_window(qtbot, seed_path)
    monkeypatch.setattr(importing, "choose_file", lambda *a: str(last_year_docx))
    seen = []
    _answer_account(qtbot, seen, year=2026)
    w.action(names.ACT_NEW_FROM_LAST).trigger()
    assert seen[0][0] == "以上一年度报告为基础新建" and "上年结转" in seen[0][1]
    d = w.draft
    assert d.year == 2026 and d.previous.year == 2025 and w.path is None
    # 上年结转 filled from last year's 结转下年度, shown in the grid
    view = grid(w, "table3")
    assert [view.grid_model.index_of("carried_in", c).data() for c in
            ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")] \
        == ["2", "1", "0", "0", "0", "0", "3"]
    # copied sections are marked as last year's until rewritten
    w.tabs.setCurrentIndex(tab(w, names.TAB_PROBLEMS))
    note = w.tabs.currentWidget().findChild(QLabel, names.same_as_last_year("problems"))
    assert note is not None and note.isVisible() and "4句中有4句" in note.text()
    ed = w.tabs.currentWidget().findChild(TextEditor, names.TEXT_PROBLEMS)
    ed.selectAll()
    enter_text(qtbot, ed, "一是基层公开标准化推进不平衡。二是解读回应不够及时。"
                          "下一步将开展专项培训并建立同步解读机制。")
    w.doc.refresh()
    assert not note.isVisible()
    assert "same-as-last-year" not in {f.rule for f in w.findings if f.section == "problems"}


def test_cross_year_warning_on_in_force(qtbot, dlg, seed_path, last_year_docx, monkeypatch):
    w = make_window(qtbot, seed_path)
    monkeypatch.setattr(importing, "choose_file", lambda *a: str(last_year_docx))
    _answer_account(qtbot, [], year=2026)
    w.action(names.ACT_NEW_FROM_LAST).trigger()
    view = grid(w, "table2")
    type_into(qtbot, view, "normative_docs", "issued", "3")
    type_into(qtbot, view, "normative_docs", "repealed", "1")
    type_into(qtbot, view, "normative_docs", "in_force", "27")  # should be 27 + 3 - 1 = 29
    found = [f for f in w.findings if f.rule == "in-force-rollforward"]
    assert len(found) == 1 and "29件" in found[0].message
    item = w.panel.item_for(found[0])
    assert item is not None
    w.panel.itemClicked.emit(item, 0)
    assert w.tabs.currentIndex() == w.table_tab("table2")
    assert view.currentIndex() == view.grid_model.index_of("normative_docs", "in_force")
    type_into(qtbot, view, "normative_docs", "in_force", "29")
    assert not [f for f in w.findings if f.rule == "in-force-rollforward"]


def test_text_finding_goes_to_the_sentence(qtbot, dlg, sample2021_path):
    w = make_window(qtbot, sample2021_path)
    w.tabs.setCurrentIndex(tab(w, names.TAB_OVERVIEW))
    ed = w.tabs.currentWidget().findChild(TextEditor, names.text_overview_part(2))
    ed.selectAll()
    enter_text(qtbot, ed, "全年积极受理群众申请。共收到政府信息公开申请58件，均按时答复。")
    w.action(names.ACT_CHECK).trigger()
    [f] = [f for f in w.findings if f.rule == "text-vs-table"]
    w.tabs.setCurrentIndex(0)
    w.panel.itemClicked.emit(w.panel.item_for(f), 0)
    assert w.tabs.currentIndex() == tab(w, names.TAB_OVERVIEW)
    assert ed.textCursor().selectedText() == "共收到政府信息公开申请58件，均按时答复。"
    assert QApplication.focusWidget() is ed or not w.isActiveWindow()


def test_compare_an_existing_draft_with_last_years_report(qtbot, dlg, sample2021_path, tmp_path, monkeypatch):
    from app.previous import start_from
    from app.storage import save_draft

    d = start_from(load_draft(sample2021_path), 2026)
    d.previous = None  # a 2026 draft begun without last year's report
    d.set("table3", "carried_in", "natural_person", 5)
    path = tmp_path / "2026.nianbao"
    save_draft(d, path)
    w = make_window(qtbot, path)
    assert not [f for f in w.findings if f.rule == "carry-over"] and not w.isWindowModified()
    monkeypatch.setattr(importing, "choose_file", lambda *a: str(sample2021_path))
    w.action(names.ACT_COMPARE_LAST).trigger()
    assert w.draft.previous is not None and w.draft.previous.year == 2025
    carry = [f for f in w.findings if f.rule == "carry-over"]
    assert {f.column for f in carry} == {"natural_person", "total"}
    assert w.isWindowModified() and "跨年度核对发现" in w.statusBar().currentMessage()
    w.action(names.ACT_SAVE).trigger()
    assert load_draft(path).previous.source == sample2021_path.name


def test_compare_refuses_a_report_that_is_not_last_years(qtbot, dlg, sample2021_path, monkeypatch):
    w = make_window(qtbot, sample2021_path)
    monkeypatch.setattr(importing, "choose_file", lambda *a: str(sample2021_path))
    w.action(names.ACT_COMPARE_LAST).trigger()
    assert dlg.informed and "不是本报告（2025年度）的上一年度报告" in dlg.informed[0]
    assert w.draft.previous is None


def test_start_page_from_last_year(qtbot, dlg, last_year_docx, monkeypatch):
    from PySide6.QtCore import Qt

    from app.gui.start import StartPage

    w = MainWindow()
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_force_close", True))
    w.start(None, offer_recovery=False)
    w.show()
    qtbot.waitExposed(w)
    start = w.findChild(StartPage, names.START_PAGE)
    assert w.stack.currentWidget() is start and w.draft is None
    monkeypatch.setattr(importing, "choose_file", lambda *a: str(last_year_docx))
    seen = []
    _answer_account(qtbot, seen, year=2026)
    qtbot.mouseClick(start.findChild(QPushButton, names.START_FROM_LAST_YEAR), Qt.MouseButton.LeftButton)
    assert seen and w.draft.year == 2026 and w.stack.currentWidget() is not start
    assert w.draft.get("table3", "carried_in", "commercial") == 1
    overview = w.tabs.widget(tab(w, names.TAB_OVERVIEW))
    assert overview.findChild(QLabel, names.same_as_last_year("overview")).text().startswith("与上年相同")
