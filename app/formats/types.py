"""The vocabulary every statutory format definition is written in.

A definition is plain, frozen data: the GUI grids, the checks, the JSON draft and the Word export all
read it, so a new national revision is a new definition file, never a change to those consumers.
Tables follow the HTML table model: each header row and each data row lists only the cells that *start*
in it, with their spans; `app.formats.layout` places them on a grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from operator import itemgetter


class CellKind(str, Enum):
    COUNT = "count"  # non-negative integer
    SIGNED = "signed"  # signed integer change, printed "+2", "-18", "0"
    MONEY = "money"  # exact decimal, kept as the string the clerk typed

    @property
    def chinese(self) -> str:
        return {"count": "件数（不小于0的整数）", "signed": "增减数（可带+/-号的整数）",
                "money": "金额（数字，可带小数）"}[self.value]


@dataclass(frozen=True)
class Span:
    """A header or label cell: its text and how many grid rows/columns it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Column:
    id: str
    label: str  # the header text of the leaf column
    kind: CellKind = CellKind.COUNT
    # A computed column is the sum of other columns of the same row; `rule` names the check that
    # compares a stated (imported, hand-edited) value of it with the computed one.
    sum_of: tuple[str, ...] = ()
    rule: str = ""
    # How the column is named in messages when the leaf label alone is ambiguous (table 四).
    message_label: str = ""

    @property
    def computed(self) -> bool:
        return bool(self.sum_of)

    @property
    def display(self) -> str:
        return self.message_label or self.label


@dataclass(frozen=True)
class Row:
    id: str
    label: str  # the leaf label, as printed in the last label column
    labels: tuple[Span, ...] = ()  # label cells starting in this row; default: one cell, `label`
    group: str = ""  # the enclosing label for messages, e.g. "（三）不予公开"
    short: str = ""  # short name used in arithmetic messages, e.g. "一" or "（七）总计"
    sum_of: tuple[str, ...] = ()  # a computed row is the sum of these rows, column by column
    rule: str = ""

    @property
    def computed(self) -> bool:
        return bool(self.sum_of)

    @property
    def display(self) -> str:
        return f"{self.group} {self.label}" if self.group else self.label


@dataclass(frozen=True)
class Block:
    """One stacked sub-table (table 二 has several; tables 三 and 四 have one each).

    `header` lists the header rows over the whole table width. When it is empty the block gets the
    simple header of table 二: `label_header` over the label column, then the column labels, the last
    one spanning to the table's right edge.
    """

    id: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str = ""  # a full-width block-title row above the header, e.g. "第二十条第（一）项"
    header: tuple[tuple[Span, ...], ...] = ()
    label_header: str = ""


@dataclass(frozen=True)
class Balance:
    """Rule: for every column, the sum of `lhs` rows equals the sum of `rhs` rows (table 三's 勾稽关系)."""

    id: str
    table: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class CellSpec:
    """A value cell as a draft's values are checked against it: its kind, and whether it is a total."""

    kind: CellKind
    computed: bool


@dataclass(frozen=True)
class RowSpec:
    """A row's value cells as a draft's values are checked against them."""

    cells: dict[str, CellSpec]  # by column id
    inputs: tuple[str, ...]  # the ids of its input cells, left to right (none, in a computed row)
    totals: tuple[str, ...]  # the ids of its computed cells (every column, in a computed row)
    counts_only: bool  # every cell holds a whole number (no money)

    @cached_property
    def input_set(self) -> frozenset[str]:
        return frozenset(self.inputs)


