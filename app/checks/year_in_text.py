"""A year in the text that looks left over from last year's report: 「2025年，我局…」 in the 2026 report.

Only last year is suspect (older years are history), and only in a sentence about the year's own work:
not plans or history (「2027年将…」「自2019年以来」), comparisons (「较2025年」), citations (《…2025年…》,
〔2025〕, 「2025年中央经济工作会议精神」), last year's evaluation followed up (「对照2025年度评估…整改」),
awards, or a moment rather than the year (「2025年12月」「2025年底」). The statistics period
(「统计期限自2025年1月1日起…」) is always judged: it is the classic leftover.
"""

from __future__ import annotations

import re

from .findings import Finding, Severity
from .wording import quote

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CONTEXT = ("以来", "至今", "截至", "截止", "自", "从", "起", "以前", "之前", "此前", "同比", "较", "比", "相比",
            "对比", "上年", "去年", "连续", "历年", "分别", "成立", "设立", "将", "计划", "拟", "下一步", "明年",
            "今后", "继续", "印发", "发布", "出台", "制定", "评为", "获得", "荣获", "获评", "表彰", "至",
            # last year's evaluation, meeting or document that this year's work follows up
            "评估", "考核", "评议", "测评", "整改", "对照", "会议", "精神", "部署", "要点", "通知", "意见", "方案",
            "规划")
# 「2024年12月」「2024年底」: a moment, often the start of something told this year; not judged.
_MOMENT = re.compile(r"(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|底|初|末|年底|年初|年末)")
_PERIOD = ("统计期限", "统计时限", "统计期间", "统计周期")
_QUOTED = re.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|“[^”]*”|\"[^\"]*\"")


def year_in_text(ctx) -> list[Finding]:
    year = ctx.draft.year
    last = str(year - 1)
    out = []
    for s in ctx.sentences(lambda text: last in text):  # texts holding last year's digits at all
        if last not in s.text:
            continue
        if not any(int(m.group(1)) == year - 1 for m in _YEAR.finditer(s.text)):
            continue  # most sentences name no last year (blanking the quoted parts could hide one, not add one)
        bare = _QUOTED.sub(lambda m: "※" * len(m.group(0)), s.text)
        # 「统计期限自2025年1月1日起至2025年12月31日止」 in the 2026 report is the classic leftover.
        period = any(w in bare for w in _PERIOD)
        hits = [m for m in _YEAR.finditer(bare) if int(m.group(1)) == year - 1
                and (period or not _MOMENT.match(bare, m.start()))]
        if not hits:
            continue
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
