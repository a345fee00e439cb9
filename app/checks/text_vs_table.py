"""Rule 10: numbers the text states about what the tables count must match the tables.

Deterministic patterns for the phrasings clerks use (「共收到政府信息公开申请75件」「全年受理…申请75件，
其中…」「办结75件」「予以公开42件、部分公开3件」「发生政府信息公开行政复议2起」「结转下年度继续办理6件」
「现行有效行政规范性文件27件」「作出行政处罚决定16件」; Arabic or Chinese numerals; 件/起/宗/条/个).

Precision over recall: a claim is compared only where its clause clearly states this year's quantity —
not an estimate (「近百件」「10余件」), not a comparison or another period (上年、同比、累计、以来、another
year), not published-information counts (「公开行政处罚信息9条」 is not the number of decisions). The warning
quotes the sentence, names the table cell, and points the window at the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from .findings import Finding, Severity
from .wording import NUM, clause_at, clause_before, first_clause, money, other_years, parse_number, quote

Q = r"(?:政府信息公开|政府信息|信息公开|依申请公开|公开)?"
UNIT = r"(?P<unit>件|起|宗|条|个)"
# Words that put a clause in another period, a comparison, an estimate or a breakdown.
NOT_THIS_YEAR = ("去年", "上一年", "上年度", "同比", "以来", "累计", "历年", "前年", "分别", "平均", "每月", "季度",
                 "半年", "预计", "计划", "目标", "拟", "将", "比上年", "较上年", "与上年", "增长", "下降", "减少",
                 "增加", "约", "左右", "余", "多")


class Cell(NamedTuple):  # made for every claim compared: cheaper than a frozen dataclass
    table: str
    row: str
    column: str


@dataclass(frozen=True)
class Claim:
    what: str  # how the message names it: 「收到申请」
    patterns: tuple[re.Pattern, ...]
    # -> (the cell the message names, its value, every value the text may rightly state, a note naming
    # the other acceptable values); None if not all filled
    values: Callable
    topic: str = ""  # the sentence must mention this (e.g. 公开), unless it is in `home` section
    topic_in_clause: bool = False  # ... in the claim's own clause (or the clause before it), not anywhere
    home: str = ""
    allow: tuple[str, ...] = ()  # NOT_THIS_YEAR words this claim's own wording contains (上年结转)
    avoid: tuple[str, ...] = ()  # clause words that mean another subject (复议 for applications)
    formats: tuple[str, ...] = ("2019", "2021")
    needles: tuple[str, ...] = ()  # words every match contains: a cheap test before the patterns


class _Patterns(tuple):
    """A claim's patterns, compiled when a sentence first holds its needles: most claims never meet one, and
    compiling every pattern at import was most of the checks' import time (every `nianbao check`, every start)."""

    def __iter__(self):
        return (_compiled(p) for p in tuple.__iter__(self))


@cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _p(*patterns: str) -> tuple[re.Pattern, ...]:
    return _Patterns(patterns)


def _total(ctx, table: str, row: str, column: str = "total"):
    t = ctx.value(table, row, column)
    return t.value if t.complete else None


def _group(ctx, group: str):
    """The 总计 column summed over a table 三 outcome group's rows (（三）不予公开 1-8)."""
    table = ctx.format.table("table3")
    rows = [r.id for _, r in table.rows() if r.group == group] or (["other"] if group == "（六）其他处理" else [])
    vals = [_total(ctx, "table3", r) for r in rows]
    if not rows or None in vals:
        return None
    return Cell("table3", rows[0], "total"), sum(vals), {sum(vals)}, f"（「{group}」各行合计）"


def _t3(row: str, plus: tuple[str, ...] = ()):
    def values(ctx):
        v = _total(ctx, "table3", row)
        if v is None:
            return None
        accepted, note = {v}, ""
        extra = [_total(ctx, "table3", r) for r in plus]
        if plus and None not in extra:
            accepted.add(v + sum(extra))  # 「受理申请53件（含上年结转2件）」
            note = f"（连同上年结转为{v + sum(extra)}件）"
        return Cell("table3", row, "total"), v, accepted, note
    return values


