"""A4 page, the 156 x 225 mm 版心 and the 「— N —」 page numbers (odd pages right, even pages left)."""

from __future__ import annotations

from . import styles
from .styles import R_NS, W_NS, XML_DECL, rfonts, size

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
TEXT_WIDTH_MM = 156
# GB/T 9704: the dashes of the page number sit 7 mm below the 版心, i.e. 28 mm above the page edge;
# the footer line (四号, about 5.6 mm) is centred there.
FOOTER_DISTANCE_MM = 25
HEADER_DISTANCE_MM = 15
DASH = "—"  # 一字线
CHARS_PER_LINE = 28  # GB/T 9704: 22 lines of 28 characters
ODD_FOOTER, EVEN_FOOTER = "rIdFooterOdd", "rIdFooterEven"


def twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def sect_pr_xml() -> str:
    """The section: page size, margins, footers, and 22 lines a page as a line grid of 28.95 pt. The 28
    characters a line come from the body runs' character spacing (text.GRID_CONDENSE), not from a
    character grid: LibreOffice gives every 三号 character two cells of a grid narrower than 16 pt (14 a
    line, or one a line with Word's own charSpace="-849")."""
    return (f'<w:sectPr><w:footerReference w:type="default" r:id="{ODD_FOOTER}"/>'
            f'<w:footerReference w:type="even" r:id="{EVEN_FOOTER}"/>'
            f'<w:pgSz w:w="{twips(PAGE_WIDTH_MM)}" w:h="{twips(PAGE_HEIGHT_MM)}"/>'
            f'<w:pgMar w:top="{twips(TOP_MM)}" w:right="{twips(RIGHT_MM)}" w:bottom="{twips(BOTTOM_MM)}" '
            f'w:left="{twips(LEFT_MM)}" w:header="{twips(HEADER_DISTANCE_MM)}" '
            f'w:footer="{twips(FOOTER_DISTANCE_MM)}" w:gutter="0"/><w:cols w:space="425"/>'
            f'<w:docGrid w:type="lines" w:linePitch="{styles.BODY_LINE_TWIPS}"/></w:sectPr>')


def footer_xml(right: bool, fonts: styles.Fonts = styles.OFFICIAL) -> str:
    """「— N —」 one 四号 character in from the outer edge of the 版心; PAGE as a complex field with a cached
    result, which Word, WPS and LibreOffice all update."""
    side = "right" if right else "left"
    rpr = f"<w:rPr>{rfonts(fonts.page_number)}{size(styles.SIZE_4)}</w:rPr>"

    def run(inner: str) -> str:
        return f"<w:r>{rpr}{inner}</w:r>"

    body = (
        run(f'<w:t xml:space="preserve">{DASH} </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>1</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run(f'<w:t xml:space="preserve"> {DASH}</w:t>')
    )
    ppr = (f'<w:pPr><w:pStyle w:val="{styles.PAGE_NUMBER[0]}"/>'
           f'<w:ind w:{side}="280" w:{side}Chars="100" w:firstLine="0" w:firstLineChars="0"/>'
           f'<w:jc w:val="{side}"/></w:pPr>')
    return f"{XML_DECL}<w:ftr {W_NS} {R_NS}><w:p>{ppr}{body}</w:p></w:ftr>"
