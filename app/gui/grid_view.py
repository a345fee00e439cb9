"""The grid widget: the official table with its merged header, spreadsheet-like keys and clipboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from ..errors import CellInputError
from . import names, style
from .grid_model import ROLE_SEVERITY, GridModel

# Widths of the label columns, in Chinese characters, per table (the value columns share the rest).
LABEL_WIDTHS = {"table2": (11,), "table3": (3, 7.5, 15), "table4": ()}
VALUE_MIN_CHARS = 5.2
VALUE_MAX_CHARS = 13
PAD = 12  # horizontal padding inside a cell, pixels


class CellDelegate(QStyledItemDelegate):
    """Line editor for value cells; marks cells with findings by a coloured border (not colour alone)."""

    def __init__(self, view: GridView):
        super().__init__(view)
        self.view = view
        self.editor: QLineEdit | None = None

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setObjectName(names.CELL_EDITOR)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        self.editor = editor
        editor.destroyed.connect(lambda *_: setattr(self, "editor", None))
        return editor

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        self.view.last_commit_ok = model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def paint(self, painter: QPainter, option, index):
        super().paint(painter, option, index)
        sev = index.data(ROLE_SEVERITY)
        if sev:
            painter.save()
            pen = QPen(style.ERROR_BORDER if sev == "error" else style.WARNING_BORDER)
            pen.setWidth(2)
            if sev == "warning":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class GridView(QTableView):
    refused = Signal(str)
    message = Signal(str)

    def __init__(self, model: GridModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.last_commit_ok = True
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)
        self.setCornerButtonEnabled(False)
        self.setStyleSheet(
            f"QTableView {{ gridline-color: {style.GRID_LINE.name()}; }}"
            "QTableView::item:selected { background: #cfe3ff; color: black; }"
        )
        for p in model.grid.cells:
            if p.rowspan > 1 or p.colspan > 1:
                self.setSpan(p.row, p.col, p.rowspan, p.colspan)
        model.refused.connect(self.refused)
        self.layout_cells()
        first = self._inputs()
        if first:
            self.setCurrentIndex(model.index(first[0].row, first[0].col))

    # ---- sizes ---------------------------------------------------------------------------------
    def _em(self) -> int:
        return self.fontMetrics().horizontalAdvance("中")

    def layout_cells(self) -> None:
        """Column widths from the table's label widths and the space available; row heights so that
        every label wraps instead of being cut off."""
        m = self.grid_model
        em = self._em()
        labels = [int(w * em) + PAD for w in LABEL_WIDTHS.get(m.table.id, (10,) * m.table.label_columns)]
        n_values = m.grid.n_cols - len(labels)
        parent = self.parentWidget()
        room = parent.contentsRect().width() - 24 if parent is not None else self.viewport().width()
        scrollbar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        available = max(room, 600) - sum(labels) - scrollbar - 2 * self.frameWidth()
        each = available // max(n_values, 1)
        each = max(int(VALUE_MIN_CHARS * em) + PAD, min(each, int(VALUE_MAX_CHARS * em) + PAD))
        widths = labels + [each] * n_values
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        self._fit_rows(widths)

    def _fit_rows(self, widths: list[int]) -> None:
        m = self.grid_model
        fm = self.fontMetrics()
        base = fm.height() + 14
        heights = [base] * m.grid.n_rows

        def needed(p) -> int:
            w = sum(widths[p.col:p.col + p.colspan]) - PAD
            text = p.text if p.ref is None else "0"
            r = fm.boundingRect(QRect(0, 0, max(w, 10), 10000), int(Qt.TextFlag.TextWordWrap), text)
            return r.height() + 14

        for p in sorted(m.grid.cells, key=lambda p: p.rowspan):
            need = needed(p)
            have = sum(heights[p.row:p.row + p.rowspan])
            if need > have:
                # Spread the extra height over the rows the cell spans.
                extra = need - have
                for i in range(p.rowspan):
                    share = extra // p.rowspan + (1 if i < extra % p.rowspan else 0)
                    heights[p.row + i] += share
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)
        # The view hugs its table: no white area right of or below it (a short table leaves room below).
        frame = 2 * self.frameWidth()
        scrollbar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        self.setMaximumHeight(sum(heights) + frame)
        self.setMaximumWidth(sum(widths) + frame + scrollbar)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.layout_cells()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.layout_cells()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.layout_cells()

    # ---- navigation ----------------------------------------------------------------------------
    def _inputs(self):
        m = self.grid_model
        return sorted((p for p in m.value_cells() if not p.computed), key=lambda p: (p.row, p.col))

    def _current_placed(self):
        idx = self.currentIndex()
        if not idx.isValid():
            return None
        return self.grid_model.covering(idx.row(), idx.column())

    def next_input(self, direction: str) -> QModelIndex:
        """The next input cell to the right ("next"), left ("previous") or below ("down")."""
        m = self.grid_model
        cur = self._current_placed()
        inputs = self._inputs()
        if not inputs:
            return QModelIndex()
        if cur is None:
            p = inputs[0]
            return m.index(p.row, p.col)
        if direction == "down":
            for r in range(cur.row + cur.rowspan, m.grid.n_rows):
                p = m.covering(r, cur.col)
                if p is not None and p.ref is not None and not p.computed and p.row == r:
                    return m.index(p.row, p.col)
            return m.index(cur.row, cur.col)
        key = (cur.row, cur.col)
        if direction == "next":
            after = [p for p in inputs if (p.row, p.col) > key]
            p = after[0] if after else cur
        else:
            before = [p for p in inputs if (p.row, p.col) < key]
            p = before[-1] if before else cur
        return m.index(p.row, p.col)

    def moveCursor(self, action, modifiers):
        if action == QAbstractItemView.CursorAction.MoveNext:
            return self.next_input("next")
        if action == QAbstractItemView.CursorAction.MovePrevious:
            return self.next_input("previous")
        return super().moveCursor(action, modifiers)

    def go(self, index: QModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and self.last_commit_ok:
            self.go(self.next_input("down"))  # Enter commits and moves down

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.go(self.next_input("down"))
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
        super().keyPressEvent(event)

    # ---- clipboard and bulk edits --------------------------------------------------------------
    def selected_cells(self):
        m = self.grid_model
        seen = {}
        for idx in self.selectionModel().selectedIndexes():
            p = m.placed(idx) or m.covering(idx.row(), idx.column())
            if p is not None and p.ref is not None:
                seen[(p.row, p.col)] = p
        return [seen[k] for k in sorted(seen)]

    def clear_selection(self) -> None:
        cells = [p for p in self.selected_cells() if not p.computed]
        if not cells:
            cur = self._current_placed()
            cells = [cur] if cur is not None and cur.ref is not None and not cur.computed else []
        if cells:
            self.grid_model.set_values({p.ref: None for p in cells}, f"清除{len(cells)}格")
            self.message.emit(f"已清除 {len(cells)} 格")

    def copy_text(self) -> str:
        rows: dict[int, list[str]] = {}
        for p in self.selected_cells():
            rows.setdefault(p.row, []).append(self.grid_model.value_text(p))
        return "\n".join("\t".join(v) for _, v in sorted(rows.items()))

    def copy_selection(self) -> None:
        text = self.copy_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.emit(f"已复制 {len(self.selected_cells())} 格")

    def paste(self, text: str | None = None) -> None:
        """Paste a tab-separated block (from Excel or WPS) starting at the current cell."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        if not text.strip():
            return
        m = self.grid_model
        start = self._current_placed()
        if start is None or start.ref is None:
            self.refused.emit("请先选中要粘贴到的第一个格子")
            return
        # Target rows: this row and the following rows that have a value cell in the start column.
        target_rows = [start.row] + [r for r in range(start.row + 1, m.grid.n_rows)
                                     if (p := m.covering(r, start.col)) is not None and p.ref is not None
                                     and p.row == r]
        values, refused, skipped, outside = {}, [], 0, 0
        for i, line in enumerate(lines):
            cells = line.split("\t")
            if i >= len(target_rows):
                outside += len(cells)
                continue
            row = target_rows[i]
            col = start.col
            for text_value in cells:
                p = m.covering(row, col) if col < m.grid.n_cols else None
                if p is None or p.ref is None:
                    outside += 1
                    continue
                col = p.col + p.colspan
                if p.computed:
                    skipped += 1
                    continue
                try:
                    values[p.ref] = m.parse(p.ref, text_value)
                except CellInputError as e:
                    refused.append(e.message)
        if values:
            m.set_values(values, f"粘贴{len(values)}格")
        parts = [f"已粘贴 {len(values)} 格"]
        if skipped:
            parts.append(f"{skipped} 个合计格自动计算，已跳过")
        if outside:
            parts.append(f"{outside} 个值超出表格，未粘贴")
        if refused:
            parts.append(f"{len(refused)} 个值不合格未粘贴：{refused[0]}")
            self.refused.emit("；".join(parts))
        else:
            self.message.emit("；".join(parts))

    def select_ref(self, row_id: str, col_id: str) -> None:
        idx = self.grid_model.index_of(row_id, col_id)
        if idx.isValid():
            self.setFocus()
            self.selectionModel().select(QItemSelection(idx, idx), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.setCurrentIndex(idx)
            self.scrollTo(idx)