def _t4(*groups: str):
    def values(ctx):
        vals = [_total(ctx, "table4", "cases", f"{g}_total") for g in groups]
        if None in vals:
            return None
        accepted = set(vals) | {sum(vals)}  # 行政诉讼: 直接起诉, 复议后起诉, or both together
        note = f"（复议后起诉{vals[1]}件，合计{sum(vals)}件）" if len(vals) > 1 else ""
        return Cell("table4", "cases", f"{groups[0]}_total"), vals[0], accepted, note
    return values


def _t2(row_of_kind: dict[str, str], column: str):
    def values(ctx, kind: str = ""):
        row = next((r for k, r in row_of_kind.items() if k in kind), None)
        if row is None:
            return None
        v = ctx.draft.get("table2", row, column)
        return None if v is None else (Cell("table2", row, column), v, {v}, "")
    return values


DOCS = {"规范性文件": "normative_docs", "规章": "regulations"}
KIND = r"(?P<kind>(?:行政)?规范性文件|规章)"
T3_AVOID = ("复议", "诉讼", "许可", "信访", "人大", "政协", "建议", "提案")
DECISION_AVOID = ("公开", "公示", "信息", "上网", "发布", "归集")

CLAIMS = (
    Claim("收到申请", _p(rf"(?:新收|收到|受理|接收|接到)(?:了)?{Q}申请(?:数量|总数)?(?:共|合计|总计)?"
                      rf"(?:为|达)?{NUM}{UNIT}"),
          _t3("new_received", plus=("carried_in",)), topic="公开", home="applications", avoid=T3_AVOID,
          needles=("申请",)),
    Claim("上年结转", _p(rf"上年结转(?:的)?{Q}(?:申请)?(?:共)?(?:为)?{NUM}{UNIT}"),
          _t3("carried_in"), topic="", allow=("上年",), avoid=T3_AVOID, needles=("上年结转",)),
    Claim("办结/答复", _p(rf"(?:办结|答复)(?:了)?{Q}(?:申请)?(?:共|合计)?(?:为)?{NUM}{UNIT}"),
          _t3("outcome_total"), topic="公开", home="applications", avoid=T3_AVOID, needles=("办结", "答复")),
    Claim("予以公开", _p(rf"予以公开(?:的)?(?:申请)?{NUM}{UNIT}"), _t3("open"), avoid=T3_AVOID, needles=("予以公开",)),
    Claim("部分公开", _p(rf"部分公开(?:的)?(?:申请)?{NUM}{UNIT}"), _t3("partial"), avoid=T3_AVOID,
          needles=("部分公开",)),
    Claim("不予公开", _p(rf"不予公开(?:的)?(?:申请)?{NUM}{UNIT}"), lambda ctx: _group(ctx, "（三）不予公开"),
          avoid=T3_AVOID, needles=("不予公开",)),
    Claim("无法提供", _p(rf"无法提供(?:的)?(?:申请)?{NUM}{UNIT}"), lambda ctx: _group(ctx, "（四）无法提供"),
          avoid=T3_AVOID, needles=("无法提供",)),
    Claim("不予处理", _p(rf"不予处理(?:的)?(?:申请)?{NUM}{UNIT}"), lambda ctx: _group(ctx, "（五）不予处理"),
          avoid=T3_AVOID, needles=("不予处理",)),
    Claim("结转下年度", _p(rf"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?(?:共)?(?:为)?{NUM}{UNIT}"),
          _t3("carried_over"), avoid=T3_AVOID, needles=("结转",)),
    Claim("行政复议", _p(rf"行政复议(?:案件|申请)?(?:共|合计)?(?:为)?{NUM}{UNIT}"), _t4("review"),
          topic="信息公开", home="review", avoid=("诉讼",), topic_in_clause=True, needles=("行政复议",)),
    Claim("行政诉讼", _p(rf"行政诉讼(?:案件)?(?:共|合计)?(?:为)?{NUM}{UNIT}"), _t4("direct_suit", "suit_after_review"),
          topic="信息公开", home="review", avoid=("复议",), topic_in_clause=True, needles=("行政诉讼",)),
    Claim("现行有效", _p(rf"现行有效(?:的)?{KIND}(?:共|合计)?(?:为|有)?{NUM}(?P<unit>件|个|部)",
                      rf"{KIND}现行有效(?:的)?(?:共|为|有)?{NUM}(?P<unit>件|个|部)"),
          _t2(DOCS, "in_force"), formats=("2021",), needles=("现行有效",)),
    Claim("制发", _p(rf"(?:制发|印发|出台|制定)(?:了)?{KIND}(?:共)?{NUM}(?P<unit>件|个|部)"),
          _t2(DOCS, "issued"), formats=("2021",), avoid=("清理", "修订", "审查", "备案"),
          needles=("规范性文件", "规章")),
    Claim("废止", _p(rf"废止(?:了)?{KIND}(?:共)?{NUM}(?P<unit>件|个|部)",
                   rf"(?:制发|印发|出台|制定)(?:了)?{KIND}\d+件[，、,]\s*废止{NUM}(?P<unit>件)"),
          _t2(DOCS, "repealed"), formats=("2021",), needles=("废止",)),
    Claim("行政许可决定", _p(rf"(?:作出|做出)(?:了)?(?:各类)?行政许可(?:处理)?(?:决定)?(?:共)?{NUM}(?P<unit>件|个|项)",
                        rf"行政许可(?:处理)?决定(?:书)?(?:共)?(?:为)?{NUM}(?P<unit>件|个|份)"),
          _t2({"": "admin_license"}, "decisions"), avoid=DECISION_AVOID, needles=("行政许可",)),
    Claim("行政处罚决定", _p(rf"(?:作出|做出)(?:了)?(?:各类)?行政处罚(?:处理)?(?:决定)?(?:共)?{NUM}(?P<unit>件|个|项)",
                        rf"行政处罚(?:处理)?决定(?:书)?(?:共)?(?:为)?{NUM}(?P<unit>件|个|份)"),
          _t2({"": "admin_penalty"}, "decisions"), avoid=DECISION_AVOID, needles=("行政处罚",)),
    Claim("行政强制决定", _p(rf"(?:作出|做出|实施|采取)(?:了)?(?:各类)?行政强制(?:措施)?(?:处理)?(?:决定)?(?:共)?"
                        rf"{NUM}(?P<unit>件|个|项)",
                        rf"行政强制(?:措施)?(?:处理)?决定(?:书)?(?:共)?(?:为)?{NUM}(?P<unit>件|个|份)"),
          _t2({"": "admin_coercion"}, "decisions"), avoid=DECISION_AVOID, needles=("行政强制",)),
)

