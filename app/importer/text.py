"""Recognising the report's text: title lines, agency, year, 导语, the six sections and section 一's
（一）…（五） sub-parts, and section 六's 信息处理费 statement.

A web page carries navigation, metadata lines (发布时间、来源…) and a footer around the report; the
report is taken from its title (the last line before 「一、总体情况」 that names a 年度报告) to the end of
section 六, which stops at the first footer line (上一篇、版权所有…).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..formats.common import SECTION_HEADINGS
from .labels import fold, key
from .source import Para, TableBlock

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.,，]\s*(.+?)\s*$")
_PART = re.compile(r"^\s*[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"([二][〇零○O０][一二三四五六七八九〇零○O０][〇零○O０一二三四五六七八九])\s*年")
_TITLE_WORDS = ("年度报告", "工作报告", "年报")
_AGENCY_END = re.compile(r"(局|委|办|院|府|厅|会|室|处|所|中心|部|署|队|站|馆|社|团|街道|镇|乡|区|县|市|公司|"
                         r"委员会|管委会|办公室|办事处|分局)$")
# Lines a portal prints around an article; never part of a report.
_META = re.compile(r"^(【|\[)?\s*(发布(时间|日期|机构|单位)|来源|信息来源|作者|浏览(次数)?|访问(量|次数)|点击(数|率)?|"
                   r"字号|字体|索引号|主题分类|成文日期|生成日期|发文(字号|机关)|文号|阅读(次数|量)?|分享到|"
                   r"打印|关闭|收藏)\s*[:：】\]]?")
_FOOTER = re.compile(r"(上一篇|下一篇|版权所有|主办单位|承办单位|ICP备|网站标识码|公网安备|技术支持|扫一扫|"
                     r"打印本页|关闭窗口|相关链接|相关文章|网站地图|联系我们)")
_SIGNATURE_DATE = re.compile(r"^\s*((?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})\s*年\s*"
                             r"[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")
# A page number printed into the text (a page footer saved into a web page): 「— 3 —」「- 3 -」「第3页 共8页」.
_PAGE_NUMBER = re.compile(r"^\s*(?:[—\-–－]+\s*\d{1,4}\s*[—\-–－]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4})\s*$")
FEE_WORD = "信息处理费"

SECTION_IDS = [sid for sid, _, _ in SECTION_HEADINGS]
SECTION_KEYS = {sid: key(heading.split("、", 1)[1]) for sid, heading, _ in SECTION_HEADINGS}


@dataclass
class TextReading:
    title_lines: list[str] = field(default_factory=list)
    agency: str = ""
    year: int | None = None
    year_source: str = ""
    preamble: list[str] = field(default_factory=list)
    sections: dict[str, list[Para]] = field(default_factory=dict)
    headings_found: list[str] = field(default_factory=list)
    tables: list[tuple[str, TableBlock]] = field(default_factory=list)  # (section id or "", table)
    dropped: list[str] = field(default_factory=list)  # metadata/footer/signature lines left out


def chinese_year(text: str) -> int:
    return int("".join(str(_CN_DIGITS.get(ch, 0)) for ch in text))


def find_year(text: str) -> int | None:
    t = fold(text)
    m = _YEAR.search(t)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    if m:
        return chinese_year(m.group(1))
    return None


def heading_section(text: str, after: int) -> int | None:
    """Index (0-5) of the section this paragraph is the heading of, if it is one after section `after`."""
    t = fold(text).strip()
    if len(t) > 40:
        return None
    m = _HEADING.match(t)
    if m:
        n = _NUMERALS.index(m.group(1))
        rest = key(m.group(2))
        if n > after and n < 6:
            ratio = difflib.SequenceMatcher(None, rest, SECTION_KEYS[SECTION_IDS[n]]).ratio()
            if ratio >= 0.5:
                return n
        return None
    k = key(t)
    for n, sid in enumerate(SECTION_IDS):
        if n > after and k == SECTION_KEYS[sid]:
            return n
    return None


_RUN_IN_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*")


def split_run_in_heading(text: str) -> tuple[str, str] | None:
    """「一、总体情况。2020年，我局…」 -> (「一、总体情况」, 「2020年，我局…」): a heading typed into the
    first paragraph of its section. Only when the words after the number are exactly a section's name."""
    m = _RUN_IN_HEADING.match(text)
    if not m:
        return None
    for _sid, heading, _ in SECTION_HEADINGS:
        name = heading.split("、", 1)[1]
        rest = text[m.end():]
        if rest.startswith(name) and len(rest) > len(name) and rest[len(name)] in "。：:．. 　":
            return text[: m.end()] + name, rest[len(name) + 1:].strip()
    return None


