"""Text editors whose undo is the window's: Ctrl+Z / Ctrl+Y reach the window's QUndoStack."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit

from .names import ACT_REDO, ACT_UNDO

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


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


def _lets_undo_through(event) -> bool:
    return event.type() == QEvent.Type.ShortcutOverride and any(event.matches(k) for k in _UNDO_KEYS)


class _WindowUndo:
    """For a Qt text widget: Ctrl+Z/Ctrl+Y pass through to the window, and its context menu offers the
    window's 撤销/重做. Listed before the Qt class, so these methods come first."""

    def event(self, e):
        if _lets_undo_through(e):
            e.ignore()
            return False
        return super().event(e)

    def context_menu(self) -> QMenu:
        return _menu_with_window_undo(self, self.createStandardContextMenu())

    def contextMenuEvent(self, e) -> None:
        menu = self.context_menu()
        menu.exec(e.globalPos())
        menu.deleteLater()


class TextEditor(_WindowUndo, QPlainTextEdit):
    def __init__(self, object_name: str, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setUndoRedoEnabled(False)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)

    def value(self) -> str:
        return self.toPlainText()

    def show_value(self, text: str) -> None:
        if text == self.toPlainText():
            return
        pos = self.textCursor().position()
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(min(pos, len(text)))
        self.setTextCursor(cursor)


class LineEditor(_WindowUndo, QLineEdit):
    def __init__(self, object_name: str, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setPlaceholderText(placeholder)

    def keyPressEvent(self, e):
        if any(e.matches(k) for k in _UNDO_KEYS):
            e.ignore()  # the window's undo action handles it
            return
        super().keyPressEvent(e)

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
