"""Section 五 (存在的主要问题及改进情况) that says nothing: 「无」, or one short sentence. Evaluators count
this as a failure. An empty section is already reported by text-missing."""

from __future__ import annotations

import re

from ..sentences import split
from .findings import Finding, Severity

SECTION = "problems"
SHORT = 40  # characters: one short sentence cannot name a problem and what is done about it
_NOTHING = re.compile(r"^(无|暂无|没有|无问题|未发现问题|不存在问题|无明显问题)[。.]?$")


def problems_empty(ctx) -> list[Finding]:
    st = ctx.draft.section(SECTION)
    text = "\n".join([st.text] + [p.text for p in st.parts]).strip()
    if not text:
        return []
    heading = ctx.format.section(SECTION).heading
    if _NOTHING.match(text) or (len(text) < SHORT and len(split(text)) <= 1):
        return [Finding(Severity.WARNING, "problems-empty",
                        f"「{heading}」只写了「{text}」：评议时这会被视为未查找问题，请写明存在的主要问题"
                        "和相应的改进措施", section=SECTION, field=f"{SECTION}.text", start=0, end=len(st.text))]
    return []
