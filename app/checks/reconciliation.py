"""Rule 1, table 三's 勾稽关系: for every applicant column and the 总计 column, 一+二 = （七）总计+四."""

from __future__ import annotations

from .findings import Finding, Severity

_NONE: dict = {}  # read only: a row the draft has no values in


def balance(ctx) -> list[Finding]:
    out = []
    for rule in ctx.format.balances:
        table = ctx.format.table(rule.table)
        block, _ = table.row(rule.lhs[0])
        totals, values = ctx.totals[table.id], ctx.draft.tables.get(table.id, _NONE)
        for col in block.columns:
            a = _column_sum(totals, values, rule.lhs, col.id)
            b = _column_sum(totals, values, rule.rhs, col.id)
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


def _column_sum(totals: dict, values: dict, rows: tuple[str, ...], col_id: str) -> int | None:
    """One column added up over `rows` (a total from `totals`, an input cell from the table's `values`);
    None unless every cell of it is complete. (Looked up here, not through ctx.value: this runs for every
    column on every edit.)"""
    total = 0
    for row_id in rows:
        t = totals.get((row_id, col_id))
        if t is None:
            v = values.get(row_id, _NONE).get(col_id)
            if v is None:
                return None
        elif t.complete:
            v = t.value
        else:
            return None
        total += v
    return total
