"""Rule 12: a section whose text is mostly last year's (the 30号 notice warns against 内容雷同).

Compares each sentence's fingerprint (app/sentences.py: spacing, punctuation and years folded) with the
previous-year record; short sentences (「无。」) and sections of fewer than three sentences are not judged.
"""

from __future__ import annotations

from ..previous import unchanged_sections
from .findings import Finding, Severity

SHARE = 0.6
MIN_SENTENCES = 3


def same_as_last_year(ctx) -> list[Finding]:
    prev = ctx.draft.previous
    if prev is None or not prev.sections:
        return []
    out = []
    for sid, (same, total) in unchanged_sections(ctx.draft).items():
        if total < MIN_SENTENCES or same < SHARE * total:
            continue
        heading = ctx.format.section(sid).heading
        out.append(Finding(
            Severity.WARNING, "same-as-last-year",
            f"「{heading}」的{total}句中有{same}句与{prev.label}相同（{round(100 * same / total)}%）："
            "请按本年度的实际情况改写，避免与上年报告雷同",
            section=sid))
    return out
