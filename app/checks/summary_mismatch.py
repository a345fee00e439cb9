"""summary-mismatch: an area's own report must agree, cell by cell, with the sum of its units' reports.

Not one of the per-draft RULES: it needs the units too, so the 汇总 (app/summary.py) applies it when the
collecting office gives its area-wide report. Each difference names the cell, both numbers and the units
whose figures make up the sum, so the office knows whom to ask.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .findings import Finding, Severity

SHOWN_UNITS = 10  # a province sums thousands of units; a message names the first few


def summary_mismatch(area, units_sum, contributors: Callable[[str, str, str], list[tuple[str, object]]]
                     ) -> list[Finding]:
    """`area` and `units_sum` are drafts of one format; `contributors(table, row, column)` lists the
    units with a non-zero value in that cell, as (name, value)."""
    out = []
    for table in area.format.tables:
        for _, row, col in table.input_cells():
            total = units_sum.get(table.id, row.id, col.id)
            if total is None:
                continue  # the units' sum is incomplete there: listed by the summary, nothing to compare
            stated = area.get(table.id, row.id, col.id)
            if stated is not None and _equal(stated, total):
                continue
            units = contributors(table.id, row.id, col.id)
            who = "、".join(f"{name}{value}" for name, value in units[:SHOWN_UNITS])
            if len(units) > SHOWN_UNITS:
                who += f"等{len(units)}个单位"
            who = f"；填报此格的单位：{who}" if units else "；各单位此格均为0"
            if stated is None:
                what = f"本地区报告未填写，各单位合计为{total}"
            else:
                what = f"本地区报告为{stated}，各单位合计为{total}，相差{_difference(stated, total)}"
            out.append(Finding(Severity.ERROR, "summary-mismatch", f"{table.cell_name(row.id, col.id)}：{what}{who}",
                               table=table.id, row=row.id, column=col.id))
    return out


def _equal(a, b) -> bool:
    return Decimal(a) == Decimal(b) if isinstance(a, str) or isinstance(b, str) else a == b


def _difference(a, b) -> str:
    d = Decimal(a) - Decimal(b) if isinstance(a, str) or isinstance(b, str) else a - b
    return f"{d:+}" if not isinstance(d, Decimal) else ("+" if d > 0 else "") + format(d, "f")
