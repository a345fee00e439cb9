"""Fonts and paragraph styles of the exported report (GB/T 9704-2012 as offices apply it): styles.xml and
fontTable.xml, written whole.

Word shows a Chinese font only when a run's East Asian font (w:eastAsia) names it, and WPS lets theme
fonts override explicit ones. So the document has no theme at all, and the document defaults, every
style and every run name all four font slots explicitly.

The official fonts are declared in the font table with the stand-in Word should use when a PC lacks
them (方正小标宋简体 -> 宋体, 仿宋_GB2312 -> 仿宋, 楷体_GB2312 -> 楷体): Word substitutes a missing font by
the table's panose, charset and signature (w:sig: the GB2312 code page) as well as by w:altName, WPS by
its own table of Chinese font names; both land on 仿宋/楷体/宋体 for these declarations. Offices that want
no substitution at all choose `SYSTEM` (「使用系统自带字体」): the report then names 仿宋, 楷体, 宋体 and
黑体, which every Chinese Windows has, and the title is 宋体 bold.
"""

from __future__ import annotations

from dataclasses import dataclass

from .xmltext import quoteattr

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
XML_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

# ---- the fonts and sizes (字号, in points) -------------------------------------------------------
TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
PAGE_NUMBER_FONT = "宋体"

SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号
SIZE_5 = 10.5  # 五号
SIZE_SMALL_5 = 9.0  # 小五

# 版心 225 mm high / 22 lines = 28.98 pt; offices use the fixed value 28.95 pt (579 twips).
BODY_LINE_PT = 28.95
BODY_LINE_TWIPS = round(BODY_LINE_PT * 20)
TITLE_LINE_TWIPS = 35 * 20
INDENT_2_CHARS_TWIPS = 640  # two 三号 characters: the twip fallback of firstLineChars=200

# Style ids (ASCII) and the Chinese names Word shows in its style list.
TITLE = ("NbTitle", "年报标题")
HEADING = ("NbHeading1", "年报一级标题")
SUBHEADING = ("NbHeading2", "年报二级标题")
TABLE_TEXT = ("NbTable", "年报表格文字")
TABLE_TEXT_SMALL = ("NbTableSmall", "年报表格文字（小五）")
PAGE_NUMBER = ("NbPageNumber", "年报页码")


@dataclass(frozen=True)
class Fonts:
    """The report's font names (what Word, WPS and the PDF look for)."""

    title: str = TITLE_FONT
    body: str = BODY_FONT
    heading: str = HEADING_FONT
    subheading: str = SUBHEADING_FONT
    table: str = TABLE_FONT
    page_number: str = PAGE_NUMBER_FONT
    title_bold: bool = False  # 宋体 stands in for 小标宋 only in bold


OFFICIAL = Fonts()
SYSTEM = Fonts(title="宋体", body="仿宋", subheading="楷体", title_bold=True)


def fonts_for(system_fonts: bool) -> Fonts:
    return SYSTEM if system_fonts else OFFICIAL


# Fonts declared in fontTable.xml: name -> (fallback, panose, family, pitch). The signature says the font
# covers GB2312 (code page bit 18), which is what Word's substitution matches on.
_FONT_TABLE = {
    TITLE_FONT: (TITLE_FALLBACK, "02010600030101010101", "roman", "variable"),
    BODY_FONT: ("仿宋", "02010609030101010101", "modern", "fixed"),
    SUBHEADING_FONT: ("楷体", "02010609030101010101", "modern", "fixed"),
    "仿宋": ("", "02010609060101010101", "modern", "fixed"),
    "楷体": ("", "02010609060101010101", "modern", "fixed"),
    "黑体": ("", "02010609060101010101", "modern", "fixed"),
    "宋体": ("", "02010600030101010101", "auto", "variable"),
    "Times New Roman": ("", "02020603050405020304", "roman", "variable"),
}
_GB2312_SIG = ('<w:sig w:usb0="00000001" w:usb1="080E0000" w:usb2="00000010" w:usb3="00000000" '
               'w:csb0="00040000" w:csb1="00000000"/>')
