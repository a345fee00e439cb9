"""Rule 7: this year's 二、上年结转 equals last year's 四、结转下年度继续办理, column by column.

Needs the previous-year record (`Draft.previous`: from `new --from`, or `check --previous`). Works across
the 2020→2021 change of format: table 三's columns are the same in both.
"""

from __future__ import annotations

from .findings import Finding, Severity


def carry_over(ctx) -> list[Finding]:
    prev = ctx.draft.previous
    if prev is None or not prev.carried_over:
        return []
    table = ctx.format.table("table3")
    block, _ = table.row("carried_in")
    out = []
    for col in block.columns:
        if col.id not in prev.carried_over:
            continue
        now = ctx.value(table.id, "carried_in", col.id)
        if not now.complete or now.value == prev.carried_over[col.id]:
            continue
        out.append(Finding(
            Severity.WARNING, "carry-over",
            f"{table.cell_name('carried_in', col.id)}为{now.value}件，但{prev.label}"
            f"「四、结转下年度继续办理」「{col.display}」列为{prev.carried_over[col.id]}件，两者应相等",
            table=table.id, row="carried_in", column=col.id))
    return out
