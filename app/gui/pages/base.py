"""What every page shares: headings and hints, and the binding of editors to the document's fields."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from ..document import ReportDocument
from ..editors import LineEditor, TextEditor


class Binder(QObject):
    """Typing in a bound editor changes the document; undo/redo of a field shows it again in its editor."""

    focus_field = Signal(str)  # undo/redo restored this field: show its page and focus its editor

    def __init__(self, doc: ReportDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self.editors: dict[str, TextEditor | LineEditor] = {}
        doc.field_restored.connect(self._restored)
        doc.text_changed.connect(self._typed)

    def bind(self, key: str, editor: TextEditor | LineEditor) -> None:
        self.editors[key] = editor
        editor.show_value(self.doc.text(key))
        if isinstance(editor, TextEditor):  # says once that it changed; the document reads it when needed
            editor.typed.connect(lambda: self._typing(key, editor))
        else:
            editor.textChanged.connect(lambda *_: self._edited(key, editor))

    def clear(self) -> None:
        self.editors.clear()

    def _edited(self, key: str, editor) -> None:
        if self.editors.get(key) is editor:  # not an editor of pages already replaced
            self.doc.set_text(key, editor.value())

    def _typing(self, key: str, editor: TextEditor) -> None:
        if self.editors.get(key) is editor:
            self.doc.typing(key, editor.value, editor.taken)

    def _typed(self, key: str) -> None:
        # The agency changes the title with it: show the title. (Only this small group: showing every part of
        # section 一 again on each keystroke would cost what the idle checks save.)
        if self.doc.fields[key].group == "basic":
            for k, ed in self.editors.items():
                if k != key and self.doc.fields[k].group == "basic":
                    ed.show_value(self.doc.text(k))

    def _restored(self, key: str) -> None:
        group = self.doc.fields[key].group
        for k, ed in self.editors.items():
            if k == key or (group and self.doc.fields[k].group == group):
                ed.show_value(self.doc.text(k))
        self.focus_field.emit(key)


def heading(text: str) -> QLabel:
    lab = QLabel(text)
    f = lab.font()
    f.setPointSizeF(f.pointSizeF() * 1.2)
    f.setBold(True)
    lab.setFont(f)
    return lab


def hint(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setStyleSheet("color: #555;")
    return lab
