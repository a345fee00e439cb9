"""A cell edit updates only what it changes: the view is told about the edited cell, the totals that depend on
it and the cells whose mark changed (not the whole grid), and the findings panel is rebuilt only when the
findings changed. (How fast that is, is measured by `make bench`, not here.)"""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import open_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.gui.findings import ROLE_FINDING  # noqa: E402

MARK = Qt.ItemDataRole.UserRole + 99


@pytest.fixture
def win(qtbot, seed_path, dlg):
    return open_window(qtbot, seed_path)


def announced(model) -> list[tuple[int, int, int, int]]:
    got = []
    model.dataChanged.connect(lambda tl, br, *_: got.append((tl.row(), tl.column(), br.row(), br.column())))
    return got


def test_one_edit_announces_the_cell_its_totals_and_the_changed_marks(win):
    view = win.views["table3"]
    m = view.grid_model
    got = announced(m)
    cell = m.index_of("new_received", "natural_person")
    before = int(cell.data())
    assert m.severity(("outcome_total", "natural_person")) is None  # the seed's 勾稽关系 holds

    assert m.setData(cell, str(before + 1), Qt.ItemDataRole.EditRole)

    assert got and all((r0, c0) == (r1, c1) for r0, c0, r1, c1 in got), "only single cells are announced"
    refs = {m.ref(m.index(r, c)) for r, c, _, _ in got}
    assert ("new_received", "natural_person") in refs
    assert ("new_received", "total") in refs  # the row's total depends on it
    # 一+二 no longer equals （七）+四 in that column and in 总计: those cells are marked now
    assert m.severity(("outcome_total", "natural_person")) == "error"
    assert {("outcome_total", "natural_person"), ("outcome_total", "total")} <= refs
    assert ("partial", "natural_person") not in refs and ("carried_in", "commercial") not in refs
    assert len(refs) < 10
    assert m.index_of("new_received", "natural_person").data() == str(before + 1)
    assert int(m.index_of("new_received", "total").data()) > 0


def test_the_totals_shown_are_the_checks_totals_after_undo(win):
    m = win.views["table3"].grid_model
    cell = m.index_of("new_received", "natural_person")
    total = m.index_of("new_received", "total")
    before, before_total = int(cell.data()), int(total.data())
    assert m.setData(cell, str(before + 5), Qt.ItemDataRole.EditRole)
    assert int(total.data()) == before_total + 5
    win.doc.undo_stack.undo()
    QApplication.processEvents()
    assert int(total.data()) == before_total
    assert m.severity(("outcome_total", "natural_person")) is None


def test_the_findings_panel_is_rebuilt_only_when_the_findings_change(win):
    panel = win.panel
    top = panel.topLevelItem(0)
    top.setData(0, MARK, "still here")
    t2 = win.views["table2"].grid_model
    cell = next(t2.index(r, c) for r in range(t2.rowCount()) for c in range(t2.columnCount())
                if t2.flags(t2.index(r, c)) & Qt.ItemFlag.ItemIsEditable and t2.index(r, c).data())
    findings = list(win.doc.findings)
    assert t2.setData(cell, str(int(cell.data()) + 1), Qt.ItemDataRole.EditRole)
    assert win.doc.findings == findings  # table 二 has no rule that this edit breaks
    assert panel.topLevelItem(0).data(0, MARK) == "still here"

    t3 = win.views["table3"].grid_model
    c3 = t3.index_of("new_received", "natural_person")
    assert t3.setData(c3, str(int(c3.data()) + 1), Qt.ItemDataRole.EditRole)
    assert win.doc.findings != findings
    assert panel.topLevelItem(0).data(0, MARK) is None  # rebuilt: it now lists the new error
    assert any("相差1" in it.text(0) for it in panel.items())


def test_only_the_group_whose_findings_changed_is_filled_again(win):
    panel = win.panel
    t3 = win.views["table3"].grid_model
    c3 = t3.index_of("new_received", "natural_person")
    before = int(c3.data())
    win.doc.set_text("problems.text", "无")  # a finding in the text group
    assert t3.setData(c3, str(before + 1), Qt.ItemDataRole.EditRole)  # and errors in table 三's
    tops = {panel.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): panel.topLevelItem(i)
            for i in range(panel.topLevelItemCount())}
    assert set(tops) == {"table3", "text"}
    tops["text"].setData(0, MARK, "kept")
    tops["text"].setExpanded(False)  # as the clerk left it

    assert t3.setData(c3, str(before + 2), Qt.ItemDataRole.EditRole)
    assert panel.topLevelItem(1).data(0, MARK) == "kept" and not panel.topLevelItem(1).isExpanded()
    three = panel.topLevelItem(0)
    lines = [three.child(i).text(0) for i in range(three.childCount())]
    assert any("相差2" in t for t in lines) and not any("相差1" in t for t in lines)
    assert "2 处错误" in three.text(0)

    assert t3.setData(c3, str(before), Qt.ItemDataRole.EditRole)  # mended: table 三's group goes
    assert [panel.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(panel.topLevelItemCount())] \
        == ["text"]


def test_the_window_font_has_a_chinese_family_where_one_is_installed(qapp):
    """Without one among the font's own families, Qt hunts for a fallback font character by character on every
    repaint of Chinese text (the findings, the status line)."""
    from PySide6.QtGui import QFont, QFontDatabase

    from app.gui.main import with_chinese_family

    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    latin = next((f for f in ("DejaVu Sans", "Liberation Sans", "FreeSans") if QFontDatabase.hasFamily(f)
                  and chinese not in QFontDatabase.writingSystems(f)), None)
    if latin is None or not QFontDatabase.families(chinese):
        pytest.skip("this machine has no Latin-only font or no Chinese font to choose between")
    font = with_chinese_family(QFont(latin, 11))
    assert font.families()[0] == latin and font.pointSize() == 11
    assert any(chinese in QFontDatabase.writingSystems(f) for f in font.families()[1:])
    cjk = QFont(QFontDatabase.families(chinese)[0])
    assert with_chinese_family(cjk).families() == cjk.families()  # a Chinese font is left as it is


def test_the_missing_cells_line_lists_them_when_opened(win):
    panel = win.panel
    t4 = win.views["table4"].grid_model
    assert t4.setData(t4.index_of("cases", "direct_suit_other"), "", Qt.ItemDataRole.EditRole)
    t3 = win.views["table3"].grid_model
    assert t3.setData(t3.index_of("new_received", "commercial"), "", Qt.ItemDataRole.EditRole)
    top = next(panel.topLevelItem(i) for i in range(panel.topLevelItemCount())
               if panel.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "table4")
    holder = top.child(top.childCount() - 1)
    assert holder.data(0, Qt.ItemDataRole.UserRole) == "table4:missing" and "1 格未填写" in holder.text(0)
    assert holder.childCount() == 0 and not holder.isExpanded()  # not made on every edit while closed
    holder.setExpanded(True)
    assert [holder.child(i).data(0, ROLE_FINDING).column for i in range(holder.childCount())] \
        == ["direct_suit_other"]
    # Opened, it stays open and filled through the next edits.
    assert t3.setData(t3.index_of("new_received", "commercial"), "1", Qt.ItemDataRole.EditRole)
    top = next(panel.topLevelItem(i) for i in range(panel.topLevelItemCount())
               if panel.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "table4")
    holder = top.child(top.childCount() - 1)
    assert holder.isExpanded() and holder.childCount() == 1
