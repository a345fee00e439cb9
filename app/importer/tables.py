"""Reading table values through the format definition's labels.

Every row of every table in the file is classified on its own: a header row (it prints two or more of
the format's header labels and no numbers), a block title (第二十条第（一）项), or a data row whose label
is one of the format's row labels. A data row's values are assigned to columns through the header rows
seen above them, column by column, so headers split or merged differently, a table broken in two with
its header repeated, and stray empty columns all read the same. Table 四 has no row label: its value
row is the numbered row under its header. Nothing is assigned by position alone except a row whose
header is missing and whose value cells are exactly as many as its block has columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..formats.layout import grid
from ..formats.types import CellKind, Column, ReportFormat, Table
from .account import Unmatched
from .labels import fold, key, short_key
from .source import Cell, TableBlock

BLANKS = {"", "/", "／", "-", "—", "——", "－", "--", "无", "空", "\\", "、", "–", "一"}
_COUNT = re.compile(r"\d+")
_SIGNED = re.compile(r"[+-]?\d+")
_MONEY = re.compile(r"\d+(\.\d+)?")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNIT = re.compile(r"(件|条|个|起|宗|项|份|次|人次)$")
T4_ROW = "cases"


def clean_number(text: str) -> str:
    t = "".join(fold(text).split())
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    return t


def parse_value(kind: CellKind, text: str, money_unit: str = ""):
    """-> (value, None) or (None, why). Blank-like cells give (None, "")."""
    t = clean_number(text)
    if t in BLANKS or t.replace("—", "").replace("-", "") == "":
        return None, ""
    if kind is CellKind.MONEY:
        if money_unit and t.endswith(money_unit):
            t = t[: -len(money_unit)]
        if _MONEY.fullmatch(t):
            try:
                Decimal(t)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                return None, "不是金额"
            return t, None
        return None, "不是金额（只认数字，单位须与表头一致）"
    t = _UNIT.sub("", t)
    if kind is CellKind.SIGNED:
        if _SIGNED.fullmatch(t):
            return int(t), None
        return None, "不是增减数"
    if _COUNT.fullmatch(t):
        return int(t), None
    return None, "不是件数（应为不小于0的整数）"


def looks_numeric(text: str) -> bool:
    t = clean_number(text)
    return bool(_SIGNED.fullmatch(_UNIT.sub("", t)) or _MONEY.fullmatch(t))


@dataclass
class ColumnPath:
    leaf: set[str]
    ancestors: set[str]


@dataclass
class Labels:
    """The format's labels as keys: rows, header words, column header paths."""

    fmt: ReportFormat
    rows: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key -> [(table id, row id)]
    markers: dict[str, set[str]] = field(default_factory=dict)  # header word key -> table ids
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # block title key -> (table, block)
    paths: dict[tuple[str, str], ColumnPath] = field(default_factory=dict)  # (table, column id) -> path

    @classmethod
    def of(cls, fmt: ReportFormat) -> Labels:
        lab = cls(fmt)
        for table in fmt.tables:
            for block in table.blocks:
                if block.title:
                    lab.titles[key(block.title)] = (table.id, block.id)
                for row in block.rows:
                    if table.id == "table4":
                        continue
                    keys = {key(row.label), short_key(row.label)}
                    for k in keys:
                        lab.rows.setdefault(k, [])
                        if (table.id, row.id) not in lab.rows[k]:
                            lab.rows[k].append((table.id, row.id))
                if block.label_header:
                    lab.markers.setdefault(key(block.label_header), set()).add(table.id)
                for line in block.header:
                    for span in line:
                        for k in (key(span.text), short_key(span.text)):
                            lab.markers.setdefault(k, set()).add(table.id)
                for col in block.columns:
                    for k in (key(col.label), short_key(col.label)):
                        lab.markers.setdefault(k, set()).add(table.id)
            lab._paths(table)
        return lab

    def _paths(self, table: Table) -> None:
        g = grid(table)
        titles = sorted(c.row for c in g.cells if c.role == "title")
        headers = [c for c in g.cells if c.role == "header"]
        for cell in g.cells:
            if cell.ref is None:
                continue
            start = max([t for t in titles if t < cell.row], default=-1)
            above = sorted((h for h in headers if start < h.row < cell.row
                            and h.col <= cell.col < h.col + h.colspan), key=lambda h: h.row)
            if not above:
                continue
            leaf = above[-1].text
            col_id = cell.ref[1]
            self.paths[(table.id, col_id)] = ColumnPath(
                {key(leaf), short_key(leaf)}, {key(h.text) for h in above[:-1]})

    def match_row(self, label: str) -> tuple[str, str] | None:
        for k in (key(label), short_key(label)):
            hits = self.rows.get(k)
            if hits and len(hits) == 1:
                return hits[0]
        k = key(label)
        if len(k) >= 4:  # a group label printed in the same cell: 「（三）不予公开 1.属于国家秘密」
            longest = [(rk, v) for rk, v in self.rows.items() if len(rk) >= 4 and k.endswith(rk) and len(v) == 1]
            if longest:
                return max(longest, key=lambda kv: len(kv[0]))[1][0]
        return None


