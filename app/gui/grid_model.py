"""A table model over one statutory table of the draft, laid out exactly as the official template.

The model's rows and columns are the template's grid (`app.formats.layout.grid`): header rows, block
titles and row labels are model cells like the values, and the view sets their spans. Only input value
cells are editable; computed cells show the core's totals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ..cells import display, parse_input
from ..checks import Finding, Severity
from ..compute import computed_cells
from ..errors import CellInputError
from ..formats.layout import Placed, grid
from . import style

ROLE_KIND = Qt.ItemDataRole.UserRole + 1  # "title", "header", "label" or "value"
ROLE_SEVERITY = Qt.ItemDataRole.UserRole + 2  # "error", "warning" or None
ROLE_COMPUTED = Qt.ItemDataRole.UserRole + 3
ROLE_REF = Qt.ItemDataRole.UserRole + 4  # (row id, column id) of a value cell


class GridModel(QAbstractTableModel):
    refused = Signal(str)  # a refused input: the Chinese reason, for the status line

    def __init__(self, doc, table_id: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.draft = doc.draft  # a model lives as long as its draft: pages are rebuilt on a new one
        self.table = self.draft.format.table(table_id)
        self.grid = grid(self.table)
        self._cover: dict[tuple[int, int], Placed] = {}
        for p in self.grid.cells:
            for r in range(p.row, p.row + p.rowspan):
                for c in range(p.col, p.col + p.colspan):
                    self._cover[(r, c)] = p
        self._refs = self.grid.value_cells()
        self._findings: dict[tuple[str, str], list[Finding]] = {}
        self._totals = computed_cells(self.draft, table_id)
        doc.cells_changed.connect(self._cells_changed)

    # ---- geometry ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.n_cols

    def placed(self, index: QModelIndex | QPersistentModelIndex) -> Placed | None:
        """The template cell shown at `index` (only at its top-left corner; None inside a span)."""
        if not index.isValid():
            return None
        p = self._cover.get((index.row(), index.column()))
        if p is None or (p.row, p.col) != (index.row(), index.column()):
            return None
        return p

    def covering(self, row: int, col: int) -> Placed | None:
        return self._cover.get((row, col))

    def index_of(self, row_id: str, col_id: str) -> QModelIndex:
        p = self._refs.get((row_id, col_id))
        return self.index(p.row, p.col) if p else QModelIndex()

    def ref(self, index) -> tuple[str, str] | None:
        p = self.placed(index)
        return p.ref if p is not None else None

    def is_input(self, index) -> bool:
        p = self.placed(index)
        return p is not None and p.ref is not None and not p.computed

    def value_cells(self) -> list[Placed]:
        return [p for p in self.grid.cells if p.ref is not None]

    def _column(self, ref: tuple[str, str]):
        return self.table.column(*ref)

    # ---- data ----------------------------------------------------------------------------------
    def value_text(self, p: Placed) -> str:
        kind = self._column(p.ref).kind
        if p.computed:
            return display(kind, self._totals[p.ref].value)
        return display(kind, self.draft.get(self.table.id, *p.ref))

    def severity(self, ref) -> str | None:
        fs = self._findings.get(ref, ())
        if any(f.severity is Severity.ERROR for f in fs):
            return "error"
        if any(f.severity is Severity.WARNING for f in fs):
            return "warning"
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        p = self.placed(index)
        if p is None:
            return None
        if role == ROLE_KIND:
            return p.role
        if p.ref is None:
            return self._label_data(p, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.value_text(p)
        if role == ROLE_REF:
            return p.ref
        if role == ROLE_COMPUTED:
            return p.computed
        if role == ROLE_SEVERITY:
            return self.severity(p.ref)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(p)
        if role == Qt.ItemDataRole.DecorationRole:
            sev = self.severity(p.ref)
            return style.icon(sev) if sev else None
        if role == Qt.ItemDataRole.BackgroundRole:
            sev = self.severity(p.ref)
            if sev:
                return QBrush(style.ERROR_BG if sev == "error" else style.WARNING_BG)
            return QBrush(style.COMPUTED_BG if p.computed else style.INPUT_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if p.computed and not self._totals[p.ref].complete:
                return QBrush(QColor("#8a8a8a"))
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.FontRole and p.computed:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.table.cell_name(*p.ref)}：{self.value_text(p) or '未填'}"
        return None

    def _label_data(self, p: Placed, role) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return p.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.text if len(p.text) > 8 else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush({"title": style.TITLE_BG, "header": style.HEADER_BG}.get(p.role, style.LABEL_BG))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#1f2d3d"))
        if role == Qt.ItemDataRole.FontRole and p.role == "title":
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if p.role == "label" and p.rowspan > 4:
                # 「三、本年度办理结果」 spans twenty rows: at the top, where it can be seen.
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            if p.role == "label" and p.rowspan == 1:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if p.role == "title":
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tooltip(self, p: Placed) -> str:
        lines = [f.message for f in self._findings.get(p.ref, ()) if f.severity is not Severity.MISSING]
        col = self._column(p.ref)
        if p.computed:
            t = self._totals[p.ref]
            lines.append("自动计算的合计，不能直接填写" + ("" if t.complete or t.value is None
                                                          else "（还有未填的格子，合计尚不完整）"))
        else:
            lines.append(f"{self.table.cell_name(*p.ref)}：填写{col.kind.chinese}")
        return "\n".join(lines)

    def flags(self, index) -> Qt.ItemFlag:
        p = self.placed(index)
        if p is None:
            return Qt.ItemFlag.NoItemFlags
        if p.ref is None:
            return Qt.ItemFlag.ItemIsEnabled
        if p.computed:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    # ---- editing -------------------------------------------------------------------------------
    def parse(self, ref: tuple[str, str], text: str):
        """What the clerk typed -> a value, or CellInputError naming the cell."""
        try:
            return parse_input(self._column(ref).kind, str(text))
        except CellInputError as e:
            raise CellInputError(f"{self.table.cell_name(*ref)}：{e.message}，已保留原值") from None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_input(index):
            return False
        ref = self.ref(index)
        try:
            new = self.parse(ref, "" if value is None else str(value))
        except CellInputError as e:
            self.refused.emit(e.message)
            return False
        return self.set_values({ref: new}, f"填写{self.table.cell_name(*ref)}")

    def set_values(self, values: dict[tuple[str, str], Any], text: str) -> bool:
        """Set input cells through the document, as one undo step."""
        return self.doc.set_cells(self.table.id, values, text)

    def _cells_changed(self, table_id: str, refs, _reveal: bool) -> None:
        # Only the edited cells are announced here (the view repaints those, not the grid); the totals and
        # marks they change follow at once from the checks the document runs next (set_findings).
        if table_id != self.table.id or self.doc.draft is not self.draft:
            return
        self._announce(refs)

    # ---- checks --------------------------------------------------------------------------------
    def set_findings(self, findings: list[Finding], totals: dict[tuple[str, str], Any] | None = None) -> None:
        """The checks' findings and the totals they computed (computed here only when not given); announces
        only the cells whose marks or totals changed."""
        by_cell: dict[tuple[str, str], list[Finding]] = {}
        for f in findings:
            if f.table == self.table.id and f.row and f.column:
                by_cell.setdefault((f.row, f.column), []).append(f)
        old_findings, old_totals = self._findings, self._totals
        self._findings = by_cell
        self._totals = totals if totals is not None else computed_cells(self.draft, self.table.id)
        changed = {ref for ref in old_findings.keys() | by_cell.keys() if old_findings.get(ref) != by_cell.get(ref)}
        changed |= {ref for ref, t in self._totals.items() if old_totals.get(ref) != t}
        self._announce(changed)

    def _announce(self, refs) -> None:
        for ref in refs:
            p = self._refs.get(tuple(ref))
            if p is not None:
                index = self.index(p.row, p.col)
                self.dataChanged.emit(index, index)
