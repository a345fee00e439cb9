"""What a report file is reduced to before it is understood: paragraphs and tables, in document order.

The Word and web-page readers both produce this, so recognising the title, sections and table values is
written once. Tables are expanded onto a grid (the HTML table model): every slot holds the cell covering
it, so a label merged over several rows or columns is seen from each of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Bounds for any one table, whatever the file claims (a hostile rowspan="100000" must not eat memory).
MAX_TABLE_ROWS = 2000
MAX_TABLE_COLS = 100
MAX_SPAN = 200


@dataclass
class Para:
    text: str
    lead: str = ""  # a run-in heading set apart by its formatting (楷体/bold), part of `text`


@dataclass(frozen=True)
class Cell:
    text: str
    origin: tuple[int, int]  # (row, column) of the cell's top-left slot: identifies the cell


@dataclass
class TableBlock:
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


class GridBuilder:
    """Places cells with spans on a grid, row by row; slots nobody fills stay empty cells."""

    def __init__(self):
        self.slots: dict[tuple[int, int], Cell] = {}
        self.row = -1
        self.col = 0
        self.truncated = False

    def new_row(self) -> bool:
        if self.row + 1 >= MAX_TABLE_ROWS:
            self.truncated = True
            return False
        self.row += 1
        self.col = 0
        return True

    def skip(self, n: int) -> None:
        self.col += max(0, min(n, MAX_SPAN))

    def put(self, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        while (self.row, self.col) in self.slots:
            self.col += 1
        rowspan = max(1, min(rowspan, MAX_SPAN, MAX_TABLE_ROWS - self.row))
        colspan = max(1, min(colspan, MAX_SPAN))
        if self.col + colspan > MAX_TABLE_COLS:
            self.truncated = True
            colspan = MAX_TABLE_COLS - self.col
            if colspan <= 0:
                return
        cell = Cell(text, (self.row, self.col))
        for r in range(self.row, self.row + rowspan):
            for c in range(self.col, self.col + colspan):
                self.slots[(r, c)] = cell
        self.col += colspan

    def continue_above(self, colspan: int = 1) -> None:
        """Word's vMerge="continue": this slot belongs to the cell above it."""
        while (self.row, self.col) in self.slots:
            self.col += 1
        for c in range(self.col, min(self.col + max(1, colspan), MAX_TABLE_COLS)):
            above = self.slots.get((self.row - 1, c))
            if above is not None:
                self.slots[(self.row, c)] = above
        self.col += max(1, colspan)

    def build(self) -> TableBlock:
        if not self.slots:
            return TableBlock()
        n_rows = max(r for r, _ in self.slots) + 1
        n_cols = max(c for _, c in self.slots) + 1
        rows = [[self.slots.get((r, c)) or Cell("", (r, c)) for c in range(n_cols)] for r in range(n_rows)]
        return TableBlock(rows)


def squash(text: str) -> str:
    """Whitespace inside a paragraph or cell as a reader sees it: runs of blanks collapse to one space."""
    return " ".join(text.replace("\u3000", " ").replace("\xa0", " ").split())
