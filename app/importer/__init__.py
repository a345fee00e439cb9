"""Importing an existing report (.docx or a saved web page) into a draft, with an account of what was read.

    from app.importer import import_report
    result = import_report(Path("2025年报.docx"))   # DraftError (Chinese, naming the file) if unreadable
    result.draft        # a Draft: unreadable values left unfilled, printed totals kept as stated totals
    result.account.lines()

No Qt here; the window shows `account.lines()` in a dialog, `nianbao import` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..draft import Draft, SectionText, SubPart, validate
from ..errors import DraftError
from ..filetypes import HTML_SUFFIXES, IMPORT_SUFFIXES, WORD_SUFFIXES
from ..formats import FIRST_YEAR, ReportFormat, format_for_year, get_format
from .account import ImportAccount, Unmatched
from .source import Para
from .tables import TableReader
from .text import _PART, FEE_WORD, TextReading, read_text

SUFFIXES = IMPORT_SUFFIXES
RUN_IN_TITLE_MAX = 40  # a run-in sub-part title ends at the first 。 within this many characters


@dataclass
class ImportResult:
    draft: Draft
    account: ImportAccount


def import_report(path) -> ImportResult:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise DraftError(f"找不到文件「{path}」")
    if path.is_dir():
        raise DraftError(f"「{path}」是一个文件夹，不是报告文件")
    if suffix == ".doc" or suffix == ".wps":
        raise DraftError(f"「{path.name}」是旧版Word/WPS格式，请在Word或WPS中另存为.docx后再导入")
    if suffix in WORD_SUFFIXES:
        from .docx_reader import read_docx

        blocks, kind, encoding = read_docx(path), "Word文档", ""
    elif suffix in HTML_SUFFIXES:
        from .html_reader import read_html

        blocks, encoding = read_html(path)
        kind = "网页"
    else:
        raise DraftError(f"「{path.name}」不是可导入的报告：请选择Word文档（.docx）或网页（.html/.htm）")
    return build(blocks, ImportAccount(file=path.name, kind=kind, encoding=encoding), path.name)


def build(blocks: list, account: ImportAccount, name: str) -> ImportResult:
    text = read_text(blocks)
    if text.year is None:
        raise DraftError(f"「{name}」中找不到报告年度（标题中应有如「2025年政府信息公开工作年度报告」的字样），"
                         "不像是政府信息公开工作年度报告")
    if text.year < FIRST_YEAR or text.year > 2100:
        raise DraftError(f"「{name}」是{text.year}年度的报告：本程序支持{FIRST_YEAR}年及以后的年度报告")
    if not text.headings_found and not text.tables:
        raise DraftError(f"「{name}」中既没有「一、总体情况」等标题，也没有统计表格，不像是政府信息公开工作年度报告")
    fmt, readers = _choose_format(text, account)
    reader = readers[fmt.id]
    data = {
        "format_id": fmt.id, "year": text.year, "agency": text.agency, "title_lines": text.title_lines,
        "preamble": "\n".join(p.strip() for p in text.preamble), "sections": {}, "fee_statement": "", "tables": {},
    }
    fee_lines: list[str] = []
    for section in fmt.sections:
        paras = text.sections.get(section.id, [])
        if section.id == fmt.fee_section and fmt.fee_row:
            fee_lines = [p.text for p in paras if FEE_WORD in p.text]
            paras = [p for p in paras if FEE_WORD not in p.text]
        if section.id == "overview":
            data["sections"][section.id] = _overview(paras).model_dump()
        else:
            data["sections"][section.id] = {"text": "\n".join(p.text.strip() for p in paras), "parts": []}
    data["fee_statement"] = "\n".join(fee_lines)
    for (tid, rid, cid), value in reader.reading.values.items():
        data["tables"].setdefault(tid, {}).setdefault(rid, {})[cid] = value
    draft = validate(data)
    _account(account, draft, text, reader)
    return ImportResult(draft, account)


def _choose_format(text: TextReading, account: ImportAccount) -> tuple[ReportFormat, dict]:
    """The format the year requires, unless every format-specific table in the file is of the other one."""
    readers = {}
    for fid in ("2019", "2021"):
        r = TableReader(get_format(fid))
        for no, (_, table) in enumerate(text.tables, 1):
            r.read(table, no)
        readers[fid] = r
    expected = format_for_year(text.year)
    other = get_format("2019" if expected.id == "2021" else "2021")

    def specific(fid: str) -> int:
        fmt = get_format(fid)
        t3 = fmt.table("table3")
        other_rows = {r.id for _, r in t3.rows() if r.group == "（六）其他处理" or r.id == "other"}
        return sum(1 for (tid, rid, _) in readers[fid].reading.values
                   if tid == "table2" or (tid == "table3" and rid in other_rows))

    if specific(other.id) > 0 and specific(expected.id) == 0:
        account.notes.append(f"这是{text.year}年度的报告，按规定应使用{expected.name}（{expected.document}），"
                             f"但文件中的表格是{other.name}的，已按{other.name}读取。")
        return other, readers
    if specific(other.id) > 0:
        account.notes.append(f"文件中有的表格是{other.name}的，与{text.year}年度应使用的{expected.name}不符；"
                             f"这些表格中的数值未读取，见下方「未能识别的内容」。")
    return expected, readers


def _overview(paras: list[Para]) -> SectionText:
    """Section 一: lead paragraphs, then sub-parts （一）（二）… numbered in order."""
    lead: list[str] = []
    parts: list[SubPart] = []
    body: list[str] = []
    expected = 1
    for p in paras:
        t = p.text.strip()
        m = _PART.match(t) if t else None
        number = _chinese_int(m.group(1)) if m else None
        if number == expected:
            if parts:
                parts[-1].text = "\n".join(body)
            body = []
            expected += 1
            title, rest = _split_part(p, t)
            parts.append(SubPart(title=title))
            if rest:
                body.append(rest)
            continue
        (body if parts else lead).append(t)
    if parts:
        parts[-1].text = "\n".join(body)
    return SectionText(text="\n".join(lead), parts=parts)


def _split_part(p: Para, t: str) -> tuple[str, str]:
    """（一）'s title and the text run in after it: by formatting when the file sets the title apart,
    else a short heading line, else up to the first 。 when that comes early."""
    m = _PART.match(t)
    after = t[m.end():] if m else t
    lead = p.lead.strip()
    if lead:
        lm = _PART.match(lead)
        if lm and len(lead) < len(t) and t.startswith(lead):
            return lead[lm.end():].strip(), t[len(lead):].strip()
    if "。" not in after[:-1] and len(after) <= RUN_IN_TITLE_MAX:
        return after.strip(), ""
    stop = after.find("。")
    if 0 < stop < RUN_IN_TITLE_MAX:
        return after[: stop + 1].strip(), after[stop + 1:].strip()
    return "", after.strip()


def _chinese_int(s: str) -> int:
    digits = "一二三四五六七八九"
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + digits.index(s[1]) + 1
    if "十" in s:
        a, _, b = s.partition("十")
        return (digits.index(a) + 1) * 10 + (digits.index(b) + 1 if b else 0)
    return digits.index(s) + 1 if s in digits else 0


def _account(account: ImportAccount, draft: Draft, text: TextReading, reader: TableReader) -> None:
    from ..checks import Context
    from ..checks.totals import stated_totals

    fmt = draft.format
    account.year = draft.year
    account.format_name = fmt.name
    account.agency = draft.agency
    if text.title_lines:
        account.read.append(f"标题：{' '.join(text.title_lines)}")
    else:
        account.notes.append("没有找到报告标题（含「年度报告」字样的一行），标题未读取")
    if not draft.agency:
        account.notes.append("没有从标题中识别出机关名称，请在草稿中补填")
    if text.year_source == "正文":
        account.notes.append(f"标题中没有年度，报告年度{draft.year}是从正文中读取的，请核实")
    account.read.append(f"导语：{len(text.preamble)}段" if text.preamble else "导语：无")
    for section in fmt.sections:
        st = draft.section(section.id)
        if section.id not in text.headings_found:
            account.notes.append(f"没有找到「{section.heading}」这一标题，其内容未读取")
            continue
        paras = len([x for x in st.text.split("\n") if x.strip()])
        if section.table and not paras:
            continue  # sections 二 to 四 are their tables, counted below
        titles = "、".join(p.title or "（无小标题）" for p in st.parts)
        extra = f"，分项{len(st.parts)}个（{titles}）" if st.parts else ""
        account.read.append(f"{section.heading}：正文{paras}段{extra}")
    if fmt.fee_row:
        account.read.append(f"信息处理费说明：{draft.fee_statement}" if draft.fee_statement
                            else "信息处理费说明：文件中没有写")
    reading = reader.reading
    total_inputs = 0
    for table in fmt.tables:
        n_inputs = len(table.input_cells())
        total_inputs += n_inputs
        got = sum(1 for _, r, c in table.input_cells() if draft.get(table.id, r.id, c.id) is not None)
        if table.id not in reading.tables_seen:
            account.notes.append(f"文件中没有找到{table.name}（{table.title}），其数值未读取")
        else:
            account.read.append(f"{table.name}（{table.title}）：读取{got}格，共{n_inputs}格")
        if table.id in reading.positional:
            account.notes.append(f"{table.name}有的行没有表头（例如表格跨页断开后没有重复表头），"
                                 "已按各列的先后顺序读取，请核对")
    account.cells_total = total_inputs
    account.cells_read = sum(1 for t in fmt.tables for _, r, c in t.input_cells()
                             if draft.get(t.id, r.id, c.id) is not None)
    account.unmatched = list(reading.unmatched)
    account.unfilled = list(reading.unfilled)
    if text.dropped:
        account.read.append("以下栏目、发布信息、页脚或落款不是报告内容，未读取：" +
                            "；".join(f"「{d[:30]}」" for d in text.dropped[:6]) +
                            ("等" if len(text.dropped) > 6 else ""))
    account.disagreeing_totals = [f.message for f in stated_totals(Context(draft))]


__all__ = ["HTML_SUFFIXES", "ImportAccount", "ImportResult", "SUFFIXES", "Unmatched", "WORD_SUFFIXES",
           "import_report"]
