"""A year in the text that looks left over from last year's report: 「2025年，我局…」 in the 2026 report.

Only last year is suspect (older years are history), and only in a sentence about the year's own work:
not plans or history (「2027年将…」「自2019年以来」), comparisons (「较2025年」), citations (《…2025年…》,
〔2025〕), ranges or dates before the report year that the sentence itself sets in the past.
"""

from __future__ import annotations

import re

from ..sentences import sentences
from .findings import Finding, Severity
from .wording import quote

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CONTEXT = ("以来", "至今", "截至", "截止", "自", "从", "起", "以前", "之前", "此前", "同比", "较", "比", "相比",
            "对比", "上年", "去年", "连续", "历年", "分别", "成立", "设立", "将", "计划", "拟", "下一步", "明年",
            "今后", "继续", "印发", "发布", "出台", "制定", "评为", "获得", "荣获", "至")
_PERIOD = ("统计期限", "统计时限", "统计期间", "统计周期")
_QUOTED = re.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|“[^”]*”|\"[^\"]*\"")


def year_in_text(ctx) -> list[Finding]:
    year = ctx.draft.year
    out = []
    for s in sentences(ctx.draft):
        bare = _QUOTED.sub(lambda m: "※" * len(m.group(0)), s.text)
        hits = [m for m in _YEAR.finditer(bare) if int(m.group(1)) == year - 1]
        if not hits:
            continue
        # 「统计期限自2025年1月1日起至2025年12月31日止」 in the 2026 report is the classic leftover.
        period = any(w in bare for w in _PERIOD)
        if not period and any(w in bare for w in _CONTEXT):
            continue
        if not period and any(int(m.group(1)) == year for m in _YEAR.finditer(bare)):
            continue  # the sentence names this year too: it sets last year against it on purpose
        m = hits[0]
        out.append(Finding(
            Severity.WARNING, "year-in-text",
            f"正文「{quote(s.text)}」中有「{m.group(0)}」，本报告是{year}年度的：是否是上年报告留下的？",
            section=s.section or None, field=s.field, start=s.start, end=s.end))
    return out
