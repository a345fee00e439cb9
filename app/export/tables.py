"""The statutory tables as Word XML, drawn cell for cell from the report flow's layout grid.

Spans, header rows and value cells all come from `app.formats.layout` (through `flow.TableBlock`), as
the GUI and the web page draw them. This module decides what Word and WPS need on top:

- column widths from what is printed: every value column gets the room its longest number needs
  (measured at the table's font size), taken from the label columns down to three quarters of the
  template's width; when that is not enough the table drops one font size (小五 -> 六号); a number that
  still cannot fit is squeezed horizontally (w:w, 字符缩放) and its cell marked w:noWrap, so a number
  never wraps;
- fixed widths that agree in tblW, tblGrid and every tcW (WPS reads gridCol, Word reads tcW);
- single line spacing and no grid snapping in cells (an exact or grid line height clips two-line
  labels in WPS);
- header rows repeated on a new page, rows that never split, and table 三 kept on one page (every row
  keeps with the next), so its group labels 三、本年度办理结果 / （三）不予公开 are never cut off.

Each table is written as one XML string: python-docx's per-cell calls cost more than the rest of the
export together.
"""

from __future__ import annotations

import unicodedata

from .flow import TableBlock
from .page import TEXT_WIDTH_MM
from .styles import OFFICIAL, TABLE_TEXT, TABLE_TEXT_SMALL, Fonts, rfonts
from .xmltext import escape

TEXT_WIDTH_TWIPS = round(TEXT_WIDTH_MM / 25.4 * 1440)  # 8844
CELL_MARGIN_MM = 1.0  # left/right inside each cell (Word's default is 1.9 mm)
ROW_HEIGHT_TWIPS = round(6.5 / 25.4 * 1440)  # minimum row height; rows grow with wrapped labels
MIN_ROWS_AFTER_HEADER = 6  # a table longer than a page keeps this many data rows with its header
ONE_PAGE_ROWS = 40  # tables up to this many grid rows (三: 27 or 29) are kept on one page
PT_PER_MM = 72 / 25.4
MIN_SCALE = 50  # w:w: the narrowest horizontal squeeze of a number that cannot fit (percent)

# Label columns give way to numbers down to this share of the template's width (labels wrap more).
LABEL_FLOOR = 0.75
# Digits are half an em in 宋体, but the substitutes LibreOffice and WPS fall back to on a PC without 宋体
# (DejaVu Sans, Noto) are up to 0.64 em: measure for the widest, so a number never wraps anywhere.
DIGIT_EM = 0.64


def text_width_pt(text: str, size_pt: float) -> float:
    """The printed width of `text`: CJK characters one em, digits, signs and Latin DIGIT_EM."""
    em = 0.0
    for ch in text:
        em += 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else DIGIT_EM
    return em * size_pt


def _template_widths(block: TableBlock) -> list[float]:
    """The template's look in mm, summing to 156: table 二 one wide label column and equal value columns;
    table 三 three label columns narrow / medium / wide (三、本年度办理结果 | （三）不予公开 |
    1.属于国家秘密); table 四 fifteen equal columns."""
    n_cols = block.grid.n_cols
    labels = block.table.label_columns
    values = n_cols - labels
    if labels == 0:
        return [TEXT_WIDTH_MM / values] * values
    if labels == 1:
        label_mm = [48.0 if values <= 3 else TEXT_WIDTH_MM * 0.3]
    elif labels == 3:
        label_mm = [12.0, 20.0, 46.0]
    else:
        label_mm = [TEXT_WIDTH_MM * 0.45 / labels] * labels
    rest = TEXT_WIDTH_MM - sum(label_mm)
    return label_mm + [rest / values] * values


def _sizes(block: TableBlock) -> tuple[float, ...]:
    """The table's font size and the one smaller size it may drop to when its numbers need the room:
    小五 then 六号 for the wide tables 三 and 四, 五号 then 小五 for table 二."""
    return (9.0, 7.5) if block.small else (10.5, 9.0)


def _fit(block: TableBlock, size: float) -> tuple[list[float], bool]:
    """Widths at `size`, and whether every number fits without squeezing."""
    widths = _template_widths(block)
    labels = block.table.label_columns
    margins = 2 * CELL_MARGIN_MM
    need = [0.0] * len(widths)
    for c in block.cells:
        if c.role == "value" and c.colspan == 1 and c.text:
            need[c.col] = max(need[c.col], text_width_pt(c.text, size) / PT_PER_MM + margins + 0.3)
    floor = [widths[i] * LABEL_FLOOR if i < labels else need[i] for i in range(len(widths))]
    for i in range(len(widths)):
        widths[i] = max(widths[i], need[i])
    # Value columns wider than the template take the room from the label columns (to their floor), then
    # from the other value columns' spare room.
    excess = sum(widths) - TEXT_WIDTH_MM
    for donors in (range(labels), range(labels, len(widths))):
        if excess <= 1e-9:
            break
        spare = {i: widths[i] - floor[i] for i in donors if widths[i] > floor[i]}
        total = sum(spare.values())
        if total <= 0:
            continue
        take = min(excess, total)
        for i, sp in spare.items():
            widths[i] -= take * sp / total
        excess -= take
    if excess > 1e-9:  # the numbers do not fit: shrink all alike; they are squeezed (w:w) to fit
        factor = TEXT_WIDTH_MM / sum(widths)
        return [w * factor for w in widths], False
    return widths, True


