"""Rule 11: section 六 must report 信息处理费 when table 三 shows applications dropped for unpaid fees.

The 2021 format made section 六 the place for the 信息处理费 the agency charged (国办函〔2020〕109号);
reports write e.g. "2024年，无收取信息处理费情况。" even when nothing was charged. A section 六 that
mentions the fee as charged (收取、收费, or fee notices counted in table 三) must also say what was
charged: an amount (「共收取信息处理费300元」「0元」) or that none was (「未收取」).
"""

from __future__ import annotations

import re

from .findings import Finding, Severity

KEYWORD = "信息处理费"
_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:万)?元|[零〇一二两三四五六七八九十百千万]+(?:万)?元")
_NONE = re.compile(r"(?:未|无|没有|不|免)(?:予|曾|再)?(?:收取|收|产生|发生|涉及|征收)")
_CHARGED = re.compile(r"收取|收费|缴纳|缴费")


def fee_statement(ctx) -> list[Finding]:
    fmt, draft = ctx.format, ctx.draft
    if not fmt.fee_row:
        return []
    text = draft.section(fmt.fee_section).text + draft.fee_statement
    table = next(t for t in fmt.tables if fmt.fee_row in t.specs)
    block, row = table.row(fmt.fee_row)
    total_col = next(c for c in block.columns if c.computed)
    dropped = ctx.value(table.id, row.id, total_col.id).value or 0
    heading = fmt.section(fmt.fee_section).heading
    if KEYWORD in text:
        if _AMOUNT.search(text) or _NONE.search(text) or not (dropped > 0 or _CHARGED.search(text)):
            return []
        field = "fee_statement" if KEYWORD in draft.fee_statement else f"{fmt.fee_section}.text"
        field_text = draft.fee_statement if field == "fee_statement" else draft.section(fmt.fee_section).text
        why = (f"{table.cell_name(row.id, total_col.id)}为{dropped}件（发出过收费通知）"
               if dropped > 0 else "正文提到了收费")
        return [Finding(Severity.WARNING, "fee-statement",
                        f"{why}，但「{heading}」没有写明收取了多少信息处理费：请写明金额（如「共收取信息处理费"
                        f"300元」），没有收取的写明「未收取」",
                        section=fmt.fee_section, field=field, start=0, end=len(field_text))]
    if dropped > 0:
        return [Finding(Severity.ERROR, "fee-statement",
                        f"{table.cell_name(row.id, total_col.id)}为{dropped}件（逾期未缴纳信息处理费），"
                        f"「{heading}」必须说明信息处理费的收取情况",
                        table=table.id, row=row.id, column=total_col.id, section=fmt.fee_section)]
    return [Finding(Severity.WARNING, "fee-statement",
                    f"「{heading}」应说明信息处理费的收取情况，没有收费的也要写明，"
                    f"例如：「{draft.year}年，无收取信息处理费情况。」",
                    section=fmt.fee_section)]