_NEEDLES = re.compile("|".join(sorted({re.escape(n) for c in CLAIMS for n in c.needles} | {"行政事业性收费"},
                                       key=len, reverse=True)))
# Needle -> the claims (by position in CLAIMS) that need it: a sentence is compared only with the claims
# its needles call for, not tested against every claim.
_CLAIMS_OF: dict[str, tuple[int, ...]] = {}
for _i, _claim in enumerate(CLAIMS):
    for _n in _claim.needles:
        _CLAIMS_OF[_n] = (*_CLAIMS_OF.get(_n, ()), _i)
_NOT_THIS_YEAR = re.compile("|".join(NOT_THIS_YEAR))
FEE = re.compile(r"行政事业性收费(?:金额|总额)?(?:共|合计|总计)?(?:为|达)?(?P<money>\d+(?:\.\d+)?)万元")


def text_vs_table(ctx) -> list[Finding]:
    out: list[Finding] = []
    fmt_id, year = ctx.format.id, ctx.draft.year
    for s in ctx.sentences(_NEEDLES.search):
        if not _NEEDLES.search(s.text):
            continue
        claims, fees = _stated(s.text, s.section, year, fmt_id)
        for stated in claims:
            for st in stated:  # the first number the tables disagree with is reported, once per claim
                got = st.claim.values(ctx) if st.kind is None else st.claim.values(ctx, st.kind)
                if got is None:
                    continue
                cell, value, accepted, note = got
                if st.number in accepted:
                    continue
                where = ctx.format.table(cell.table).cell_name(cell.row, cell.column)
                out.append(Finding(Severity.WARNING, "text-vs-table",
                                   f"正文「{quote(s.text)}」中写的是「{st.words}」，而{where}为{value}{st.unit}{note}",
                                   table=cell.table, row=cell.row, column=cell.column, section=s.section or None,
                                   field=s.field, start=s.start, end=s.end))
                break
        if fees:
            out.extend(_fees(ctx, s))
    return out


