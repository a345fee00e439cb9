"""Reading an exported .docx back for the export tests (tests/test_export*.py): table grids from the
raw XML (gridSpan / vMerge), paragraphs with their fonts, and the hand-written expected grids."""

from __future__ import annotations

import re
from pathlib import Path

from docx.oxml.ns import qn

DATA = Path(__file__).parent / "data" / "export"

Cell = tuple[str, int, int]  # (text, rowspan, colspan)


def table_rows(tbl) -> list[list[Cell]]:
    """A w:tbl -> for each row, the cells that start in it, left to right, as (text, rowspan, colspan)."""
    starts: dict[tuple[int, int], list] = {}  # (row, col) -> [text, rowspan, colspan]
    open_by_col: dict[int, list] = {}  # the cell a vMerge continuation at this column extends
    rows: list[list[list]] = []
    for r, tr in enumerate(tbl.iter(qn("w:tr"))):
        row: list[list] = []
        col = 0
        for tc in tr.findall(qn("w:tc")):
            tcPr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if tcPr is not None:
                gs = tcPr.find(qn("w:gridSpan"))
                span = int(gs.get(qn("w:val"))) if gs is not None else 1
                vm = tcPr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val")) or "continue"
            text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.findall(qn("w:p")))
            if vmerge == "continue":
                head = open_by_col[col]
                assert head[2] == span, f"row {r}: continuation at column {col} has a different width"
                assert text == "", f"row {r}: continuation at column {col} holds text {text!r}"
                head[1] += 1
            else:
                cell = [text, 1, span]
                row.append(cell)
                starts[(r, col)] = cell
                for c in range(col, col + span):
                    open_by_col.pop(c, None)
                open_by_col[col] = cell
            col += span
        rows.append(row)
    return [[tuple(c) for c in row] for row in rows]


def parse_expected(name: str) -> list[list[Cell]]:
    """A hand-written grid from tests/data/export/ (format in its README.md)."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        row = []
        for cell in line.split(" | "):
            m = re.fullmatch(r"(.*?)(?: @(\d+)x(\d+))?", cell.strip())
            row.append((m.group(1), int(m.group(2) or 1), int(m.group(3) or 1)))
        rows.append(row)
    return rows


def rows_from_layout(g, text_of) -> list[list[Cell]]:
    """The same shape from an app.formats.layout Grid; `text_of(placed)` gives a cell's printed text."""
    rows: list[list[Cell]] = [[] for _ in range(g.n_rows)]
    for c in sorted(g.cells, key=lambda c: (c.row, c.col)):
        rows[c.row].append((text_of(c), c.rowspan, c.colspan))
    return rows


def run_fonts(run) -> dict[str, str | None]:
    """The four font slots written on a run (w:rPr/w:rFonts), theme references included."""
    rpr = run._element.rPr
    rf = rpr.find(qn("w:rFonts")) if rpr is not None else None
    names = ("ascii", "hAnsi", "eastAsia", "cs", "asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")
    return {n: (rf.get(qn(f"w:{n}")) if rf is not None else None) for n in names}


def body_paragraphs(doc) -> list:
    """Paragraphs of the body outside tables, in order."""
    return list(doc.paragraphs)


NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
