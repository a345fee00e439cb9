"""Pages are built when first needed: opening a report builds the page shown, and every other page appears
complete (values, findings, marks) the moment it is shown, searched or pointed at."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from gui_helpers import open_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLineEdit  # noqa: E402

from app.checks import Severity  # noqa: E402
from app.gui import names  # noqa: E402
from app.gui.grid_view import GridView  # noqa: E402
from app.gui.pages import TABS, PageSlot  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402


def built(w: MainWindow) -> list[bool]:
    return [w.tabs.widget(i).page is not None for i in range(w.tabs.count())]


def test_opening_builds_the_shown_page_and_showing_a_tab_builds_its_page(qtbot, seed_path, dlg):
    w = open_window(qtbot, seed_path)
    assert all(isinstance(w.tabs.widget(i), PageSlot) for i in range(w.tabs.count()))
    assert built(w) == [i == w.tabs.currentIndex() for i in range(len(TABS))]
    assert w.findChild(GridView, names.grid("table3")) is None
    w.tabs.setCurrentIndex(w.table_tab("table3"))
    view = w.findChild(GridView, names.grid("table3"))
    assert view is not None and view.isVisible()
    # the values and the totals are the draft's, as if the page had been there all along
    m = view.grid_model
    assert m.index_of("new_received", "natural_person").data() == str(w.draft.get("table3", "new_received",
                                                                                   "natural_person"))
    assert m.index_of("new_received", "total").data() == str(w.doc.totals["table3"][("new_received", "total")].value)


def test_a_page_built_late_shows_the_findings_made_before(qtbot, seed_path, dlg):
    w = open_window(qtbot, seed_path)
    w.draft.set("table3", "carried_over", "commercial", 12345)  # 一+二 ≠ 办结+结转: an error in table 三
    w.doc.refresh()
    assert built(w)[w.table_tab("table3")] is False
    errors = [f for f in w.findings if f.severity is Severity.ERROR and f.table == "table3"]
    assert errors
    view = w.views["table3"]  # asking for it builds it
    m = view.grid_model
    f = errors[0]
    tip = m.index_of(f.row, f.column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip and f.message.split("：")[0][:6] in tip
    assert w.error_marks(w.table_tab("table3"))[1].text() == "●"


def test_clicking_a_finding_builds_its_page_and_selects_the_cell(qtbot, seed_path, dlg):
    w = open_window(qtbot, seed_path)
    w.draft.set("table3", "carried_over", "commercial", 12345)
    w.doc.refresh()
    f = next(f for f in w.findings if f.table == "table3" and f.row and f.column)
    w.go_to_finding(f)
    assert w.tabs.currentIndex() == w.table_tab("table3")
    view = w.views["table3"]
    assert view.currentIndex() == view.grid_model.index_of(f.row, f.column)


def test_find_searches_the_grids_of_pages_not_shown_yet(qtbot, seed_path, dlg):
    w = open_window(qtbot, seed_path)
    assert not any(built(w)[1:])
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = w.find_bar.findChild(QLineEdit, names.FIND_TEXT)
    edit.setText("不予公开")  # QTest types ASCII only
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert w.tabs.currentIndex() == w.table_tab("table3")  # a row label of table 三
    assert all(built(w))


def test_editors_of_pages_not_built_are_reached_through_the_window(qtbot, seed_path, dlg):
    w = open_window(qtbot, seed_path)
    ed = w.editor("problems.text")  # builds 五's page
    assert built(w)[[t.section for t in TABS].index("problems")]
    assert ed.toPlainText() == w.draft.section("problems").text
    ed.setPlainText("新的问题与改进。")
    assert w.draft.section("problems").text == "新的问题与改进。"
