"""Text editors whose undo is the window's: Ctrl+Z / Ctrl+Y reach the window's QUndoStack."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit

from .names import ACT_REDO, ACT_UNDO

_WINDOW_KEYS = ((QKeySequence.StandardKey.Undo, ACT_UNDO), (QKeySequence.StandardKey.Redo, ACT_REDO))


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
    """A plain-text editor that says once when its text changes (`typed`), not on every keystroke: the
    document reads the text when it needs it and then `taken()` re-arms the signal. (Per keystroke nothing
    runs in Python; toPlainText() alone would copy a 100 KB text each time.)"""

    typed = Signal()

    def __init__(self, object_name: str, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setUndoRedoEnabled(False)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.document().modificationChanged.connect(self._modification_changed)

    def _modification_changed(self, modified: bool) -> None:
        if modified:
            self.typed.emit()

    def value(self) -> str:
        return self.toPlainText()

    def taken(self) -> None:
        """The document has the text: the next change says `typed` again."""
        self.document().setModified(False)

    def show_value(self, text: str) -> None:
        if text == self.toPlainText():
            return
        pos = self.textCursor().position()
        self.blockSignals(True)
        self.setPlainText(text)
        self.document().setModified(False)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(min(pos, self.document().characterCount() - 1))
        self.setTextCursor(cursor)


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
