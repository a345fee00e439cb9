"""Places a table definition's cells on the grid the official template draws.

The GUI grid and the Word exporter both draw from this one placement, so what the clerk types into and
what the leader signs are the same table, span for span.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import Row, Span, Table


@dataclass(frozen=True)
class Placed:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    role: str  # "title" (block title), "header", "label" or "value"
    ref: tuple[str, str] | None = None  # (row id, column id) of a value cell
    computed: bool = False


@dataclass(frozen=True)
class Grid:
    table: Table
    n_rows: int
    n_cols: int
    cells: tuple[Placed, ...]
    header_rows: tuple[int, ...]  # grid rows that are header rows (repeat them on a page break)

    def at(self, row: int, col: int) -> Placed | None:
        """The cell covering (row, col), spans included."""
        for c in self.cells:
            if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
                return c
        return None

    def value_cells(self) -> dict[tuple[str, str], Placed]:
        return {c.ref: c for c in self.cells if c.ref is not None}


class _Placer:
    """HTML-table placement: each new cell takes the next grid slot not covered by an earlier span."""

    def __init__(self, width: int):
        self.width = width
        self.taken: set[tuple[int, int]] = set()
        self.cells: list[Placed] = []
        self.row = -1
        self.col = 0

    def new_row(self) -> None:
        self.row += 1
        self.col = 0

    def put(self, span: Span, role: str, ref=None, computed=False, colspan: int | None = None) -> None:
        while (self.row, self.col) in self.taken:
            self.col += 1
        cs = colspan or span.colspan
        if self.col + cs > self.width:
            raise ValueError(f"cell {span.text!r} overflows the table width {self.width}")
        self.cells.append(Placed(self.row, self.col, span.rowspan, cs, span.text, role, ref, computed))
        for r in range(self.row, self.row + span.rowspan):
            for c in range(self.col, self.col + cs):
                self.taken.add((r, c))
        self.col += cs


def grid(table: Table) -> Grid:
    width = table.width
    p = _Placer(width)
    header_rows: list[int] = []
    for block in table.blocks:
        if block.title:
            p.new_row()
            p.put(Span(block.title), "title", colspan=width)
        if block.header:
            for hrow in block.header:
                p.new_row()
                header_rows.append(p.row)
                for span in hrow:
                    p.put(span, "header")
        else:
            p.new_row()
            p.put(Span(block.label_header), "header", colspan=table.label_columns)
            _put_values(p, block.columns, lambda c: Span(c.label), "header", width)
        for row in block.rows:
            p.new_row()
            if table.label_columns:
                for span in row.labels or (Span(row.label),):
                    p.put(span, "label")
            _put_values(p, block.columns, lambda c: Span(""), "value", width, row)
    return Grid(table, p.row + 1, width, tuple(p.cells), tuple(header_rows))


def _put_values(p: _Placer, columns, span_of, role: str, width: int, row: Row | None = None) -> None:
    # A block with fewer value columns than the table spans its last cell to the right edge.
    for i, col in enumerate(columns):
        last = i == len(columns) - 1
        while (p.row, p.col) in p.taken:
            p.col += 1
        cs = width - p.col if last else 1
        ref = (row.id, col.id) if row is not None else None
        computed = row is not None and (row.computed or col.computed)
        p.put(span_of(col), role, ref=ref, computed=computed, colspan=cs)