@dataclass(frozen=True)
class TotalStep:
    """One computed cell of a table's totals plan: the input cells and the earlier totals it adds up."""

    cell: tuple[str, str]  # (row id, column id)
    inputs: tuple[tuple[str, str], ...]
    totals: tuple[tuple[str, str], ...]
    # When it adds exactly the input cells of one row (a row's 总计): that row and their column ids.
    whole_row: str | None = None
    whole_row_columns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Table:
    id: str
    number: str  # "二", "三", "四": how messages name it (表三)
    title: str
    blocks: tuple[Block, ...]
    label_columns: int = 1

    @property
    def name(self) -> str:
        return f"表{self.number}"

    @property
    def width(self) -> int:
        return self.label_columns + max(len(b.columns) for b in self.blocks)

    def rows(self) -> list[tuple[Block, Row]]:
        return [(b, r) for b in self.blocks for r in b.rows]

    @cached_property
    def _index(self) -> dict[str, tuple[Block, Row, dict[str, Column]]]:
        # Looked up on every edit and by every check: by id, not by walking the blocks.
        return {r.id: (b, r, {c.id: c for c in b.columns}) for b in self.blocks for r in b.rows}

    def row(self, row_id: str) -> tuple[Block, Row]:
        block, row, _ = self._index[row_id]
        return block, row

    def column(self, row_id: str, col_id: str) -> Column:
        return self._index[row_id][2][col_id]

    @cached_property
    def specs(self) -> dict[str, RowSpec]:
        """Row id -> RowSpec: every value of every draft file is looked up here, by plain dicts."""
        return {r.id: RowSpec(cells={c.id: CellSpec(c.kind, self.is_computed(r, c)) for c in b.columns},
                              inputs=tuple(c.id for c in b.columns if not self.is_computed(r, c)),
                              totals=tuple(c.id for c in b.columns if self.is_computed(r, c)),
                              counts_only=all(c.kind is not CellKind.MONEY for c in b.columns))
                for b, r in self.rows()}

    @cached_property
    def sum_plan(self) -> tuple[tuple[tuple[str, str], tuple[tuple[str, str], ...]], ...]:
        """Every computed cell with the cells it adds up, ordered so that each comes after its parts
        (totals of totals: table 三's grand total). Worked out once per table; app.compute follows it."""
        plan: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}

        def visit(row_id: str, col_id: str) -> None:
            _, row = self.row(row_id)
            col = self.column(row_id, col_id)
            if not self.is_computed(row, col) or (row_id, col_id) in plan:
                return
            parts = tuple((r, col_id) for r in row.sum_of) if row.computed else tuple((row_id, c) for c in col.sum_of)
            for p in parts:
                visit(*p)
            plan[(row_id, col_id)] = parts

        for _, row, col in self.cells():
            visit(row.id, col.id)
        return tuple(plan.items())

    @cached_property
    def totals_plan(self) -> tuple[TotalStep, ...]:
        """`sum_plan` with each computed cell's parts split into input cells and earlier totals, so that
        app.compute reads each part from where it is without asking which kind it is."""
        totals = {key for key, _ in self.sum_plan}
        steps = []
        for key, parts in self.sum_plan:
            inputs = tuple(p for p in parts if p not in totals)
            rows = {r for r, _ in parts}
            row = rows.pop() if len(rows) == 1 else None
            whole = (row is not None and len(inputs) == len(parts)
                     and {c for _, c in inputs} == self.specs[row].input_set)
            steps.append(TotalStep(key, inputs=inputs, totals=tuple(p for p in parts if p in totals),
                                   whole_row=row if whole else None,
                                   whole_row_columns=frozenset(c for _, c in inputs) if whole else frozenset()))
        return tuple(steps)

    @cached_property
    def counts_only(self) -> bool:
        """Every cell holds a whole number (no money): its values are ints or unfilled."""
        return all(spec.counts_only for spec in self.specs.values())

    @cached_property
    def input_rows(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(row id, its input column ids) of every row with input cells, in template order: read row by row,
        they give `input_cells()` in order, as the flat tuple `totals_by_position` indexes."""
        return tuple((rid, spec.inputs) for rid, spec in self.specs.items() if spec.inputs)

    @cached_property
    def totals_by_position(self) -> tuple[tuple[tuple[str, str], itemgetter], ...]:
        """Every computed cell with a getter of the input cells it adds up (through totals of totals) from
        the flat tuple of the table's input values (`input_rows` order): when every input is filled, each
        total is the sum of what its getter picks, in one call each instead of walking the plan."""
        position = {cell: i for i, cell in enumerate((r, c) for r, cols in self.input_rows for c in cols)}
        out = []
        for key, _ in self.sum_plan:
            leaves = sorted(position[p] for p in self._inputs[key])
            # A getter of one position returns the value, not a tuple: a one-long slice keeps it a tuple.
            out.append((key, itemgetter(*leaves) if len(leaves) > 1 else itemgetter(slice(leaves[0], leaves[0] + 1))))
        return tuple(out)

    @cached_property
    def _inputs(self) -> dict[tuple[str, str], frozenset[tuple[str, str]]]:
        inputs: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}
        for key, parts in self.sum_plan:
            inputs[key] = frozenset().union(*(inputs.get(p, frozenset((p,))) for p in parts))
        return inputs

    def inputs_of(self, row_id: str, col_id: str) -> frozenset[tuple[str, str]]:
        """The input cells a cell adds up, through totals of totals (an input cell: itself)."""
        self.column(row_id, col_id)  # KeyError for a cell the table does not have
        return self._inputs.get((row_id, col_id), frozenset(((row_id, col_id),)))

    @cached_property
    def _cells(self) -> tuple[tuple[tuple[Block, Row, Column], ...], ...]:
        # Every check walks these on every edit: worked out once per table. (all, inputs, totals)
        cells = tuple((b, r, c) for b, r in self.rows() for c in b.columns)
        return (cells, tuple((b, r, c) for b, r, c in cells if not self.is_computed(r, c)),
                tuple((b, r, c) for b, r, c in cells if self.is_computed(r, c)))

    def cells(self) -> list[tuple[Block, Row, Column]]:
        """Every value cell, in template order (row by row, left to right)."""
        return list(self._cells[0])

    def is_computed(self, row: Row, col: Column) -> bool:
        return row.computed or col.computed

    def input_cells(self) -> list[tuple[Block, Row, Column]]:
        return list(self._cells[1])

    def total_cells(self) -> tuple[tuple[Block, Row, Column], ...]:
        """The computed cells (totals), in template order."""
        return self._cells[2]

    def cell_name(self, row_id: str, col_id: str) -> str:
        """How a message names a cell: 表三「（一）予以公开」行「自然人」列."""
        block, row = self.row(row_id)
        col = self.column(row_id, col_id)
        where = f"「{block.title}」" if block.title else ""
        return f"{self.name}{where}「{row.display}」行「{col.display}」列"


@dataclass(frozen=True)
class Section:
    id: str
    heading: str  # verbatim, e.g. "一、总体情况"
    table: str = ""  # the statutory table printed in this section
    parts: tuple[str, ...] = ()  # customary sub-part titles, e.g. "主动公开" for （一）


@dataclass(frozen=True)
class ReportFormat:
    id: str
    name: str
    document: str  # the notice that fixes it
    years: tuple[int, int | None]  # first and last report year it applies to (None: still current)
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    balances: tuple[Balance, ...] = ()
    money_unit: str = ""  # "万元" in the 2021 format; the 2019 format names none
    # Row id of （六）其他处理 2 (逾期未缴费), which obliges section 六 to report 信息处理费 (rule 11).
    fee_row: str = ""
    fee_section: str = "other"
    notes: tuple[str, ...] = field(default_factory=tuple)

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)