def read_text(blocks: list) -> TextReading:
    out = TextReading()
    blocks = [b for b in blocks if not isinstance(b, Para) or b.text.strip(" \t\r\n\u3000\xa0")]
    out.dropped += [b.text for b in blocks if isinstance(b, Para) and _PAGE_NUMBER.match(b.text)]
    blocks = [b for b in blocks if not isinstance(b, Para) or not _PAGE_NUMBER.match(b.text)]
    split: list = []
    for b in blocks:
        parts = split_run_in_heading(b.text) if isinstance(b, Para) and len(b.text) > 40 else None
        if parts and parts[1]:
            split += [Para(parts[0]), Para(parts[1])]
        else:
            split.append(b)
    blocks = split
    starts: list[tuple[int, int]] = []  # (block index, section index)
    current = -1
    for i, b in enumerate(blocks):
        if isinstance(b, Para):
            n = heading_section(b.text, current)
            if n is not None:
                starts.append((i, n))
                current = n
    first = starts[0][0] if starts else len(blocks)
    _title(blocks[:first], out)
    # The report's end: the first footer line after the last heading.
    end = len(blocks)
    last_start = starts[-1][0] if starts else first
    for i in range(last_start + 1, len(blocks)):
        b = blocks[i]
        if isinstance(b, Para) and _FOOTER.search(b.text) and len(b.text) < 80:
            end = i
            out.dropped += [x.text for x in blocks[i:] if isinstance(x, Para)][:3]
            break
    for j, (i, n) in enumerate(starts):
        stop = starts[j + 1][0] if j + 1 < len(starts) else end
        sid = SECTION_IDS[n]
        out.headings_found.append(sid)
        paras = out.sections.setdefault(sid, [])
        for b in blocks[i + 1:stop]:
            if isinstance(b, TableBlock):
                out.tables.append((sid, b))
            elif _META.match(b.text.strip()):
                out.dropped.append(b.text)
            else:
                paras.append(b)
    # Tables before the first heading (a portal's metadata grid, or a report without headings).
    out.tables[:0] = [("", b) for b in blocks[:first] if isinstance(b, TableBlock)]
    if starts:
        last = out.sections[SECTION_IDS[starts[-1][1]]]
        while last and (_SIGNATURE_DATE.match(last[-1].text) or
                        (out.agency and key(last[-1].text) == key(out.agency))):
            out.dropped.append(last.pop().text)
    if out.year is None:
        for p in out.preamble + [p.text for paras in out.sections.values() for p in paras[:3]]:
            y = find_year(p)
            if y:
                out.year, out.year_source = y, "正文"
                break
    return out


def _title(head: list, out: TextReading) -> None:
    paras = [(i, b) for i, b in enumerate(head) if isinstance(b, Para)]
    title_at = None
    for pos in range(len(paras) - 1, -1, -1):
        text = paras[pos][1].text
        if any(w in text for w in _TITLE_WORDS) and len(text) <= 80 and not _META.match(text):
            title_at = pos
            break
    if title_at is None:
        out.preamble = [b.text for _, b in paras if not _META.match(b.text)]
        return
    lines = [paras[title_at][1].text.strip()]
    pos = title_at - 1
    # Lines above the title line belong to it when the title is broken: an agency line, or the part with
    # the year. At most two lines; never a sentence or a portal line.
    while pos >= 0 and len(lines) < 3:
        prev = paras[pos][1].text.strip()
        if not prev or len(prev) > 40 or "。" in prev or _META.match(prev) or _FOOTER.search(prev):
            break
        has_year = find_year(lines[0]) is not None
        if (not has_year and find_year(prev) is not None) or (
                _AGENCY_END.search(fold(prev).strip()) and not _starts_with_agency(lines[0])):
            lines.insert(0, prev)
            pos -= 1
            continue
        break
    out.title_lines = lines
    out.preamble = [b.text for _, b in paras[title_at + 1:] if not _META.match(b.text)]
    dropped = [b.text for _, b in paras[title_at + 1:] if _META.match(b.text)]
    out.dropped += dropped
    joined = "".join(lines)
    out.year = find_year(joined)
    if out.year:
        out.year_source = "标题"
    out.agency = _agency(lines)


def _starts_with_agency(line: str) -> bool:
    """True if the title line names the agency before the year: 「某某局2020年政府信息…」."""
    t = fold(line).strip()
    m = _YEAR.search(t) or _CN_YEAR.search(t)
    return bool(m and m.start() > 0 and t[: m.start()].strip() not in ("", "关于"))


def _agency(lines: list[str]) -> str:
    for i, line in enumerate(lines):
        t = line.strip()
        m = _YEAR.search(fold(t)) or _CN_YEAR.search(t)
        if m:
            before = fold(t)[: m.start()].strip()
            if before.endswith("关于"):
                before = before[:-2].strip()
            if not before and i == 0:
                # 「2020年度某某局政府信息公开工作年度报告」: the agency follows the year.
                after = re.match(r"\s*度?\s*(.+?)\s*(?:关于)?\s*(?:政府信息公开|政务公开)",
                                 fold(t)[m.end():])
                if after and after.group(1).strip():
                    return after.group(1).strip()
            if before:
                # Keep the file's own characters (full-width brackets etc.) for the agency name.
                return t[: len(before)].strip() if fold(t[: len(before)]).strip() == before else before
            return " ".join(x.strip() for x in lines[:i]).strip()
    return lines[0].strip() if len(lines) > 1 else ""
