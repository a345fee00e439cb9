"""A4 page, the 156 x 225 mm 版心 and the 「— N —」 page numbers (odd pages right, even pages left)."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from . import styles

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH_MM = 156
# GB/T 9704: the dashes of the page number sit 7 mm below the 版心, i.e. 28 mm above the page edge;
# the footer line (四号, about 5.6 mm) is centred there.
FOOTER_DISTANCE = Mm(25)
HEADER_DISTANCE = Mm(15)
DASH = "—"  # 一字线
CHARS_PER_LINE = 28  # GB/T 9704: 22 lines of 28 characters


def setup(doc, fonts: styles.Fonts = styles.OFFICIAL) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.gutter = Mm(0)
    section.header_distance = HEADER_DISTANCE
    section.footer_distance = FOOTER_DISTANCE
    # 22 lines a page: a line grid of 28.95 pt. The 28 characters a line come from the body runs' character
    # spacing (text.GRID_CONDENSE), not from a character grid: LibreOffice gives every 三号 character two
    # cells of a grid narrower than 16 pt (14 a line, or one with Word's own charSpace="-849").
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = parse_xml(f'<w:docGrid {nsdecls("w")}/>')
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(styles.BODY_LINE.pt * 20)))
    grid.attrib.pop(qn("w:charSpace"), None)

    doc.settings.odd_and_even_pages_header_footer = True
    section.different_first_page_header_footer = False
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, fonts)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, fonts)


def _page_number(footer, alignment, fonts) -> None:
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = styles.PAGE_NUMBER[1]
    p.alignment = alignment
    pf = p.paragraph_format
    # One character in from the edge of the 版心, on the outer side.
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = Pt(14)
        ind.set(qn("w:rightChars"), "100")
    else:
        pf.left_indent = Pt(14)
        ind.set(qn("w:leftChars"), "100")
    pf.first_line_indent = Pt(0)
    ind.set(qn("w:firstLineChars"), "0")

    def run(text: str = ""):
        r = p.add_run(text)
        styles.set_run_font(r, fonts.page_number, styles.SIZE_4)
        return r

    run(f"{DASH} ")
    # PAGE as a complex field with a cached result, which Word, WPS and LibreOffice all update.
    run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    run()._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
    run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    run("1")
    run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))
    run(f" {DASH}")
