"""Helpers the text rules share: numbers as clerks write them (「75」「1,286」「十二」「两」) and clauses.

Not a rule itself. Kept deterministic and small: the text rules prefer missing a mismatch to raising a
false alarm, so everything here errs on the side of "not sure".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# A count: Arabic digits (thousands separators allowed) or Chinese numerals; never an estimate
# (「近百件」「10余件」「100多件」 are skipped by the lookarounds).
NUM = r"(?<![\d.约近逾超])(?P<num>\d{1,3}(?:[,，]\d{3})+|\d+|[零〇一二两三四五六七八九十百千万]+)(?![\d.余多])"
COUNT_UNIT = r"(?:件|起|宗|条|个)"
_CLAUSE = re.compile(r"[，,；;：:。！？!?\n]")
_UP_TO_LAST_CLAUSE = re.compile(r".*[，,；;：:。！？!?\n]", re.DOTALL)  # greedy: ends after the last mark
_SENTENCE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def parse_number(text: str) -> int | None:
    t = text.replace(",", "").replace("，", "")
    if t.isdigit():
        return int(t)
    return chinese_number(t)


def chinese_number(t: str) -> int | None:
    """「十二」 12, 「二十」 20, 「一百零五」 105, 「两千」 2000; None if it is not a well-formed numeral."""
    if not t or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in t):
        return None
    total, section, digit = 0, 0, None
    for ch in t:
        if ch in CN_DIGITS:
            if digit not in (None, 0) and CN_DIGITS[ch] != 0:
                return None  # 「二三」 is not a number
            digit = CN_DIGITS[ch]
        else:
            unit = CN_UNITS[ch]
            if unit == 10000:
                section = (section + (digit or 0)) * unit
                total += section
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)


def money(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """(left, right) of the clause (between commas, semicolons, colons) holding sentence[start:end]."""
    m = _UP_TO_LAST_CLAUSE.match(sentence, 0, start)
    left = m.end() if m else 0
    m = _CLAUSE.search(sentence, end)
    return left, (m.start() if m else len(sentence))


def clause_at(sentence: str, start: int, end: int) -> str:
    left, right = clause_bounds(sentence, start, end)
    return sentence[left:right]


def clause_before(sentence: str, start: int) -> str:
    """The clause before the one holding `start` ("" at the sentence's start)."""
    left, _ = clause_bounds(sentence, start, start)
    if left == 0:
        return ""
    return clause_at(sentence, left - 1, left - 1)


def first_clause(sentence: str) -> str:
    m = _CLAUSE.search(sentence)
    return sentence[: m.start()] if m else sentence


def other_years(text: str, year: int) -> bool:
    return any(int(y) != year for y in _SENTENCE_YEAR.findall(text))


def quote(sentence: str, limit: int = 60) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