def layout(block: TableBlock) -> tuple[list[float], float]:
    """Column widths in mm (summing to the 156 mm 版心) and the font size in pt: the template's proportions
    at the table's own size when its numbers fit, else at the smaller size (see the module docstring)."""
    sizes = _sizes(block)
    for size in sizes:
        widths, ok = _fit(block, size)
        if ok:
            return widths, size
    return widths, sizes[-1]


def twips(widths_mm: list[float]) -> list[int]:
    out = [round(w / 25.4 * 1440) for w in widths_mm]
    out[-1] += TEXT_WIDTH_TWIPS - sum(out)
    return out


def _repeating_header(block: TableBlock) -> set[int]:
    """Header rows that Word may repeat: only a run of rows from the table's first row."""
    rows, r = set(), 0
    while r in block.grid.header_rows:
        rows.add(r)
        r += 1
    return rows


def keep_rows(block: TableBlock) -> list[bool]:
    """Which rows keep with the next one. Table 二: each block (title, header, rows) on one page. Table 三
    and 四: the whole table on one page. A table longer than a page would keep only its header with its
    first few data rows, so it never starts with a lonely header at the foot of a page."""
    g = block.grid
    if block.table.label_columns == 1 and len(block.table.blocks) > 1:
        starts = {c.row for c in g.cells if c.role == "title"} | {0}
        return [r + 1 < g.n_rows and (r + 1) not in starts for r in range(g.n_rows)]
    if g.n_rows <= ONE_PAGE_ROWS:
        return [r + 1 < g.n_rows for r in range(g.n_rows)]
    last_kept = max(g.header_rows, default=-1) + MIN_ROWS_AFTER_HEADER
    return [r < last_kept for r in range(g.n_rows)]


def _run(text: str, font: str, half_points: int, scale: int = 100) -> str:
    w = f'<w:w w:val="{scale}"/>' if scale < 100 else ""
    return (f'<w:r><w:rPr>{rfonts(font)}{w}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
            f'</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def table_xml(block: TableBlock, fonts: Fonts = OFFICIAL) -> str:
    """The whole <w:tbl> as one XML string."""
    g = block.grid
    widths_mm, size = layout(block)
    half_points = round(size * 2)
    style_id = (TABLE_TEXT_SMALL if block.small else TABLE_TEXT)[0]
    widths = twips(widths_mm)
    margin = round(CELL_MARGIN_MM / 25.4 * 1440)
    header_rows = _repeating_header(block)
    keep = keep_rows(block)
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    out = ['<w:tbl><w:tblPr>'
           f'<w:tblW w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>'
           + "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
           + '</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
           f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")

    starts = {(c.row, c.col): c for c in block.cells}
    of_placed = {id(c.placed): c for c in block.cells}
    # Each grid row lists a w:tc for every cell starting in it and a vMerge continuation for every cell
    # reaching down into it from above (what Word writes for merged cells).
    for r in range(g.n_rows):
        out.append("<w:tr><w:trPr><w:cantSplit/>")
        if r in header_rows:
            out.append("<w:tblHeader/>")
        out.append(f'<w:trHeight w:val="{ROW_HEIGHT_TWIPS}" w:hRule="atLeast"/></w:trPr>')
        c = 0
        while c < g.n_cols:
            cell = starts.get((r, c))
            head = cell or of_placed[id(g.at(r, c))]
            width = sum(widths[c:c + head.colspan])
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
            if head.colspan > 1:
                out.append(f'<w:gridSpan w:val="{head.colspan}"/>')
            if head.rowspan > 1:
                out.append('<w:vMerge w:val="restart"/>' if cell is not None else "<w:vMerge/>")
            value = head.role == "value"
            if value:
                out.append("<w:noWrap/>")
            out.append('<w:vAlign w:val="center"/></w:tcPr>')
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>')
            if keep[r]:
                out.append("<w:keepNext/>")
            out.append(f'<w:jc w:val="{head.align}"/></w:pPr>')
            if cell is not None and cell.text:
                scale = 100
                if value:
                    room = (width / 20) - 2 * CELL_MARGIN_MM * PT_PER_MM
                    need = text_width_pt(cell.text, size)
                    if need > room:
                        scale = max(MIN_SCALE, int(100 * room / need))
                out.append(_run(cell.text, fonts.table, half_points, scale))
            out.append("</w:p></w:tc>")
            c += head.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
