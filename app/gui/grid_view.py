"""The grid widget: the official table with its merged header, spreadsheet-like keys and clipboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
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
        self.view.last_refusal = ""
        self.view.last_commit_ok = model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def mark_refused(self, editor: QLineEdit, reason: str) -> None:
        """The refused text stays in the editor, framed in red, with the reason as its tooltip (shown)."""
        editor.setProperty("refused", reason)
        editor.setStyleSheet(f"QLineEdit {{ border: 2px solid {style.ERROR_BORDER.name()}; "
                             f"background: {style.ERROR_BG.name()}; }}")
        editor.setToolTip(reason + "\n（改正后回车；按 Esc 放弃）")
        QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), editor.toolTip(), editor)

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


class SpanLabelDelegate(QStyledItemDelegate):
    """In the frozen label columns, a label spanning many rows is drawn in the part that is on screen,
    so 「三、本年度办理结果」 stays readable while its rows scroll by."""

    def paint(self, painter: QPainter, option, index):
        view = self.parent()
        visible = view.viewport().rect()
        visible.setTop(view.main.frozen_size()[1])  # below the frozen header rows
        if view.rowSpan(index.row(), index.column()) > 1 and not visible.contains(option.rect):
            option.rect = option.rect.intersected(visible)
        super().paint(painter, option, index)


class FrozenPart(QTableView):
    """A fixed part of a grid drawn over it: the header rows (scrolling sideways with the grid), the label
    columns (scrolling up and down with it) or the corner where both meet. Same model, spans and
    selection as the grid; wheel turns go to the grid."""

    def __init__(self, main: GridView, rows: int | None, cols: int | None):
        super().__init__(main)
        self.main = main
        model = main.grid_model
        self.setModel(model)
        self.setSelectionModel(main.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(main.styleSheet())
        if rows is None:
            self.setItemDelegate(SpanLabelDelegate(self))
        for p in model.grid.cells:
            if p.rowspan > 1 or p.colspan > 1:
                self.setSpan(p.row, p.col, p.rowspan, p.colspan)
        self.rows, self.cols = rows, cols  # None: all, scrolling with the grid
        if rows is not None:
            for r in range(rows, model.grid.n_rows):
                self.setRowHidden(r, True)
        if cols is not None:
            for c in range(cols, model.grid.n_cols):
                self.setColumnHidden(c, True)
        if rows is None:
            main.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        if cols is None:
            main.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)

    def wheelEvent(self, event) -> None:
        self.main.wheelEvent(event)

    def mousePressEvent(self, event) -> None:
        idx = self.indexAt(event.position().toPoint())
        if idx.isValid() and self.main.grid_model.is_input(idx):
            self.main.setFocus()
            self.main.setCurrentIndex(idx)
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        idx = self.indexAt(event.position().toPoint())
        if idx.isValid() and self.main.grid_model.is_input(idx):
            self.main.setCurrentIndex(idx)
            self.main.edit(idx)
        event.accept()


class GridView(QTableView):
    refused = Signal(str)
    message = Signal(str)
    zoom_requested = Signal(int)  # Ctrl+wheel: +1 larger, -1 smaller

    def __init__(self, model: GridModel, parent=None):
        super().__init__(parent)
        self.frozen_top = self.frozen_left = self.frozen_corner = None
        self._tab_start: tuple[int, int] | None = None  # (grid row, column) where a run of Tabs began
        self._keep_tab_start = False
        self.frozen_rows = self.frozen_cols = 0
        self.setModel(model)
        self.grid_model = model
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.last_commit_ok = True
        self.last_refusal = ""
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
        model.refused.connect(lambda reason: setattr(self, "last_refusal", reason))
        # Frozen header rows (only when the table has one header at its top: table 二 repeats a header
        # per block) and label columns.
        g = model.grid
        lead = 0
        while lead in g.header_rows:
            lead += 1
        self.frozen_rows = lead if lead == len(g.header_rows) else 0
        self.frozen_cols = model.table.label_columns
        self.frozen_top = FrozenPart(self, self.frozen_rows, None) if self.frozen_rows else None
        self.frozen_left = FrozenPart(self, None, self.frozen_cols) if self.frozen_cols else None
        self.frozen_corner = (FrozenPart(self, self.frozen_rows, self.frozen_cols)
                              if self.frozen_rows and self.frozen_cols else None)
        self.layout_cells()
        first = self._inputs()
        if first:
            self.setCurrentIndex(model.index(first[0].row, first[0].col))

    # ---- frozen parts --------------------------------------------------------------------------
    def frozen_parts(self) -> list[FrozenPart]:
        return [p for p in (self.frozen_top, self.frozen_left, self.frozen_corner) if p is not None]

    def frozen_size(self) -> tuple[int, int]:
        """Width of the frozen label columns and height of the frozen header rows, in pixels."""
        w = sum(self.columnWidth(c) for c in range(self.frozen_cols))
        h = sum(self.rowHeight(r) for r in range(self.frozen_rows))
        return w, h

    def _place_frozen(self) -> None:
        fw, fh = self.frozen_size()
        vp = self.viewport().geometry()
        for part in self.frozen_parts():
            for c in range(self.grid_model.grid.n_cols):
                part.setColumnWidth(c, self.columnWidth(c))
            for r in range(self.grid_model.grid.n_rows):
                part.setRowHeight(r, self.rowHeight(r))
            w = vp.width() if part.cols is None else min(fw + 1, vp.width())
            h = vp.height() if part.rows is None else min(fh + 1, vp.height())
            part.setGeometry(vp.x(), vp.y(), w, h)
            part.horizontalScrollBar().setValue(self.horizontalScrollBar().value() if part.cols is None else 0)
            part.verticalScrollBar().setValue(self.verticalScrollBar().value() if part.rows is None else 0)
            part.show()
        if self.frozen_corner is not None:
            self.frozen_corner.raise_()

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        super().scrollTo(index, hint)
        if not index.isValid() or not (self.frozen_rows or self.frozen_cols):
            return
        # A cell under the frozen parts is not visible: scroll it out from under them.
        fw, fh = self.frozen_size()
        rect = self.visualRect(index)
        if index.column() >= self.frozen_cols and rect.left() < fw:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (fw - rect.left()))
        if index.row() >= self.frozen_rows and rect.top() < fh:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (fh - rect.top()))

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.frozen_parts():
            self._place_frozen()

    # ---- zoom ----------------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dy = event.angleDelta().y()
            if dy:
                self.zoom_requested.emit(1 if dy > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def set_zoom(self, percent: int) -> None:
        """Show the grid at `percent` of the window's font size."""
        base = self.parentWidget().font() if self.parentWidget() is not None else self.font()
        f = self.font()
        f.setPointSizeF(base.pointSizeF() * percent / 100)
        self.setFont(f)

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
        if self.frozen_parts():
            self._place_frozen()
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

    def _input_below(self, row: int, col: int) -> QModelIndex:
        """The first input cell below grid row `row` in grid column `col` (invalid when none)."""
        m = self.grid_model
        for r in range(row, m.grid.n_rows):
            p = m.covering(r, col)
            if p is not None and p.ref is not None and not p.computed and p.row == r:
                return m.index(p.row, p.col)
        return QModelIndex()

    def next_input(self, direction: str) -> QModelIndex:
        """The next input cell to the right ("next"), left ("previous") or below ("down"). "down" after a
        run of Tabs along a row goes to the column where the run started, as in Excel."""
        m = self.grid_model
        cur = self._current_placed()
        inputs = self._inputs()
        if not inputs:
            return QModelIndex()
        if cur is None:
            p = inputs[0]
            return m.index(p.row, p.col)
        if direction == "down":
            col = cur.col
            if self._tab_start is not None and self._tab_start[0] == cur.row:
                col = self._tab_start[1]
            below = self._input_below(cur.row + cur.rowspan, col)
            if not below.isValid() and col != cur.col:
                below = self._input_below(cur.row + cur.rowspan, cur.col)
            return below if below.isValid() else m.index(cur.row, cur.col)
        key = (cur.row, cur.col)
        if direction == "next":
            after = [p for p in inputs if (p.row, p.col) > key]
            p = after[0] if after else cur
        else:
            before = [p for p in inputs if (p.row, p.col) < key]
            p = before[-1] if before else cur
        return m.index(p.row, p.col)

    def moveCursor(self, action, modifiers):
        if action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            cur = self._current_placed()
            target = self.next_input("next" if action == QAbstractItemView.CursorAction.MoveNext else "previous")
            if cur is not None and target.isValid() and target.row() == cur.row:
                if self._tab_start is None or self._tab_start[0] != cur.row:
                    self._tab_start = (cur.row, cur.col)
            else:
                self._tab_start = None  # wrapped to another row: a new run starts there
            self._keep_tab_start = True
            return target
        return super().moveCursor(action, modifiers)

    def currentChanged(self, current, previous) -> None:
        super().currentChanged(current, previous)
        if not self._keep_tab_start:
            self._tab_start = None  # moved by a click or the arrows: no run of Tabs any more
        self._keep_tab_start = False

    def go(self, index: QModelIndex) -> None:
        if index.isValid():
            self._keep_tab_start = False
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _enter(self) -> None:
        target = self.next_input("down")
        self._tab_start = None
        self.go(target)

    # ---- editing -------------------------------------------------------------------------------
    def edit(self, index, trigger=None, event=None) -> bool:
        if trigger is None:
            return super().edit(index)  # edit(index) from code: Qt calls back here with AllEditTriggers
        ok = super().edit(index, trigger, event)
        if not ok and index.isValid() and trigger in (QAbstractItemView.EditTrigger.AnyKeyPressed,
                                                      QAbstractItemView.EditTrigger.DoubleClicked,
                                                      QAbstractItemView.EditTrigger.EditKeyPressed):
            p = self.grid_model.placed(index) or self.grid_model.covering(index.row(), index.column())
            if p is not None and p.computed and (trigger != QAbstractItemView.EditTrigger.AnyKeyPressed
                                                 or (event is not None and event.text().strip())):
                self.refused.emit(f"{self.grid_model.table.cell_name(*p.ref)}是自动计算的合计，不能直接填写；"
                                  "请填写参与合计的各格，合计会随之变化")
        return ok

    def closeEditor(self, editor, hint) -> None:
        H = QAbstractItemDelegate.EndEditHint
        if hint != H.RevertModelCache and not self.last_commit_ok:
            # Refused: the text stays in the editor, marked, with the reason, until corrected or Esc.
            self.delegate.mark_refused(editor, self.last_refusal)
            if hint != H.NoHint:  # Enter or Tab; NoHint is the focus going elsewhere: let it go
                editor.setFocus()
            return
        if hint == H.RevertModelCache:
            self.last_commit_ok = True
        if editor.property("refused"):
            self.message.emit("")  # corrected or given up: the reason goes away
        if hint in (H.EditNextItem, H.EditPreviousItem):
            cur = self._current_placed()
            target = self.next_input("next" if hint == H.EditNextItem else "previous")
            if cur is not None and target == self.grid_model.index(cur.row, cur.col):
                hint = H.NoHint  # Tab in the last cell: the edit ends, the cell is not opened again
                self._tab_start = None
        super().closeEditor(editor, hint)
        if hint == H.SubmitModelCache:
            self._enter()  # Enter commits and moves down (back to where a run of Tabs started)

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                self.cut_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        idx = self.indexAt(event.pos())
        if idx.isValid() and not self.selectionModel().isSelected(idx) and self.grid_model.ref(idx):
            self.setCurrentIndex(idx)
        menu = self.context_menu()
        menu.exec(event.globalPos())

    def context_menu(self) -> QMenu:
        """剪切/复制/粘贴/清除内容 of the selection, and the window's 撤销/重做."""
        menu = QMenu(self)
        menu.setObjectName(names.GRID_MENU)
        has_cells = bool(self.selected_cells()) or self._current_placed() is not None
        for text, key, slot in (("剪切", QKeySequence.StandardKey.Cut, self.cut_selection),
                                ("复制", QKeySequence.StandardKey.Copy, self.copy_selection),
                                ("粘贴", QKeySequence.StandardKey.Paste, self.paste)):
            a = menu.addAction(text)
            a.setShortcut(QKeySequence(key))
            a.triggered.connect(lambda _c=False, slot=slot: slot())
            a.setEnabled(has_cells if slot != self.paste else bool(QGuiApplication.clipboard().text()))
        a = menu.addAction("清除内容")
        a.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        a.triggered.connect(lambda _c=False: self.clear_selection())
        menu.addSeparator()
        win = self.window()
        for name in (names.ACT_UNDO, names.ACT_REDO):
            act = win.findChild(QAction, name) if win is not None else None
            if act is not None:
                menu.addAction(act)
        return menu

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

    def cut_selection(self) -> None:
        text = self.copy_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.clear_selection()

    def _anchor(self):
        """Where a paste starts: the top-left cell of the selection (as in Excel), else the current cell."""
        cells = self.selected_cells()
        if cells:
            return min(cells, key=lambda p: (p.row, p.col))
        return self._current_placed()

    def paste(self, text: str | None = None) -> None:
        """Paste from Excel or WPS: a tab-separated block from the selection's top-left cell; a single value
        into every input cell of the selection."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        if not text.strip():
            return
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        m = self.grid_model
        start = self._anchor()
        if start is None or start.ref is None:
            self.refused.emit("请先选中要粘贴到的第一个格子")
            return
        selected = self.selected_cells()
        if len(lines) == 1 and "\t" not in lines[0] and len(selected) > 1:
            self._fill(lines[0].strip(), selected)
            return
        # Target rows: this row and the following rows that have a value cell in the start column.
        target_rows = [start.row] + [r for r in range(start.row + 1, m.grid.n_rows)
                                     if (p := m.covering(r, start.col)) is not None and p.ref is not None
                                     and p.row == r]
        values, refused, skipped = {}, [], 0
        rows_cut, cols_cut, values_cut = 0, 0, 0
        for i, line in enumerate(lines):
            cells = line.split("\t")
            if i >= len(target_rows):
                rows_cut += 1
                values_cut += len(cells)
                continue
            row = target_rows[i]
            col = start.col
            for j, text_value in enumerate(cells):
                p = m.covering(row, col) if col < m.grid.n_cols else None
                if p is None or p.ref is None:
                    cols_cut = max(cols_cut, len(cells) - j)
                    values_cut += len(cells) - j
                    break
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
        if values_cut:
            where = []
            if rows_cut:
                where.append(f"下面 {rows_cut} 行")
            if cols_cut:
                where.append(f"右边 {cols_cut} 列")
            parts.append(f"粘贴的内容比表格大：{'和'.join(where)}超出表格，共 {values_cut} 个值未粘贴")
        self._report(parts, refused)

    def _fill(self, text_value: str, cells) -> None:
        m = self.grid_model
        inputs = [p for p in cells if not p.computed]
        skipped = len(cells) - len(inputs)
        if not inputs:
            self.refused.emit("选中的都是自动计算的合计格，不能粘贴")
            return
        try:
            value = m.parse(inputs[0].ref, text_value)
        except CellInputError as e:
            self.refused.emit(f"未粘贴：{e.message}")
            return
        m.set_values({p.ref: value for p in inputs}, f"粘贴到{len(inputs)}格")
        parts = [f"已把「{text_value}」填入选中的 {len(inputs)} 格"]
        if skipped:
            parts.append(f"{skipped} 个合计格自动计算，已跳过")
        self._report(parts, [])

    def _report(self, parts: list[str], refused: list[str]) -> None:
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