_LATIN_SIG = ('<w:sig w:usb0="E0002EFF" w:usb1="C000785B" w:usb2="00000009" w:usb3="00000000" '
              'w:csb0="000001FF" w:csb1="00000000"/>')


def rfonts(font: str) -> str:
    """A w:rFonts naming `font` in all four slots (no theme font)."""
    f = quoteattr(font)
    return f"<w:rFonts w:ascii={f} w:hAnsi={f} w:eastAsia={f} w:cs={f}/>"


def size(pt: float) -> str:
    hp = round(pt * 2)
    return f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'


def _style(ids: tuple[str, str], font: str, pt: float, ppr: str, bold: bool = False,
           outline: int | None = None) -> str:
    style_id, name = ids
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    b = "<w:b/><w:bCs/>" if bold else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr><w:rPr>{rfonts(font)}{b}{size(pt)}</w:rPr></w:style>")


# pPr children in schema order: keepNext, widowControl, snapToGrid, spacing, ind, jc, outlineLvl.
_NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
_SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_NO_SNAP = '<w:snapToGrid w:val="0"/>'


def styles_xml(fonts: Fonts = OFFICIAL) -> str:
    """word/styles.xml: document defaults (body font, 三号, Chinese), Normal (the body: exact 28.95 pt lines,
    two-character indent, justified) and the report's own styles."""
    body = rfonts(fonts.body)
    table_ppr = f'<w:widowControl w:val="0"/>{_NO_SNAP}{_SINGLE}{_NO_INDENT}<w:jc w:val="center"/>'
    parts = [
        f"{XML_DECL}<w:styles {W_NS}>",
        f'<w:docDefaults><w:rPrDefault><w:rPr>{body}{size(SIZE_3)}'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        "<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="{BODY_LINE_TWIPS}" w:lineRule="exact"/>'
        f'<w:ind w:firstLine="{INDENT_2_CHARS_TWIPS}" w:firstLineChars="200"/><w:jc w:val="both"/></w:pPr>'
        f'<w:rPr>{body}<w:color w:val="000000"/>{size(SIZE_3)}</w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        f"<w:rPr>{body}</w:rPr></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        f"<w:rPr>{body}</w:rPr>"
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        _style(TITLE, fonts.title, SIZE_2,
               f'<w:keepNext/>{_NO_SNAP}<w:spacing w:line="{TITLE_LINE_TWIPS}" w:lineRule="exact"/>'
               f'{_NO_INDENT}<w:jc w:val="center"/>', bold=fonts.title_bold),
        _style(HEADING, fonts.heading, SIZE_3, "<w:keepNext/>", outline=0),
        _style(SUBHEADING, fonts.subheading, SIZE_3, "<w:keepNext/>", outline=1),
        _style(TABLE_TEXT, fonts.table, SIZE_5, table_ppr),
        _style(TABLE_TEXT_SMALL, fonts.table, SIZE_SMALL_5, table_ppr),
        _style(PAGE_NUMBER, fonts.page_number, SIZE_4, f"{_NO_SNAP}{_SINGLE}{_NO_INDENT}"),
        "</w:styles>",
    ]
    return "".join(parts)


def font_table_xml() -> str:
    fonts = []
    for name, (alt, panose, family, pitch) in _FONT_TABLE.items():
        alt_xml = f"<w:altName w:val={quoteattr(alt)}/>" if alt else ""
        latin = name == "Times New Roman"
        charset = "00" if latin else "86"
        fonts.append(f"<w:font w:name={quoteattr(name)}>{alt_xml}<w:panose1 w:val=\"{panose}\"/>"
                     f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/>'
                     f"{_LATIN_SIG if latin else _GB2312_SIG}</w:font>")
    return f"{XML_DECL}<w:fonts {W_NS}>{''.join(fonts)}</w:fonts>"
