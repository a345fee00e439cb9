"""Rule 11: section 六 must report 信息处理费 when table 三 shows applications dropped for unpaid fees.

The 2021 format made section 六 the place for the 信息处理费 the agency charged (国办函〔2020〕109号);
reports write e.g. "2024年，无收取信息处理费情况。" even when nothing was charged.
"""

from __future__ import annotations

from .findings import Finding, Severity

KEYWORD = "信息处理费"


def fee_statement(ctx) -> list[Finding]:
    fmt, draft = ctx.format, ctx.draft
    if not fmt.fee_row:
        return []
    text = draft.section(fmt.fee_section).text + draft.fee_statement
    if KEYWORD in text:
        return []
    table = next(t for t in fmt.tables if any(r.id == fmt.fee_row for _, r in t.rows()))
    block, row = table.row(fmt.fee_row)
    total_col = next(c for c in block.columns if c.computed)
    dropped = ctx.value(table.id, row.id, total_col.id).value or 0
    heading = fmt.section(fmt.fee_section).heading
    if dropped > 0:
        return [Finding(Severity.ERROR, "fee-statement",
                        f"{table.cell_name(row.id, total_col.id)}为{dropped}件（逾期未缴纳信息处理费），"
                        f"「{heading}」必须说明信息处理费的收取情况",
                        table=table.id, row=row.id, column=total_col.id, section=fmt.fee_section)]
    return [Finding(Severity.WARNING, "fee-statement",
                    f"「{heading}」应说明信息处理费的收取情况，没有收费的也要写明，"
                    f"例如：「{draft.year}年，无收取信息处理费情况。」",
                    section=fmt.fee_section)]
