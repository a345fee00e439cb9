"""Rule 1, table 三's 勾稽关系: for every applicant column and the 总计 column, 一+二 = （七）总计+四."""

from __future__ import annotations

from .findings import Finding, Severity


def balance(ctx) -> list[Finding]:
    out = []
    for rule in ctx.format.balances:
        table = ctx.format.table(rule.table)
        block, _ = table.row(rule.lhs[0])
        for col in block.columns:
            lhs = [ctx.value(table.id, r, col.id) for r in rule.lhs]
            rhs = [ctx.value(table.id, r, col.id) for r in rule.rhs]
            if not all(t.complete for t in lhs + rhs):
                continue  # unfinished columns are reported as missing cells, not as errors
            a, b = sum(t.value for t in lhs), sum(t.value for t in rhs)
            if a != b:
                short = {r.id: r.short or r.label for r in block.rows}
                out.append(Finding(
                    Severity.ERROR, rule.id,
                    f"{table.name}「{col.display}」列：{'+'.join(short[r] for r in rule.lhs)}={a}，"
                    f"{'+'.join(short[r] for r in rule.rhs)}={b}，相差{abs(a - b)}",
                    table=table.id, row=rule.rhs[0], column=col.id,
                ))
    return out
