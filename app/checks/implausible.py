"""An implausible number in tables 三 and 四: more than a million applications or cases (an extra digit,
or a figure pasted into the wrong cell), or ten times last year's figure when last year is known.

A warning, not an error: the clerk confirms the figure or corrects it. Last year's figures come from the
draft's previous-year record (app/previous.py keeps tables 三/四 cell by cell); `ctx.previous` may
replace it with anything that has a draft's `get(table, row, column)`, e.g. last year's draft itself.
"""

from __future__ import annotations

from ..cells import CellKind
from .findings import Finding, Severity

TABLES = ("table3", "table4")  # applications and cases: counts a single agency can plausibly have
LIMIT = 1_000_000
GROWTH = 10  # this many times last year's figure …
GROWTH_FLOOR = 100  # … and at least this much, so 3 → 40 is not flagged
_NONE: dict = {}  # read only: a table or row the draft has no values in


def implausible_values(ctx) -> list[Finding]:
    previous = getattr(ctx, "previous", None) or ctx.draft.previous
    smallest_flagged = LIMIT + 1 if previous is None else GROWTH_FLOOR
    out = []
    for table in ctx.format.tables:
        if table.id not in TABLES:
            continue
        values = ctx.draft.tables.get(table.id, _NONE)
        if _largest(table, ctx.inputs[table.id]) < smallest_flagged:
            continue  # the common case: every figure too small to flag, no need to walk the cells
        for _, row, col in table.input_cells():
            if col.kind is not CellKind.COUNT:
                continue
            value = values.get(row.id, _NONE).get(col.id)
            if not isinstance(value, int):
                continue
            if value > LIMIT:
                name = table.cell_name(row.id, col.id)  # only for a finding: this runs on every edit
                out.append(Finding(Severity.WARNING, "implausible-value",
                                   f"{name}填了 {value}，超过一百万，请核对是否多打了数字",
                                   table=table.id, row=row.id, column=col.id))
                continue
            if previous is None or value < GROWTH_FLOOR:
                continue  # no last year to compare with, or too small to matter
            last = _last_year(previous, table.id, row.id, col.id)
            if last is not None and value > GROWTH * max(last, 1):
                name = table.cell_name(row.id, col.id)
                out.append(Finding(Severity.WARNING, "implausible-value",
                                   f"{name}填了 {value}，是上一年度（{last}）的十倍以上，请核对",
                                   table=table.id, row=row.id, column=col.id))
    return out


def _largest(table, inputs: list) -> int:
    """The largest whole number among a table's input values (0 for none)."""
    if table.counts_only:  # ints and None only: the nonzero ones compared in C
        return max(filter(None, inputs), default=0)
    return max((v for v in inputs if type(v) is int), default=0)


def _last_year(previous, table_id: str, row_id: str, col_id: str) -> int | None:
    """Last year's figure of the same cell; None when unknown (no record, or a cell its format lacks)."""
    if previous is None:
        return None
    value = previous.get(table_id, row_id, col_id)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
