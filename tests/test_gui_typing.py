"""Typing in a long text: the editor says what each change was (position, removed, inserted) instead of the
document copying the whole text per keystroke. The draft, undo/redo, the unsaved mark, the word counts and
saving must see exactly what the editor shows. (How fast that is, is measured by `make bench`, not here.)"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import open_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from app.gui import names  # noqa: E402
from app.gui.editors import TextEditor  # noqa: E402
from app.gui.fields import chars  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def win(qtbot, seed_path, dlg) -> MainWindow:
    return open_window(qtbot, seed_path)


def commit(widget, text: str) -> None:
    """Text as a Chinese input method delivers it (QTest can press Latin-1 keys only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def problems_editor(win: MainWindow) -> TextEditor:
    win.tabs.setCurrentIndex(6)
    ed = win.findChild(TextEditor, names.TEXT_PROBLEMS)
    ed.setFocus()
    return ed


def test_every_kind_of_change_reaches_the_draft_exactly_and_undoes(qtbot, win):
    ed = problems_editor(win)
    original = ed.toPlainText()
    ed.moveCursor(QTextCursor.MoveOperation.End)

    def check() -> None:
        assert win.draft.section("problems").text == ed.toPlainText()  # reading the draft takes the text

    commit(ed, "第一段。")
    check()
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    commit(ed, "第二段\u00a0有不换行空格。")  # toPlainText turns it into a space
    check()
    assert "\u00a0" not in win.draft.section("problems").text
    qtbot.keyClick(ed, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a line separator: a new line too
    commit(ed, "换行后")
    ed.insertPlainText("粘贴的\n两行\n")
    check()
    ed.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(ed, Qt.Key.Key_Delete)
    commit(ed, "𠀀")  # beyond U+FFFF
    check()
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    c = ed.textCursor()
    c.movePosition(QTextCursor.MoveOperation.End)
    c.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 4)
    ed.setTextCursor(c)
    commit(ed, "替换")  # a selection replaced
    check()
    qtbot.keyClick(ed, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(ed, Qt.Key.Key_Delete)
    check()
    assert win.draft.section("problems").text == ""
    ed.setPlainText("整段换掉\n第二行")
    check()
    undo = win.action(names.ACT_UNDO)
    while undo.isEnabled():
        undo.trigger()
    assert win.draft.section("problems").text == original == ed.toPlainText()
    assert not win.isWindowModified()


def test_typing_in_the_middle_undo_redo_and_the_unsaved_mark(qtbot, win):
    ed = problems_editor(win)
    before = ed.toPlainText()
    c = ed.textCursor()
    c.setPosition(4)
    ed.setTextCursor(c)
    for ch in "今年还":
        commit(ed, ch)
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    commit(ed, "要")
    expected = before[:4] + "今年要" + before[4:]
    assert win.draft.section("problems").text == expected and ed.value() == expected
    assert win.isWindowModified() and win.doc.undo_stack.count() == 1  # typing on: one step
    qtbot.keyClick(ed, Qt.Key.Key_Z, CTRL)
    assert ed.toPlainText() == before == win.draft.section("problems").text
    assert not win.isWindowModified()
    qtbot.keyClick(win.findChild(TextEditor, names.TEXT_PROBLEMS), Qt.Key.Key_Y, CTRL)
    assert ed.toPlainText() == expected == win.draft.section("problems").text
    assert win.isWindowModified()
    # Typing after the restored text goes on from it, and undoes on its own.
    ed.moveCursor(QTextCursor.MoveOperation.End)
    commit(ed, "完")
    assert win.draft.section("problems").text == expected + "完"
    win.action(names.ACT_UNDO).trigger()
    assert win.draft.section("problems").text == expected == ed.toPlainText()


def test_typed_then_saved_at_once_the_file_has_the_text(qtbot, win, seed_path):
    ed = problems_editor(win)
    ed.moveCursor(QTextCursor.MoveOperation.End)
    commit(ed, "刚打的字")
    qtbot.keyClick(ed, Qt.Key.Key_S, CTRL)  # before any pause: the checks' timer has not fired
    saved = json.loads(seed_path.read_text(encoding="utf-8"))
    assert json.dumps(saved, ensure_ascii=False).count("刚打的字") == 1
    assert win.draft.section("problems").text.endswith("刚打的字")
    assert not win.isWindowModified()


def test_the_word_counts_follow_typing_deleting_and_undo(qtbot, win):
    win.tabs.setCurrentIndex(2)
    ed = win.findChild(TextEditor, names.text_overview_part(1))
    labels = [lab for lab in win.tabs.widget(2).findChildren(QLabel) if lab.text().endswith(" 字")]
    ed.setFocus()

    def shown() -> int:
        counts = [int(lab.text().split()[0]) for lab in labels if lab.text().split()[0].isdigit()]
        return counts[0]

    start = chars(win.draft.section("overview").parts[0].text)
    assert shown() == start
    ed.moveCursor(QTextCursor.MoveOperation.End)
    commit(ed, "新增 九个字 的 内容。")  # spaces do not count
    qtbot.waitUntil(lambda: shown() == start + 9)  # once the draft takes the text (a pause, or a reader)
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: shown() == start + 7)
    ed.insertPlainText("   \n ")
    assert shown() == chars(win.draft.section("overview").parts[0].text) == start + 7
    win.action(names.ACT_UNDO).trigger()
    assert shown() == start


def test_ctrl_z_and_ctrl_y_in_a_line_field_are_the_windows(qtbot, win):
    win.tabs.setCurrentIndex(0)
    agency = win.editor("agency")
    before = agency.text()
    agency.setFocus()
    agency.end(False)
    qtbot.keyClicks(agency, "ABC")
    assert win.draft.agency == before + "ABC"
    qtbot.keyClick(agency, Qt.Key.Key_Z, CTRL)
    assert win.draft.agency == before == agency.text() and not win.isWindowModified()
    qtbot.keyClick(agency, Qt.Key.Key_Y, CTRL)
    assert win.draft.agency == before + "ABC" == agency.text()


def test_right_after_a_keystroke_the_window_is_unsaved_and_ctrl_z_takes_it_back(qtbot, win):
    """Nothing has read the draft yet (the text is taken in when it is read or typing pauses), but the
    window already shows the unsaved mark, offers 撤销, and Ctrl+Z undoes what was just typed."""
    ed = problems_editor(win)
    before = ed.toPlainText()
    ed.moveCursor(QTextCursor.MoveOperation.End)
    assert not win.isWindowModified() and not win.action(names.ACT_UNDO).isEnabled()
    commit(ed, "刚打")
    assert win.isWindowModified() and win.action(names.ACT_UNDO).isEnabled()
    qtbot.keyClick(ed, Qt.Key.Key_Z, CTRL)
    assert ed.toPlainText() == before == win.draft.section("problems").text
    assert not win.isWindowModified()
    commit(ed, "再打")
    qtbot.waitUntil(lambda: not win.doc.has_pending())  # a pause: the draft takes it by itself
    assert win.doc.draft.section("problems").text == before + "再打" and win.isWindowModified()
