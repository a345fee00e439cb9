"""Matching the labels a file prints against the format definition's labels.

Real reports differ from the template in spacing, line breaks, half-width brackets and digits, quote
marks, numbering (「1.」「1、」「（1）」) and a few known wordings (商业机构 for 商业企业, 规范性文件 and
行政规范性文件). A label is reduced to a key that ignores all of that; the format's labels are reduced
the same way, so the definition stays the only list of labels.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Known variants, applied to both sides (the file's text and the definition's label), punctuation-free.
VARIANTS = (
    ("商业机构", "商业企业"),
    ("行政规范性文件", "规范性文件"),
    ("其它", "其他"),
)
_NUMBERING = re.compile(r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
                        r"|[(（]\d{1,2}[)）]|\d{1,2}[、.．)）](?!\d))")
_PAREN = re.compile(r"\([^()]*\)")
_PUNCT = re.compile(r"[\W_]", re.UNICODE)


def fold(text: str) -> str:
    """Width folding: full-width digits, letters and brackets -> half-width (NFKC); dashes unified."""
    t = unicodedata.normalize("NFKC", text or "")
    return t.replace("\u2212", "-").replace("\u2013", "-")


@lru_cache(maxsize=8192)  # the same few hundred labels are compared for every row of every table
def key(text: str) -> str:
    """The comparable core of a label: no numbering, spaces, punctuation or quotes; variants folded."""
    t = "".join(fold(text).split())
    t = _NUMBERING.sub("", t, count=1)
    t = _PUNCT.sub("", t)
    for seen, canonical in VARIANTS:
        t = t.replace(seen, canonical)
    return t


@lru_cache(maxsize=8192)
def short_key(text: str) -> str:
    """The key without parenthesised remarks: 「（二）部分公开（区分处理的…）」 -> 部分公开."""
    t = "".join(fold(text).split())
    t = _NUMBERING.sub("", t, count=1)
    prev = None
    while prev != t:
        prev, t = t, _PAREN.sub("", t)
    return key(t)
