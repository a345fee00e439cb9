"""What the report prints, in order, independent of the output format (Word, web page, PDF).

Every exporter walks `report_flow(draft)`: the title lines, the headings, the body paragraphs and the
three tables with each cell's printed text and alignment. Where the fee statement goes, which sub-part
titles are run in, and what an unfinished total prints are decided here once, so the .docx, the .html
and the .pdf cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cells import display
from ..compute import computed_cells
from ..draft import default_title_lines
from ..formats.layout import Grid, Placed, grid
from ..formats.types import Table
from .text import RUN_IN_END, chinese_number, clean, paragraphs

# A closing sentence such as 「本年度无其他需要报告的事项。」: the fee statement goes before it.
_NOTHING_ELSE = re.compile(r"无其他(需要|需|应当|应)?(报告|说明)")


@dataclass(frozen=True)
class Para:
    kind: str  # "title", "heading", "subheading" or "body"
    text: str
    lead: str = ""  # a run-in sub-part title printed before a body paragraph in 楷体


@dataclass(frozen=True)
class Cell:
    placed: Placed
    text: str
    align: str  # "left" or "center"

    @property
    def row(self) -> int:
        return self.placed.row

    @property
    def col(self) -> int:
        return self.placed.col

    @property
    def rowspan(self) -> int:
        return self.placed.rowspan

    @property
    def colspan(self) -> int:
        return self.placed.colspan

    @property
    def role(self) -> str:
        return self.placed.role


@dataclass(frozen=True)
class TableBlock:
    table: Table
    grid: Grid
    cells: tuple[Cell, ...]  # every cell that starts somewhere, row by row, left to right

    def rows(self) -> list[list[Cell]]:
        """For each grid row, the cells starting in it (the HTML table model)."""
        out: list[list[Cell]] = [[] for _ in range(self.grid.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        return out

    @property
    def small(self) -> bool:
        """Wide tables (三: 10 columns, 四: 15) print at 小五, table 二 at 五号."""
        return self.grid.n_cols >= SMALL_FONT_COLUMNS


SMALL_FONT_COLUMNS = 6


def title_lines(draft) -> list[str]:
    lines = draft.title_lines or default_title_lines(draft.agency, draft.year)
    return [t for line in lines if (t := clean(line).replace("\n", " ").strip())]


def cell_text(draft, table: Table, cell: Placed, totals) -> str:
    """What a grid cell prints: its label, or the value (computed totals only when complete)."""
    if cell.ref is None:
        return cell.text
    row_id, col_id = cell.ref
    col = table.column(row_id, col_id)
    if cell.computed:
        total = totals[(row_id, col_id)]
        return display(col.kind, total.value) if total.complete else ""
    return display(col.kind, draft.get(table.id, row_id, col_id))


def alignment(table: Table, cell: Placed) -> str:
    if cell.role == "label" and table.label_columns > 1 and cell.rowspan == 1:
        return "left"  # table 三's row labels read from the left, as in the template
    return "center"


def table_block(draft, table: Table) -> TableBlock:
    g = grid(table)
    totals = computed_cells(draft, table.id)
    cells = tuple(Cell(c, cell_text(draft, table, c, totals), alignment(table, c))
                  for c in sorted(g.cells, key=lambda c: (c.row, c.col)))
    return TableBlock(table, g, cells)


def _parts(parts) -> list[Para]:
    """Section 一's sub-parts, numbered （一）（二）… in the order they are printed."""
    out: list[Para] = []
    n = 0
    for part in parts:
        title = " ".join(paragraphs(part.title))
        paras = paragraphs(part.text)
        if not title and not paras:
            continue
        n += 1
        number = f"（{chinese_number(n)}）"
        if not title or title.endswith(RUN_IN_END):
            out.append(Para("body", paras[0] if paras else "", lead=number + title))
            rest = paras[1:]
        else:
            out.append(Para("subheading", number + title))
            rest = paras
        out.extend(Para("body", p) for p in rest)
    return out


def _with_fee(text: str, fee: str) -> list[str]:
    """Section 六's paragraphs with the fee statement inside its flow: before a closing
    「本年度无其他需要报告的事项。」, else after the clerk's text."""
    paras = paragraphs(text)
    fee_paras = paragraphs(fee)
    if not fee_paras:
        return paras
    if paras and _NOTHING_ELSE.search(paras[-1]):
        return paras[:-1] + fee_paras + paras[-1:]
    return paras + fee_paras


def report_flow(draft) -> list[Para | TableBlock]:
    fmt = draft.format
    out: list[Para | TableBlock] = [Para("title", t) for t in title_lines(draft)]
    out += [Para("body", p) for p in paragraphs(draft.preamble)]
    for section in fmt.sections:
        content = draft.section(section.id)
        out.append(Para("heading", clean(section.heading).strip()))
        if section.id == fmt.fee_section:
            out += [Para("body", p) for p in _with_fee(content.text, draft.fee_statement)]
        else:
            out += [Para("body", p) for p in paragraphs(content.text)]
        out += _parts(content.parts)
        if section.table:
            out.append(table_block(draft, fmt.table(section.table)))
    return out
