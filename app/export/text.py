"""The report's text: title lines, headings and body paragraphs, cleaned of what XML cannot hold."""

from __future__ import annotations

import re

from . import styles
from .xmltext import escape

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
    """Collects the report's body as WordprocessingML text: paragraphs with explicit East Asian fonts on
    every run, and the tables' XML."""

    def __init__(self, fonts: styles.Fonts = styles.OFFICIAL):
        self.fonts = fonts
        self.parts: list[str] = []
        self._space_next = False  # the paragraph after a table gets a little air

    def _para(self, style_id: str, runs: str, space_after_twips: int = 0) -> None:
        ppr = f'<w:pStyle w:val="{style_id}"/>' if style_id != "Normal" else ""
        spacing = ""
        if self._space_next:
            spacing += ' w:before="200"'
            self._space_next = False
        if space_after_twips:
            spacing += f' w:after="{space_after_twips}"'
        if spacing:
            ppr += f"<w:spacing{spacing}/>"
        self.parts.append(f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p>{runs}</w:p>")

    def after_table(self) -> None:
        self._space_next = True

    def table(self, xml: str) -> None:
        self.parts.append(xml)

    def title(self, lines: list[str]) -> None:
        shown = [t for line in lines if (t := clean(line).replace("\n", " ").strip())]
        for i, line in enumerate(shown):
            after = styles.BODY_LINE_TWIPS if i == len(shown) - 1 else 0  # an empty line below the title
            self._para(styles.TITLE[0], run_xml(line, self.fonts.title, styles.SIZE_2, self.fonts.title_bold),
                       after)

    def heading(self, text: str) -> None:
        self._para(styles.HEADING[0], run_xml(clean(text).strip(), self.fonts.heading, styles.SIZE_3, condense=True))

    def subheading(self, text: str) -> None:
        self._para(styles.SUBHEADING[0], run_xml(text, self.fonts.subheading, styles.SIZE_3, condense=True))

    def body_paragraph(self, text: str, lead: str = "") -> None:
        """One body paragraph; `lead` is a run-in heading printed before it in 楷体."""
        runs = run_xml(lead, self.fonts.subheading, styles.SIZE_3, condense=True) if lead else ""
        if text:
            runs += run_xml(text, self.fonts.body, styles.SIZE_3, condense=True)
        self._para("Normal", runs)


# GB/T 9704's 28 characters a line of 156 mm need a pitch of 15.79 pt, a little under 三号's 16 pt: body
# text is condensed by 0.25 pt a character (Word's 字符间距「紧缩 0.25磅」), which Word, WPS and LibreOffice
# all honour: 442.2 pt / 15.75 pt = 28.07, so 28 characters a line.
GRID_CONDENSE = -5  # twentieths of a point


def run_xml(text: str, font: str, size_pt: float, bold: bool = False, condense: bool = False) -> str:
    """One w:r with all four font slots and the size; tabs as w:tab, as Word writes them."""
    b = "<w:b/><w:bCs/>" if bold else ""
    if condense:
        b += f'<w:spacing w:val="{GRID_CONDENSE}"/>'
    parts = text.split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' if p else "" for p in parts)
    return f"<w:r><w:rPr>{styles.rfonts(font)}{b}{styles.size(size_pt)}</w:rPr>{body}</w:r>"
