"""查找 (Ctrl+F): a bar under the tabs that finds a word in the report's texts and in the tables' row and
column labels, in the order of the tabs; Enter (or F3) goes to the next place, Shift+Enter to the previous.

A text match is selected in its editor; a label match shows its row's (or column's) first input cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from . import names
from .editors import LineEditor
from .pages import SECTION_TAB


@dataclass(frozen=True)
class Match:
    tab: int
    order: tuple  # position within the tab
    key: str = ""  # a text field …
    pos: int = 0
    table: str = ""  # … or a label cell of a table
    row: int = 0
    col: int = 0


class FindBar(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.setObjectName(names.FIND_BAR)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(QLabel("查找："))
        self.edit = QLineEdit()
        self.edit.setObjectName(names.FIND_TEXT)
        self.edit.setPlaceholderText("正文中的词语，或表格的行名、列名")
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.next)
        self.edit.textChanged.connect(self._changed)
        lay.addWidget(self.edit, 1)
        for text, slot in (("下一个", self.next), ("上一个", self.previous)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            lay.addWidget(b)
        self.status = QLabel()
        self.status.setObjectName(names.FIND_STATUS)
        lay.addWidget(self.status)
        close = QPushButton("关闭")
        close.clicked.connect(self.hide)
        lay.addWidget(close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self.hide)
        QShortcut(QKeySequence("Shift+Return"), self.edit, self.previous)
        self.current = -1
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def _changed(self, _text: str) -> None:
        self.current = -1
        self.status.setText("")

    def matches(self, needle: str) -> list[Match]:
        doc = self.w.doc
        out: list[Match] = []
        if not needle or doc.draft is None:
            return out
        for n, (key, spec) in enumerate(doc.fields.items()):
            text = spec.read(doc.draft)
            start = text.find(needle)
            while start >= 0:
                out.append(Match(SECTION_TAB[spec.section], (1, n, start), key=key, pos=start))
                start = text.find(needle, start + len(needle))
        self.w.ensure_pages()  # the grids' labels are searched too, also on pages not shown yet
        for table_id, view in self.w.views.items():
            tab = self.w.table_tab(table_id)
            for p in view.grid_model.grid.cells:
                if p.ref is None and needle in p.text:
                    out.append(Match(tab, (0, p.row, p.col), table=table_id, row=p.row, col=p.col))
        return sorted(out, key=lambda m: (m.tab, m.order))

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        needle = self.edit.text()
        found = self.matches(needle)
        if not found:
            self.status.setText("找不到" if needle else "")
            return
        if self.current < 0:
            self.current = 0 if step > 0 else len(found) - 1
        else:
            self.current = (self.current + step) % len(found)
        self.show_match(found[self.current], len(needle))
        self.status.setText(f"第 {self.current + 1} 处，共 {len(found)} 处")

    def show_match(self, m: Match, length: int) -> None:
        self.w.tabs.setCurrentIndex(m.tab)
        if m.key:
            ed = self.w.binder.editors.get(m.key)
            if ed is None:
                return
            if isinstance(ed, LineEditor):
                ed.setSelection(m.pos, length)
            else:
                cursor = ed.textCursor()
                cursor.setPosition(m.pos)
                cursor.setPosition(m.pos + length, QTextCursor.MoveMode.KeepAnchor)
                ed.setTextCursor(cursor)
                ed.ensureCursorVisible()
            ed.setFocus()
        else:
            view = self.w.views[m.table]
            model = view.grid_model
            target = None
            for c in range(m.col + 1, model.grid.n_cols):  # a row label: its row's first input cell
                p = model.covering(m.row, c)
                if p is not None and p.ref is not None and not p.computed and p.row == m.row:
                    target = model.index(p.row, p.col)
                    break
            if target is None:
                target = view._input_below(m.row + 1, m.col)  # a column header: the first cell below
            view.setFocus()
            if target is not None and target.isValid():
                view.setCurrentIndex(target)
                view.scrollTo(target)
            else:
                view.scrollTo(model.index(m.row, m.col))
        self.edit.setFocus()  # Enter again finds the next
