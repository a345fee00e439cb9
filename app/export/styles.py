"""Fonts and paragraph styles of the exported report (GB/T 9704-2012 as offices apply it).

Word shows a Chinese font only when a run's East Asian font (w:eastAsia) names it; python-docx's
`font.name` sets the Latin slots only, and its default template points every style at theme fonts
whose East Asian member is Japanese (themeFontLang ja-JP). So this module writes all four font slots
explicitly on the document defaults, on every style and (via `set_run_font`) on every run, removes the
theme references, and declares the official fonts in the font table with the fallback Word should use
when a PC lacks them (方正小标宋简体 -> 宋体, 仿宋_GB2312 -> 仿宋, 楷体_GB2312 -> 楷体).

Word substitutes a missing font by the font table's panose, charset and signature (w:sig: the GB2312
code page), WPS by its own table of Chinese font names; both land on 仿宋/楷体/宋体 for the declarations
below. Offices that want no substitution at all choose `SYSTEM` (「使用系统自带字体」): the report then
names 仿宋, 楷体, 宋体 and 黑体, which every Chinese Windows has, and the title is 宋体 bold.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from lxml import etree

# ---- the fonts and sizes (字号) ---------------------------------------------------------------
TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
PAGE_NUMBER_FONT = "宋体"

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_5 = Pt(10.5)  # 五号
SIZE_SMALL_5 = Pt(9)  # 小五

# 版心 225 mm high / 22 lines = 28.98 pt; offices use the fixed value 28.95 pt (579 twips).
BODY_LINE = Pt(28.95)
TITLE_LINE = Pt(35)
INDENT_2_CHARS = Pt(32)  # two 三号 characters: the twip fallback of firstLineChars=200

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
SYSTEM_FONTS_SETTING = "使用系统自带字体（仿宋/楷体/宋体）"


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
}
_GB2312_SIG = ('<w:sig w:usb0="00000001" w:usb1="080E0000" w:usb2="00000010" w:usb3="00000000" '
               'w:csb0="00040000" w:csb1="00000000"/>')
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_rfonts(rpr, font: str) -> None:
    """All four font slots of a w:rPr to `font`, and no theme font reference left."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def set_run_font(run, font: str, size=None, bold: bool | None = None) -> None:
    """Font (East Asian included) and size of one run."""
    run.font.name = font
    set_rfonts(run._element.get_or_add_rPr(), font)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def _style(doc, ids: tuple[str, str], font: str, size, base="Normal"):
    style_id, name = ids
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles[base]
    style.quick_style = True
    style.font.name = font
    style.font.size = size
    set_rfonts(style.element.get_or_add_rPr(), font)
    return style


def _first_line_chars(style_or_pf_element, chars: int = 200) -> None:
    """w:ind/@w:firstLineChars: the indent in hundredths of a character, which Word and WPS prefer."""
    ind = style_or_pf_element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars))


def _outline_level(style, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>'))


def _no_grid_snap(style) -> None:
    """Titles, tables and page numbers do not snap to the section's line-and-character grid (in a cell
    the 28.95 pt grid line would make every row three lines high and clip two-line labels in WPS)."""
    style.element.get_or_add_pPr().append(parse_xml(f'<w:snapToGrid {nsdecls("w")} w:val="0"/>'))


def setup(doc, fonts: Fonts = OFFICIAL) -> None:
    """Defaults, the report's styles, the font table and East Asian language of a new document."""
    styles_el = doc.styles.element
    # docDefaults: explicit body font, Chinese language, no spacing after paragraphs.
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rfonts(rpr_default, fonts.body)
    # The character grid is computed from the default font size: 三号, as the body.
    for tag in ("w:sz", "w:szCs"):
        el = rpr_default.find(qn(tag))
        if el is None:
            el = parse_xml(f'<{tag} {nsdecls("w")}/>')
            rpr_default.append(el)
        el.set(qn("w:val"), str(round(SIZE_3.pt * 2)))
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    if spacing is not None:
        ppr_default.remove(spacing)

    # Every style of the template: no theme fonts; the body font unless it names its own.
    for style_el in styles_el.findall(qn("w:style")):
        rpr = style_el.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        font = fonts.body
        if rfonts is not None and rfonts.get(qn("w:eastAsia")):
            font = rfonts.get(qn("w:eastAsia"))
        set_rfonts(rpr, font)
    # ... and the conditional formats inside table styles (tblStylePr) too.
    for rfonts in list(styles_el.iter(qn("w:rFonts"))):
        if any(rfonts.get(qn(a)) for a in _THEME_ATTRS):
            set_rfonts(rfonts.getparent(), rfonts.get(qn("w:eastAsia")) or fonts.body)

    normal = doc.styles["Normal"]
    normal.font.size = SIZE_3
    normal.font.color.rgb = RGBColor(0, 0, 0)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = BODY_LINE
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.first_line_indent = INDENT_2_CHARS
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _first_line_chars(normal.element)

    title = _style(doc, TITLE, fonts.title, SIZE_2)
    if fonts.title_bold:
        title.font.bold = True
    _no_grid_snap(title)
    tpf = title.paragraph_format
    tpf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tpf.first_line_indent = Pt(0)
    _first_line_chars(title.element, 0)
    tpf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    tpf.line_spacing = TITLE_LINE
    tpf.keep_with_next = True

    heading = _style(doc, HEADING, fonts.heading, SIZE_3)
    heading.paragraph_format.keep_with_next = True
    _outline_level(heading, 0)

    sub = _style(doc, SUBHEADING, fonts.subheading, SIZE_3)
    sub.paragraph_format.keep_with_next = True
    _outline_level(sub, 1)

    for ids, size in ((TABLE_TEXT, SIZE_5), (TABLE_TEXT_SMALL, SIZE_SMALL_5)):
        st = _style(doc, ids, fonts.table, size)
        _no_grid_snap(st)
        spf = st.paragraph_format
        spf.first_line_indent = Pt(0)
        _first_line_chars(st.element, 0)
        spf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        spf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        spf.widow_control = False

    page = _style(doc, PAGE_NUMBER, fonts.page_number, SIZE_4)
    _no_grid_snap(page)
    ppf = page.paragraph_format
    ppf.first_line_indent = Pt(0)
    _first_line_chars(page.element, 0)
    ppf.line_spacing_rule = WD_LINE_SPACING.SINGLE

    # settings: the theme's East Asian language is Chinese, not Japanese.
    settings = doc.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:eastAsia"), "zh-CN")

    _drop_styles_with_effects(doc)
    _font_table(doc)


def _drop_styles_with_effects(doc) -> None:
    """The template's Word-2010 stylesWithEffects part still names theme fonts: leave it out."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


def _font_table(doc) -> None:
    part = next((r.target_part for r in doc.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None:  # pragma: no cover - the default template has one
        return
    root = etree.fromstring(part.blob)
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) in _FONT_TABLE:
            root.remove(font)
    for name, (alt, panose, family, pitch) in _FONT_TABLE.items():
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        root.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}">{alt_xml}<w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/>'
            f'{_GB2312_SIG}</w:font>'))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
