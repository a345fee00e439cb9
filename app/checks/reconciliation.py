"""Rule 1, table 三's 勾稽关系: for every applicant column and the 总计 column, 一+二 = （七）总计+四."""

from __future__ import annotations

from .findings import Finding, Severity


def balance(ctx) -> list[Finding]:
    out = []
    for rule in ctx.format.balances:
        table = ctx.format.table(rule.table)
        block, _ = table.row(rule.lhs[0])
        for col in block.columns:
            a, b = _column_sum(ctx, table.id, rule.lhs, col.id), _column_sum(ctx, table.id, rule.rhs, col.id)
            if a is None or b is None:
                continue  # unfinished columns are reported as missing cells, not as errors
            if a != b:
                short = {r.id: r.short or r.label for r in block.rows}
                out.append(Finding(
                    Severity.ERROR, rule.id,
                    f"{table.name}「{col.display}」列：{'+'.join(short[r] for r in rule.lhs)}={a}，"
                    f"{'+'.join(short[r] for r in rule.rhs)}={b}，相差{abs(a - b)}",
                    table=table.id, row=rule.rhs[0], column=col.id,
                ))
    return out


def _column_sum(ctx, table_id: str, rows: tuple[str, ...], col_id: str) -> int | None:
    """One column added up over `rows`; None unless every cell of it is complete."""
    total = 0
    for row_id in rows:
        t = ctx.value(table_id, row_id, col_id)
        if not t.complete:
            return None
        total += t.value
    return total
