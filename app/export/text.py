"""The report's text: title lines, headings and body paragraphs, cleaned of what XML cannot hold."""

from __future__ import annotations

import re

from docx.shared import Pt

from . import styles

# XML 1.0 forbids these (python-docx raises ValueError on them); \t and \n are kept, \r is folded into \n.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Unicode line/paragraph separators, pasted from web pages, break a line like \n does.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"})
# A sub-part title ending like a sentence is printed run-in, as the seed report does.
RUN_IN_END = ("。", "！", "？")

_DIGITS = "零一二三四五六七八九"


def clean(text: str) -> str:
    """Text as Word can store it: line breaks normalised to \\n, forbidden characters removed."""
    return _FORBIDDEN.sub("", (text or "").replace("\r\n", "\n").translate(_LINE_BREAKS))


def paragraphs(text: str) -> list[str]:
    """Every non-empty line is one paragraph; the clerk's own indentation (spaces, 　) is dropped."""
    return [s for line in clean(text).split("\n") if (s := line.strip(" \t\u3000\u00a0"))]


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (enough for numbering sub-parts)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = ("" if tens == 1 else _DIGITS[tens]) + "十"
    return head + (_DIGITS[ones] if ones else "")


class Writer:
    """Adds the report's paragraphs to a document, with explicit East Asian fonts on every run."""

    def __init__(self, doc):
        self.doc = doc
        self._space_next = False  # the paragraph after a table gets a little air

    def _para(self, style_ids: tuple[str, str]):
        p = self.doc.add_paragraph()
        if style_ids[0] != "Normal":
            p._p.get_or_add_pPr().style = style_ids[0]  # by id: a lookup by name scans every style
        if self._space_next:
            p.paragraph_format.space_before = Pt(10)
            self._space_next = False
        return p

    def after_table(self) -> None:
        self._space_next = True

    def title(self, lines: list[str]) -> None:
        shown = [t for line in lines if (t := clean(line).replace("\n", " ").strip())]
        for i, line in enumerate(shown):
            p = self._para(styles.TITLE)
            styles.set_run_font(p.add_run(line), styles.TITLE_FONT, styles.SIZE_2)
            if i == len(shown) - 1:
                p.paragraph_format.space_after = styles.BODY_LINE  # one empty line before the text

    def heading(self, text: str) -> None:
        p = self._para(styles.HEADING)
        styles.set_run_font(p.add_run(clean(text).strip()), styles.HEADING_FONT, styles.SIZE_3)

    def subheading(self, text: str) -> None:
        p = self._para(styles.SUBHEADING)
        styles.set_run_font(p.add_run(text), styles.SUBHEADING_FONT, styles.SIZE_3)

    def body_paragraph(self, text: str, lead: str = ""):
        """One body paragraph; `lead` is a run-in heading printed before it in 楷体."""
        p = self._para(("Normal", "Normal"))
        if lead:
            styles.set_run_font(p.add_run(lead), styles.SUBHEADING_FONT, styles.SIZE_3)
        if text:
            styles.set_run_font(p.add_run(text), styles.BODY_FONT, styles.SIZE_3)
        return p
