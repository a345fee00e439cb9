"""Generated unit reports for the 汇总 tests and bench: complete, consistent drafts with varied numbers."""

from __future__ import annotations

import random

from core_helpers import APPLICANTS, OUTCOMES, YEAR

from app.draft import Draft, new_draft


def unit_draft(seed: int, fid: str = "2021", agency: str | None = None, year: int | None = None) -> Draft:
    """A unit's complete report whose tables add up (一+二 = （七）总计+四 in every column)."""
    rnd = random.Random(seed)
    d = new_draft(year or YEAR[fid], agency if agency is not None else f"第{seed}单位", fid)
    for table in d.format.tables:
        if table.id == "table3":
            continue
        for _, row, col in table.input_cells():
            if col.kind.value == "money":
                d.set(table.id, row.id, col.id, f"{rnd.randint(0, 500)}.{rnd.randint(0, 999999):06d}")
            elif col.kind.value == "signed":
                d.set(table.id, row.id, col.id, rnd.randint(-20, 20))
            else:
                d.set(table.id, row.id, col.id, rnd.randint(0, 60))
    for applicant in APPLICANTS:
        outcomes = {r: rnd.choice((0, 0, 0, 1, 2, rnd.randint(0, 30))) for r in OUTCOMES[fid]}
        carried_over = rnd.randint(0, 3)
        total = sum(outcomes.values()) + carried_over
        carried_in = rnd.randint(0, min(3, total))
        for r, v in outcomes.items():
            d.set("table3", r, applicant, v)
        d.set("table3", "carried_over", applicant, carried_over)
        d.set("table3", "carried_in", applicant, carried_in)
        d.set("table3", "new_received", applicant, total - carried_in)
    d.section("overview").text = f"{d.year}年，{d.agency}认真贯彻落实《条例》，扎实推进政府信息公开工作。"
    d.section("problems").text = ("一是部分科室对主动公开的认识不足，信息报送不够及时。二是政策解读形式较为单一。\n"
                                  "下一步，将加强培训和督促，落实信息报送责任；丰富图文、视频等解读形式。")
    d.section("other").text = "无其他需要报告的事项。"
    # 五 names problems and measures (one short sentence would be problems-empty)
    d.section("problems").text = "一是信息发布不够及时。二是解读形式单一。下一步将加强培训和督促。"
    d.fee_statement = f"{d.year}年，无收取信息处理费情况。" if fid == "2021" else ""
    return d


def input_values(draft: Draft) -> dict[tuple[str, str, str], object]:
    """Every filled input cell: (table, row, column) -> value."""
    return {(t, r, c): v for t, rows in draft.tables.items() for r, cols in rows.items() for c, v in cols.items()}
