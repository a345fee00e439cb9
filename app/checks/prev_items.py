"""Rule 9 (2019 format): this year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减."""

from __future__ import annotations

from ..cells import display
from ..formats import CellKind
from .findings import Finding, Severity


def prev_items(ctx) -> list[Finding]:
    prev = ctx.draft.previous
    if prev is None or prev.format_id != "2019" or ctx.format.id != "2019":
        return []
    table = ctx.format.table("table2")
    out = []
    for row_id, last in prev.items.items():
        if "prev_items" not in last or "change" not in last:
            continue
        try:
            block, row = table.row(row_id)
        except KeyError:
            continue
        now = ctx.draft.get(table.id, row_id, "prev_items")
        expected = last["prev_items"] + last["change"]
        if now is None or now == expected:
            continue
        out.append(Finding(
            Severity.WARNING, "prev-items",
            f"{table.cell_name(row_id, 'prev_items')}为{now}，但{prev.label}上一年项目数量{last['prev_items']}"
            f"{display(CellKind.SIGNED, last['change'])}（本年增/减）＝{expected}，两者应相等",
            table=table.id, row=row_id, column="prev_items"))
    return out
