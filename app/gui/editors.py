"""Text editors whose undo is the window's: Ctrl+Z / Ctrl+Y reach the window's QUndoStack."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit

from .fields import common_prefix, common_suffix
from .names import ACT_REDO, ACT_UNDO

_WINDOW_KEYS = ((QKeySequence.StandardKey.Undo, ACT_UNDO), (QKeySequence.StandardKey.Redo, ACT_REDO))
# What QTextDocument.toPlainText() makes of the document's own separators and spaces.
_PLAIN = str.maketrans({"\u2029": "\n", "\u2028": "\n", "\ufdd0": "\n", "\ufdd1": "\n", "\u00a0": " "})


def _menu_with_window_undo(widget, menu: QMenu) -> QMenu:
    """The editor's own 撤消/重做 (greyed out: its own undo is off) replaced by the window's 撤销/重做."""
    win = widget.window()
    for own, name in (("edit-undo", ACT_UNDO), ("edit-redo", ACT_REDO)):
        mine = next((a for a in menu.actions() if a.objectName() == own), None)
        act = win.findChild(QAction, name) if win is not None else None
        if mine is not None and act is not None:
            menu.insertAction(mine, act)
            menu.removeAction(mine)
    return menu


class _WindowUndo:
    """For a Qt text widget: Ctrl+Z/Ctrl+Y reach the window's 撤销/重做, and its context menu offers them.
    Listed before the Qt class, so these methods come first.

    The widget claims these keys for itself (its own undo, switched off here); its key press then triggers
    the window's action. (Not by overriding event(): every event to the widget, three per typed character,
    would pass through Python.)"""

    def keyPressEvent(self, e):
        for key, name in _WINDOW_KEYS:
            if e.matches(key):
                win = self.window()
                act = win.findChild(QAction, name) if win is not None else None
                if act is not None and act.isEnabled():
                    act.trigger()
                e.accept()
                return
        super().keyPressEvent(e)

    def context_menu(self) -> QMenu:
        return _menu_with_window_undo(self, self.createStandardContextMenu())

    def contextMenuEvent(self, e) -> None:
        menu = self.context_menu()
        menu.exec(e.globalPos())
        menu.deleteLater()


class TextEditor(_WindowUndo, QPlainTextEdit):
    """A plain-text editor that says what each change was: `edited(position, removed, inserted)`.

    It keeps its text as a Python string, updated from the document's contentsChange by the changed piece
    only: toPlainText() would copy the whole text (about a millisecond for 100 KB) on every keystroke."""

    edited = Signal(int, str, str)  # position, the text removed there, the text inserted there

    def __init__(self, object_name: str, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setUndoRedoEnabled(False)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._text = ""
        self.before = ""  # the text before the last change `edited` reported
        self._showing = False
        self.document().contentsChange.connect(self._contents_change)

    def value(self) -> str:
        return self._text

    def show_value(self, text: str) -> None:
        if text == self._text:
            return
        pos = self.textCursor().position()
        self._showing = True
        self.blockSignals(True)
        try:
            self.setPlainText(text)
        finally:
            self.blockSignals(False)
            self._showing = False
        self._text = text
        cursor = self.textCursor()
        cursor.setPosition(min(pos, self.document().characterCount() - 1))
        self.setTextCursor(cursor)

    def _contents_change(self, pos: int, removed: int, added: int) -> None:
        if self._showing:
            return
        old = self._text
        doc = self.document()
        length = doc.characterCount() - 1  # the final paragraph separator is no text
        over = pos + removed - len(old)  # a change reaching the end may count the final separator
        if over > 0:
            removed, added = removed - over, added - over
        # Qt counts a character beyond U+FFFF as two positions, Python as one: the lengths agree (and the
        # positions map one to one) only while the old text has none. Otherwise read the whole text.
        if min(pos, removed, added) < 0 or len(old) - removed + added != length:
            new_text = self.toPlainText()
            start, end_old, end_new = _changed_span(old, new_text)
            removed_text, inserted = old[start:end_old], new_text[start:end_new]
            self._text = new_text
        else:
            if added == 1:  # a typed character
                inserted = doc.characterAt(pos).translate(_PLAIN)
            else:
                cursor = QTextCursor(doc)
                cursor.setPosition(pos)
                cursor.setPosition(pos + added, QTextCursor.MoveMode.KeepAnchor)
                inserted = cursor.selectedText().translate(_PLAIN)
            removed_text = old[pos:pos + removed]
            self._text = old[:pos] + inserted + old[pos + removed:]
            start = pos
            if removed_text and inserted:
                # Qt may report more than changed (a whole-document reformat): only the real change counts.
                pre, end_old, end_new = _changed_span(removed_text, inserted)
                removed_text, inserted, start = removed_text[pre:end_old], inserted[pre:end_new], pos + pre
        if removed_text or inserted:
            self.before = old
            self.edited.emit(start, removed_text, inserted)


def _changed_span(a: str, b: str) -> tuple[int, int, int]:
    """(start, end in a, end in b) of the part where a and b differ."""
    pre = common_prefix(a, b)
    suf = common_suffix(a[pre:], b[pre:])
    return pre, len(a) - suf, len(b) - suf


class LineEditor(_WindowUndo, QLineEdit):
    def __init__(self, object_name: str, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setPlaceholderText(placeholder)

    def value(self) -> str:
        return self.text()

    def show_value(self, text: str) -> None:
        if text == self.text():
            return
        pos = self.cursorPosition()
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        self.setCursorPosition(min(pos, len(text)))