class Stated(NamedTuple):
    """A number a sentence states for a claim, as its words alone give it."""

    claim: Claim
    number: int
    kind: str | None  # what the pattern's `kind` group took (规章/规范性文件); None: the pattern has none
    words: str  # the matched words, quoted in the message
    unit: str


@lru_cache(maxsize=4096)  # the checks run on every cell edit, and a cell changes none of this
def _stated(text: str, section: str, year: int, fmt_id: str) -> tuple[tuple[tuple[Stated, ...], ...], bool]:
    """What a sentence states that the tables can be held to: for each claim its words call for (in the
    order of CLAIMS), every number that passes the tests of the text (a count, this year's, about this
    subject), in pattern and match order; and whether it states 行政事业性收费. Only the words decide
    this, so it is worked out once per sentence; comparing with the tables is done on every run."""
    present = set(_NEEDLES.findall(text))
    claims = []
    opened_by_other_year = None  # worked out once, when a claim first needs it
    for i in sorted({i for n in present for i in _CLAIMS_OF.get(n, ())}):  # in the order of CLAIMS
        claim = CLAIMS[i]
        if fmt_id not in claim.formats:
            continue
        if claim.topic and claim.topic not in text and section != claim.home:
            continue
        if opened_by_other_year is None:
            opened_by_other_year = other_years(first_clause(text), year)
        if opened_by_other_year:
            break  # 「2024年，我局共收到…」: a sentence opened by another year is about that year
        stated = tuple(st for pattern in claim.patterns for st in _numbers(text, section, year, claim, pattern))
        if stated:
            claims.append(stated)
    return tuple(claims), fmt_id == "2021" and "行政事业性收费" in present


def _numbers(text: str, section: str, year: int, claim: Claim, pattern: re.Pattern):
    for m in pattern.finditer(text):
        n = parse_number(m.group("num"))
        if n is None:
            continue
        if _doubtful(clause_at(text, m.start(), m.end()), claim, year):
            continue
        if claim.topic_in_clause and section != claim.home and not _topic_near(text, m.start(), claim.topic):
            continue  # 「受理行政复议申请3件，其中涉及政府信息公开的1件」: the 3 is not about 信息公开
        kind = (m.group("kind") or "") if "kind" in pattern.groupindex else None
        yield Stated(claim, n, kind, m.group(0), m.group("unit"))


def _doubtful(clause: str, claim: Claim, year: int) -> bool:
    words = clause
    for w in claim.allow:
        words = words.replace(w + "结转", "")
    if _NOT_THIS_YEAR.search(words) or (claim.avoid and _avoided(claim.avoid).search(clause)):
        return True
    return other_years(clause, year)


@cache
def _avoided(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, words)))


def _topic_near(sentence: str, start: int, topic: str) -> bool:
    """The topic is named in the clause of the match or in the clause just before it
    (「因政府信息公开被申请行政复议4件，直接提起行政诉讼2件」)."""
    return topic in clause_at(sentence, start, start) or topic in clause_before(sentence, start)


def _fees(ctx, s) -> list[Finding]:
    for m in FEE.finditer(s.text):
        clause = clause_at(s.text, m.start(), m.end())
        if _NOT_THIS_YEAR.search(clause) or other_years(clause, ctx.draft.year):
            continue
        stated = money(m.group("money"))
        v = ctx.draft.get("table2", "admin_fees", "fee_amount")
        if stated is None or v is None or money(v) == stated:
            continue
        where = ctx.format.table("table2").cell_name("admin_fees", "fee_amount")
        return [Finding(Severity.WARNING, "text-vs-table",
                        f"正文「{quote(s.text)}」中写的是「{m.group(0)}」，而{where}为{v}万元",
                        table="table2", row="admin_fees", column="fee_amount", section=s.section or None,
                        field=s.field, start=s.start, end=s.end)]
    return []
