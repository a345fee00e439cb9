"""Rule 8 (2021 format): 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数, for 规章 and
行政规范性文件. Across the 2020→2021 change of format there is no last year's 现行有效件数: no finding."""

from __future__ import annotations

from .findings import Finding, Severity


def in_force_rollforward(ctx) -> list[Finding]:
    prev = ctx.draft.previous
    if prev is None or prev.format_id != "2021" or ctx.format.id != "2021":
        return []
    table = ctx.format.table("table2")
    out = []
    for row_id, last in prev.in_force.items():
        try:
            _, row = table.row(row_id)
        except KeyError:
            continue
        issued = ctx.draft.get(table.id, row_id, "issued")
        repealed = ctx.draft.get(table.id, row_id, "repealed")
        now = ctx.draft.get(table.id, row_id, "in_force")
        if None in (issued, repealed, now):
            continue
        expected = last + issued - repealed
        if now != expected:
            out.append(Finding(
                Severity.WARNING, "in-force-rollforward",
                f"表二「{row.label}」现行有效件数为{now}件，但{prev.label}现行有效{last}件＋本年制发{issued}件"
                f"－本年废止{repealed}件＝{expected}件，相差{abs(now - expected)}件（如有其他原因请在正文中说明）",
                table=table.id, row=row_id, column="in_force"))
    return out
