"""Last year's report, as far as this year's checks need it, and starting this year's draft from it.

The draft keeps a small previous-year record (`Draft.previous`) so the cross-year rules still work when
last year's file is gone: table 三's 四、结转下年度继续办理 per column (rule 7), table 二's 现行有效件数
(2021 format, rule 8) or 上一年项目数量 and 本年增/减 (2019 format, rule 9), and a fingerprint of each
section's sentences (rule 12, and the window's 「与上年相同」 marks), and tables 三/四's input counts cell by
cell (the implausible-value rule's 「ten times last year's」).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

COMPARED_TABLES = ("table3", "table4")  # counts kept cell by cell for the implausible-value rule
MAX_FINGERPRINTS = 5000  # per section; a real section has tens of sentences

Count = Annotated[int, Field(ge=0)]
Signed = int
Prints = Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=MAX_FINGERPRINTS)]


class PreviousYear(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=2000, le=2100)
    format_id: str
    source: str = ""  # the file it was taken from, for messages
    carried_over: dict[str, Count] = Field(default_factory=dict)  # table 三 column id -> 四、结转下年度
    in_force: dict[str, Count] = Field(default_factory=dict)  # 2021: table 二 row id -> 现行有效件数
    items: dict[str, dict[str, Signed]] = Field(default_factory=dict)  # 2019: row -> {prev_items, change}
    sections: dict[str, Prints] = Field(default_factory=dict)  # section id -> sentence fingerprints
    counts: dict[str, dict[str, dict[str, Count]]] = Field(default_factory=dict)  # 三/四: table -> row -> col

    def get(self, table_id: str, row_id: str, col_id: str) -> int | None:
        """Last year's count in a cell of table 三 or 四, as a draft's `get` (None: not known)."""
        return self.counts.get(table_id, {}).get(row_id, {}).get(col_id)

    @property
    def label(self) -> str:
        return f"{self.year}年度报告"


def record_of(last, source: str = "") -> PreviousYear:
    """The previous-year record of draft `last` (complete values only: a blank is never taken as 0)."""
    from .compute import computed_cells, value_of
    from .sentences import section_fingerprints

    fmt = last.format
    t3 = fmt.table("table3")
    totals = computed_cells(last, "table3")
    carried = {}
    block, _ = t3.row("carried_over")
    for col in block.columns:
        t = value_of(last, totals, "table3", "carried_over", col.id)
        if t.complete and t.value is not None:
            carried[col.id] = t.value
    in_force, items = {}, {}
    t2 = fmt.table("table2")
    for _, row, col in t2.input_cells():
        v = last.get("table2", row.id, col.id)
        if v is None:
            continue
        if col.id == "in_force":
            in_force[row.id] = v
        elif col.id in ("prev_items", "change"):
            items.setdefault(row.id, {})[col.id] = v
    counts = {tid: rows for tid in COMPARED_TABLES if (rows := last.tables.get(tid))}
    return PreviousYear(year=last.year, format_id=fmt.id, source=source, carried_over=carried,
                        in_force=in_force, items=items, sections=section_fingerprints(last),
                        counts=copy.deepcopy(counts))


def load_last(path) -> tuple:
    """Last year's report from a draft, a .docx or a web page -> (Draft, source name, import account or None)."""
    from .errors import DraftError
    from .storage import DRAFT_SUFFIX, load_draft

    path = Path(path)
    if path.suffix.lower() in (DRAFT_SUFFIX, ".json", ".bak"):
        return load_draft(path), path.name, None
    from .importer import SUFFIXES, import_report

    if path.suffix.lower() not in SUFFIXES:
        raise DraftError(f"「{path.name}」不是上一年度的报告：请选择草稿（.nianbao）、Word文档（.docx）或网页（.html）")
    result = import_report(path)
    return result.draft, path.name, result.account


_CN = "〇一二三四五六七八九"


def advance_years(text: str, old: int, new: int) -> str:
    """「2025年」 -> 「2026年」, 「二〇二五年」 -> 「二〇二六年」 (only the report year followed by 年, so
    〔2021〕30号 stays)."""
    text = re.sub(rf"(?<!\d){old}(\s*年)", rf"{new}\1", text)
    for zero in "〇零○":
        cn_old = "".join(_CN[int(ch)] for ch in str(old)).replace("〇", zero)
        cn_new = "".join(_CN[int(ch)] for ch in str(new)).replace("〇", zero)
        text = text.replace(cn_old + "年", cn_new + "年")
    return text


def start_from(last, year: int | None = None, source: str = ""):
    """This year's draft from last year's: see the module docstring and STATUTORY_FORMATS.md rules 7-9."""
    from .draft import SectionText, SubPart, new_draft

    year = year if year is not None else last.year + 1
    draft = new_draft(year, last.agency)
    fmt = draft.format
    draft.title_lines = [advance_years(t, last.year, year) for t in last.title_lines] or draft.title_lines
    if last.preamble.strip():
        draft.preamble = advance_years(last.preamble, last.year, year)
    for sec in fmt.sections:
        old = last.section(sec.id)
        if old.is_empty():
            continue
        draft.sections[sec.id] = SectionText(text=old.text, parts=[SubPart(title=p.title, text=p.text)
                                                                   for p in old.parts])
    if fmt.fee_row and last.format.fee_row:
        draft.fee_statement = last.fee_statement
    record = record_of(last, source)
    # 二、上年结转 = last year's 四、结转下年度继续办理, column by column (the total column is computed).
    t3 = fmt.table("table3")
    for col in t3.row("carried_in")[0].columns:
        if not col.computed and col.id in record.carried_over:
            draft.set("table3", "carried_in", col.id, record.carried_over[col.id])
    # 2019 format: this year's 上一年项目数量 is last year's 上一年项目数量 + 本年增/减.
    if fmt.id == "2019" and last.format.id == "2019":
        for row_id, v in record.items.items():
            if "prev_items" in v and "change" in v and v["prev_items"] + v["change"] >= 0:
                draft.set("table2", row_id, "prev_items", v["prev_items"] + v["change"])
    draft.previous = record
    return draft


def unchanged_sections(draft) -> dict[str, tuple[int, int]]:
    """Section id -> (sentences the same as last year, sentences counted), for sections with text."""
    from .sentences import fingerprint, sentences

    if draft.previous is None:
        return {}
    out = {}
    for sec in draft.format.sections:
        old = set(draft.previous.sections.get(sec.id, ()))
        prints = [p for s in sentences(draft, sec.id) if s.field != "fee_statement" if (p := fingerprint(s.text))]
        if prints:
            out[sec.id] = (sum(p in old for p in prints), len(prints))
    return out
