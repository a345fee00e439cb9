"""The first start: the start page and its choices, 新建 without another agency's name, the title that
follows the agency, the word count of the clerk's own text, and Qt's file dialog in Chinese."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QWidget  # noqa: E402

from app.gui import dialogs, names  # noqa: E402
from app.gui.editors import LineEditor, TextEditor  # noqa: E402
from app.gui.files import documents_folder  # noqa: E402
from app.gui.main import install_translations  # noqa: E402
from app.gui.start import StartPage, proposed_year  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402
from app.storage import load_draft  # noqa: E402


def fresh_window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_force_close", True))
    w.start(None, offer_recovery=False)
    w.show()
    qtbot.waitExposed(w)
    return w


def page(w) -> StartPage:
    p = w.findChild(StartPage, names.START_PAGE)
    assert p is not None
    return p


def test_proposed_year_follows_the_date():
    assert proposed_year(datetime.date(2026, 11, 27)) == 2026
    assert proposed_year(datetime.date(2026, 7, 1)) == 2026
    assert proposed_year(datetime.date(2027, 1, 15)) == 2026
    assert proposed_year(datetime.date(2027, 6, 30)) == 2026


def test_first_start_shows_the_start_page_with_its_choices(qtbot, dlg):
    w = fresh_window(qtbot)
    p = page(w)
    assert w.stack.currentWidget() is p and w.draft is None and w.windowTitle() == "年报助手"
    new = p.findChild(QWidget, names.START_NEW)
    assert new.text() == f"新建{proposed_year()}年度报告" and new.isVisible()
    assert p.findChild(QWidget, names.START_FROM_LAST_YEAR).isVisible()  # wired by importing.py
    assert w.action(names.ACT_IMPORT).isEnabled() and w.action(names.ACT_NEW_FROM_LAST).isEnabled()
    assert p.findChild(QWidget, names.START_OPEN).isVisible()
    assert p.findChild(QWidget, names.START_SAMPLE).isVisible()
    assert not p.findChild(QWidget, names.START_RECENT).isVisible()  # nothing opened yet
    assert not p.findChild(QWidget, names.START_BACK).isVisible()
    # Nothing to save, check or export yet; new and open work.
    assert not w.action(names.ACT_SAVE).isEnabled() and not w.action(names.ACT_EXPORT).isEnabled()
    assert not w.action(names.ACT_CHECK).isEnabled() and w.action(names.ACT_OPEN).isEnabled()
    # 新建本年度报告: proposes the year and no agency (there is no sample's agency to inherit).
    dlg.new_reports.append((proposed_year(), "某某县交通运输局"))
    qtbot.mouseClick(new, Qt.MouseButton.LeftButton)
    assert dlg.new_report_asked == [("", proposed_year())]
    assert w.draft.agency == "某某县交通运输局" and w.draft.year == proposed_year()
    assert w.stack.currentWidget() is w.editor_area and w.action(names.ACT_SAVE).isEnabled()


def test_start_page_sample_open_and_recent(qtbot, dlg, seed_path):
    w = fresh_window(qtbot)
    qtbot.mouseClick(page(w).findChild(QWidget, names.START_SAMPLE), Qt.MouseButton.LeftButton)
    assert w.path is None and "示例报告" in w.windowTitle() and w.draft is not None
    # From a report, 文件 → 开始页 and back.
    w.action(names.ACT_START_PAGE).trigger()
    back = page(w).findChild(QPushButton, names.START_BACK)
    assert w.stack.currentWidget() is page(w) and back.isVisible()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.editor_area
    # 打开已有草稿.
    w.action(names.ACT_START_PAGE).trigger()
    dlg.open_paths.append(str(seed_path))
    qtbot.mouseClick(page(w).findChild(QWidget, names.START_OPEN), Qt.MouseButton.LeftButton)
    assert w.path == seed_path
    w.close_without_asking()  # (an open draft is locked against a second window)
    # 最近打开 lists it; a click opens it.
    w2 = fresh_window(qtbot)  # the most recent draft opens by itself ...
    assert w2.path == seed_path.resolve() and w2.stack.currentWidget() is w2.editor_area
    w2.action(names.ACT_START_PAGE).trigger()
    recent = page(w2).findChild(QWidget, names.START_RECENT)
    assert recent.isVisible() and recent.count() == 1 and "seed-2020-yanchi" in recent.item(0).text()
    recent.itemClicked.emit(recent.item(0))
    assert w2.stack.currentWidget() is w2.editor_area and w2.path == seed_path.resolve()


def test_start_from_last_year_asks_for_last_years_report(qtbot, dlg, monkeypatch):
    from app.gui import importing

    asked = []
    monkeypatch.setattr(importing, "choose_file", lambda parent, title, folder, file_filter: asked.append(title))
    w = fresh_window(qtbot)
    b = page(w).findChild(QWidget, names.START_FROM_LAST_YEAR)
    assert b.isVisible()
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    assert asked == ["选择上一年度的报告"] and w.draft is None  # cancelled: still the start page


def test_new_proposes_the_clerks_own_agency_never_the_samples(qtbot, dlg, tmp_path):
    w = fresh_window(qtbot)
    w.files.open_sample()
    dlg.new_reports.append(None)
    w.action(names.ACT_NEW).trigger()
    assert dlg.new_report_asked[-1][0] == ""  # not the sample's 某某区市场监督管理局
    dlg.new_reports.append((2026, "某某县交通运输局"))
    w.action(names.ACT_NEW).trigger()
    dlg.save_paths.append(str(tmp_path / "mine"))
    w.action(names.ACT_SAVE).trigger()
    w.files.open_sample()
    dlg.new_reports.append(None)
    w.action(names.ACT_NEW).trigger()
    assert dlg.new_report_asked[-1][0] == "某某县交通运输局"


def test_the_title_follows_the_agency_until_edited_by_hand(qtbot, dlg):
    w = fresh_window(qtbot)
    dlg.new_reports.append((2026, "某某局"))
    w.action(names.ACT_NEW).trigger()
    agency = w.findChild(LineEditor, names.LINE_AGENCY)
    titles = w.findChild(TextEditor, names.TEXT_TITLE_LINES)
    agency.selectAll()
    qtbot.keyClicks(agency, "X")
    assert w.draft.title_lines == ["X", "2026年政府信息公开工作年度报告"]
    assert titles.toPlainText() == "X\n2026年政府信息公开工作年度报告"
    w.action(names.ACT_UNDO).trigger()  # one step takes both back
    assert w.draft.agency == "某某局" and w.draft.title_lines[0] == "某某局"
    assert titles.toPlainText().startswith("某某局")
    titles.setPlainText("某某局（盖章）\n2026年政府信息公开工作年度报告")
    agency.setText("某某县某某局")
    assert w.draft.title_lines[0] == "某某局（盖章）"  # edited by hand: left alone


def test_the_word_count_counts_the_clerks_text_only(qtbot, dlg):
    w = fresh_window(qtbot)
    dlg.new_reports.append((2026, "某某局"))
    w.action(names.ACT_NEW).trigger()
    w.tabs.setCurrentIndex(2)  # 一、总体情况
    count = w.findChild(QLabel, names.OVERVIEW_COUNT)
    assert count.text() == "总体情况共 0 字"  # the standard sub-headings are not the clerk's words
    w.editor("overview.part.0.text").setPlainText("全年主动公开信息。")
    qtbot.waitUntil(lambda: count.text() == "总体情况共 9 字")  # when the draft takes the text: a pause
    w.editor("overview.part.0.title").setText("主动公开情况")
    assert count.text() == "总体情况共 15 字"


def test_qt_file_dialog_is_all_chinese(qtbot, tmp_path):
    install_translations(QApplication.instance())
    (tmp_path / "子文件夹").mkdir()
    d = QFileDialog(None, "打开草稿", str(tmp_path), dialogs.FILTER_DRAFT)
    d.setOption(QFileDialog.Option.DontUseNativeDialog)
    d.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(d)
    d.show()
    labels = {lab.objectName(): lab.text() for lab in d.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    assert labels["fileNameLabel"].startswith("文件名称")
    texts = [b.text() for b in d.findChildren(QPushButton)] + [w.toolTip() for w in d.findChildren(QWidget)]
    latin = [t for t in texts if any("a" <= ch.lower() <= "z" for ch in re.sub(r"\(&.\)", "", t))]
    assert latin == []
    from PySide6.QtWidgets import QTreeView

    tree = d.findChild(QTreeView, "treeView")
    model = tree.model()
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert heads[0] == "名称" and "修改日期" in heads
    qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) > 0)
    row = tree.rootIndex().model().index(0, 2, tree.rootIndex())
    assert row.data() == "文件夹"  # the type of a folder, "Folder" in Qt's catalogue


def test_first_save_proposes_documents_or_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    assert documents_folder() == tmp_path  # no Documents folder: home, never the program's folder
    (tmp_path / "Documents").mkdir()
    assert documents_folder() == tmp_path / "Documents"
    assert Path.cwd() not in (documents_folder(),)


def test_save_of_a_new_report_asks_in_documents(qtbot, dlg, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    w = fresh_window(qtbot)
    dlg.new_reports.append((2026, "某某局"))
    w.action(names.ACT_NEW).trigger()
    asked = []
    monkeypatch.setattr(dialogs, "save_path", lambda parent, suggested, *a: asked.append(suggested) or
                        str(tmp_path / "Documents" / "x.nianbao"))
    w.action(names.ACT_SAVE).trigger()
    assert Path(asked[0]).parent == tmp_path / "Documents"
    assert load_draft(tmp_path / "Documents" / "x.nianbao").agency == "某某局"