@dataclass
class Reading:
    values: dict[tuple[str, str, str], object] = field(default_factory=dict)  # (table, row, column)
    unmatched: list[Unmatched] = field(default_factory=list)
    unfilled: list[Unmatched] = field(default_factory=list)
    positional: set[str] = field(default_factory=set)  # tables with a row read by position (no header)
    tables_seen: set[str] = field(default_factory=set)


class TableReader:
    def __init__(self, fmt: ReportFormat):
        self.fmt = fmt
        self.labels = Labels.of(fmt)
        self.reading = Reading()
        self.header: dict[int, list[tuple[tuple[int, int], str]]] = {}  # grid column -> header cells
        self.header_width = 0
        self.in_header = False
        self.context: str | None = None  # table id the latest header belongs to
        self.t4_done = False
        self._columns: dict = {}

    # ---- rows ---------------------------------------------------------------------------------
    def read(self, table: TableBlock, table_no: int) -> None:
        if table.width != self.header_width:
            self.header, self.in_header = {}, False  # a header only carries over to a same-shaped table
            self._columns = {}
        for r, row in enumerate(table.rows):
            self._row(row, table, table_no, r)

    def _distinct(self, row: list[Cell]) -> list[tuple[Cell, int, int]]:
        """Cells of a grid row, each once: (cell, first column, last column + 1)."""
        out, seen = [], {}
        for c, cell in enumerate(row):
            if cell.origin in seen:
                out[seen[cell.origin]] = (cell, out[seen[cell.origin]][1], c + 1)
            else:
                seen[cell.origin] = len(out)
                out.append((cell, c, c + 1))
        return out

    def _row(self, row: list[Cell], table: TableBlock, table_no: int, r: int) -> None:
        cells = self._distinct(row)
        texts = [c.text for c, _, _ in cells if c.text.strip()]
        if not texts:
            return
        if len(texts) == 1 and key(texts[0]) in self.labels.titles:
            self.context = self.labels.titles[key(texts[0])][0]
            self.header, self.in_header = {}, False
            self._columns = {}
            return
        marker_hits: dict[str, int] = {}
        n_markers = 0
        for c, _, _ in cells:
            tables = self.labels.markers.get(key(c.text)) or self.labels.markers.get(short_key(c.text))
            if tables:
                n_markers += 1
                for t in tables:
                    marker_hits[t] = marker_hits.get(t, 0) + 1
        numeric = sum(looks_numeric(c.text) for c, _, _ in cells)
        row_match = self._row_label(cells)
        if numeric == 0 and (n_markers >= 2 or (n_markers == 1 and row_match is None)):
            self._header_row(cells, marker_hits, table.width)
            return
        self.in_header = False
        if row_match is None and self.context == "table4" and numeric and not self.t4_done:
            # Table 四's value row has no label; a label column some reports add (「案件数」) is left of the values.
            row_match = ("table4", T4_ROW, self._first_value_column() or 0)
        if row_match is None:
            if numeric:
                shown = " | ".join(texts)[:120]
                self.reading.unmatched.append(Unmatched(f"第{table_no}个表格第{r + 1}行", shown,
                                                        "：找不到对应的表格行，未读取"))
            return
        table_id, row_id, label_end = row_match
        if table_id == "table4":
            self.t4_done = True
        self.reading.tables_seen.add(table_id)
        self._values(cells, table_id, row_id, label_end, table_no, r)

    def _header_row(self, cells, marker_hits: dict[str, int], width: int) -> None:
        if not self.in_header:
            self.header = {}
        self._columns = {}
        self.in_header = True
        self.header_width = width
        if marker_hits:
            best = max(marker_hits.values())
            leaders = [t for t, n in marker_hits.items() if n == best]
            if len(leaders) == 1 or self.context not in leaders:
                self.context = sorted(leaders)[0] if len(leaders) > 1 else leaders[0]
            if self.context == "table4":
                self.t4_done = False
        for cell, c0, c1 in cells:
            if not cell.text.strip():
                continue
            for c in range(c0, c1):
                path = self.header.setdefault(c, [])
                if not path or path[-1][0] != cell.origin:
                    path.append((cell.origin, cell.text))

    def _row_label(self, cells) -> tuple[str, str, int] | None:
        """(table, row, first column after the label) of a data row, from its rightmost label."""
        value_start = self._first_value_column()
        candidates = []
        for cell, c0, c1 in cells:
            if value_start is not None and c0 >= value_start:
                break
            if cell.text.strip() and not looks_numeric(cell.text):
                candidates.append((cell, c1))
        # Only the innermost label names the row: a group label to its left (（六）其他处理 over its
        # sub-rows) must not be read as a row of its own.
        if candidates:
            cell, c1 = candidates[-1]
            hit = self.labels.match_row(cell.text)
            if hit:
                return (*hit, c1)
        return None

    def _first_value_column(self) -> int | None:
        cols = [c for c in self.header if self._column_for(self.context, c, None) is not None]
        return min(cols) if cols else None

    # ---- columns ------------------------------------------------------------------------------
    def _column_for(self, table_id: str | None, c: int, block_columns) -> Column | None:
        # Asked for every cell of every row: remembered until the header changes (self._columns is reset).
        memo = (table_id, c, tuple(col.id for col in block_columns) if block_columns is not None else None,
                len(self.header.get(c, ())))
        if memo not in self._columns:
            self._columns[memo] = self._match_column(table_id, c, block_columns)
        return self._columns[memo]

    def _match_column(self, table_id: str | None, c: int, block_columns) -> Column | None:
        path = self.header.get(c)
        if not path or table_id is None:
            return None
        table = self.fmt.table(table_id)
        seen = set()
        for _, text in path:
            seen |= {key(text), short_key(text)}
        leaf_key = {key(path[-1][1]), short_key(path[-1][1])}
        columns = block_columns if block_columns is not None else [c for b in table.blocks for c in b.columns]
        cands = []
        for col in columns:
            p = self.labels.paths.get((table_id, col.id))
            if p and p.leaf & leaf_key:
                cands.append((len(p.ancestors & seen), col))
        if not cands:
            return None
        best = max(n for n, _ in cands)
        top = {col.id: col for n, col in cands if n == best}
        return next(iter(top.values())) if len(top) == 1 else None

    def _values(self, cells, table_id: str, row_id: str, label_end: int, table_no: int, r: int) -> None:
        table = self.fmt.table(table_id)
        block, row = table.row(row_id)
        value_cells = [(cell, c0, c1) for cell, c0, c1 in cells if c0 >= label_end]
        assigned: dict[str, tuple[str, Cell]] = {}
        unplaced = []
        header_fits = self.context == table_id or any(
            self._column_for(table_id, c, block.columns) for c in self.header)
        for cell, c0, c1 in value_cells:
            cols = {col.id: col for c in range(c0, c1)
                    if (col := self._column_for(table_id, c, block.columns)) is not None} if header_fits else {}
            if len(cols) == 1:
                col = next(iter(cols.values()))
                if col.id in assigned and assigned[col.id][1].text.strip() and cell.text.strip():
                    unplaced.append((cell, c0, "：与同一列的另一格重复，未读取"))
                    continue
                if col.id not in assigned or cell.text.strip():
                    assigned[col.id] = (col.id, cell)
            elif cell.text.strip():
                unplaced.append((cell, c0, "：找不到对应的列，未读取"))
        if not assigned and not self.header:  # no header at all (e.g. a continuation table without one)
            nonempty = [(cell, c0) for cell, c0, _ in value_cells if cell.text.strip()]
            if len(nonempty) == len(block.columns) or len(value_cells) == len(block.columns):
                chosen = nonempty if len(nonempty) == len(block.columns) else [(c, c0) for c, c0, _ in value_cells]
                for col, (cell, _) in zip(block.columns, chosen, strict=True):
                    assigned[col.id] = (col.id, cell)
                unplaced = []
                self.reading.positional.add(table_id)
        for cell, c0, why in unplaced:
            head = self.header.get(c0)
            under = f"（表头「{head[-1][1]}」）" if head else ""
            where = f"{table.name}「{row.display}」行第{c0 + 1}列{under}"
            self.reading.unmatched.append(Unmatched(where, cell.text, why))
        for col_id, (_, cell) in assigned.items():
            col = table.column(row_id, col_id)
            where = table.cell_name(row_id, col_id)
            value, why = parse_value(col.kind, cell.text, self.fmt.money_unit)
            k = (table_id, row_id, col_id)
            if value is None:
                if why:
                    self.reading.unmatched.append(Unmatched(where, cell.text, f"{why}，未填写"))
                elif k not in self.reading.values and not table.is_computed(row, col):
                    self.reading.unfilled.append(Unmatched(where, cell.text.strip(), ""))
                continue
            if k in self.reading.values and self.reading.values[k] != value:
                before = self.reading.values[k]
                self.reading.unmatched.append(Unmatched(
                    where, cell.text, f"：文件中此格出现两次且数值不同（先前为{before}），保留先前的数值"))
                continue
            self.reading.values[k] = value
            self.reading.unfilled = [u for u in self.reading.unfilled if u.where != where]
