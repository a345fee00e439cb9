"""The statutory tables, drawn cell for cell from `app.formats.layout.grid` (never by hand per table).

Spans, header rows and value cells all come from the layout the GUI uses too. This module only decides
what Word needs on top: column widths that fit the 156 mm 版心, the table font size, borders, centring,
repeated header rows and rows that never split across pages.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Twips
from docx.text.paragraph import Paragraph

from ..cells import display
from ..compute import computed_cells
from ..formats.layout import Grid, Placed, grid
from ..formats.types import Table
from . import styles
from .page import TEXT_WIDTH_MM

TEXT_WIDTH_TWIPS = round(TEXT_WIDTH_MM / 25.4 * 1440)  # 8844
CELL_MARGIN = Mm(1)  # left/right inside each cell (Word's default is 1.9 mm)
ROW_HEIGHT = Mm(6.5)  # minimum row height; rows grow with wrapped labels
SMALL_FONT_COLUMNS = 6  # tables this wide (三: 10 columns, 四: 15) use 小五
MIN_ROWS_AFTER_HEADER = 6  # a long table keeps this many data rows on the page of its header


def column_widths_mm(table: Table, n_cols: int) -> list[float]:
    """Column widths in mm, summing to the 156 mm text width.

    Table 二 (one label column, three value columns) gives the labels room for 「其他对外管理服务事项」
    on one line. Table 三's three label columns are narrow / medium / wide, as the template draws them
    (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密): wide enough that most leaf labels take one
    line, which keeps the table close to one page. Its value columns hold two 小五 characters a line
    (商业/企业, 社会/公益/组织), except the first and last (自然人, 总计), which hold three, so that
    「自然人」 and five-digit totals stay on one line. Table 四 has no label column: fifteen equal columns
    of two 小五 characters each (结果/维持).
    """
    labels = table.label_columns
    values = n_cols - labels
    if labels == 0:
        return [TEXT_WIDTH_MM / values] * values
    if labels == 1:
        label_mm = [48.0 if values <= 3 else TEXT_WIDTH_MM * 0.3]
        rest = TEXT_WIDTH_MM - sum(label_mm)
        return label_mm + [rest / values] * values
    if labels == 3 and values >= 3:
        label_mm = [12.0, 20.0, 46.0]
        outer = 12.0
        inner = (TEXT_WIDTH_MM - sum(label_mm) - 2 * outer) / (values - 2)
        return label_mm + [outer] + [inner] * (values - 2) + [outer]
    label_mm = [TEXT_WIDTH_MM * 0.45 / labels] * labels
    rest = TEXT_WIDTH_MM - sum(label_mm)
    return label_mm + [rest / values] * values


def _twips(widths_mm: list[float]) -> list[int]:
    out = [round(w / 25.4 * 1440) for w in widths_mm]
    out[-1] += TEXT_WIDTH_TWIPS - sum(out)
    return out


def cell_text(draft, table: Table, cell: Placed, totals) -> str:
    """What a grid cell prints: its label, or the value (computed totals only when complete)."""
    if cell.ref is None:
        return cell.text
    row_id, col_id = cell.ref
    col = table.column(row_id, col_id)
    if cell.computed:
        total = totals[(row_id, col_id)]
        return display(col.kind, total.value) if total.complete else ""
    return display(col.kind, draft.get(table.id, row_id, col_id))


def _alignment(table: Table, cell: Placed):
    if cell.role == "label" and table.label_columns > 1 and cell.rowspan == 1:
        return WD_ALIGN_PARAGRAPH.LEFT  # table 三's row labels read from the left, as in the template
    return WD_ALIGN_PARAGRAPH.CENTER


def _table_properties(tbl) -> None:
    """Width, centring, fixed layout, borders on every cell and narrow cell margins."""
    tblPr = tbl.tblPr
    look = tblPr.find(qn("w:tblLook"))
    for child in list(tblPr):
        if child.tag not in (qn("w:tblStyle"),):
            tblPr.remove(child)
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    margin = round(CELL_MARGIN.pt * 20)
    for xml in (
        f'<w:tblW {nsdecls("w")} w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/>',
        f'<w:jc {nsdecls("w")} w:val="center"/>',
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>",
        f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>',
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="0" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>',
    ):
        tblPr.append(parse_xml(xml))
    if look is not None:
        tblPr.append(look)


def _row_properties(row, header: bool) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header:
        trPr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    row.height = ROW_HEIGHT
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _repeating_header(g: Grid) -> set[int]:
    """Header rows that Word may repeat: only a run of rows from the table's first row."""
    rows, r = set(), 0
    while r in g.header_rows:
        rows.add(r)
        r += 1
    return rows


def _keep_rows(g: Grid) -> list[bool]:
    """Which rows keep with the next one: a block (title, header, data) of table 二 and the small table 四
    stay on one page; a long table (三) keeps its header with its first few data rows, so that it never
    starts with a lonely header at the foot of a page."""
    starts = {c.row for c in g.cells if c.role == "title"} | {0}
    if g.n_rows <= 16:
        return [r + 1 < g.n_rows and (r + 1) not in starts for r in range(g.n_rows)]
    last_kept = max(g.header_rows, default=-1) + MIN_ROWS_AFTER_HEADER
    return [r < last_kept for r in range(g.n_rows)]


def add_table(doc, draft, table: Table):
    """Append `table` to `doc` as a Word table; returns the python-docx Table."""
    g = grid(table)
    totals = computed_cells(draft, table.id)
    widths = _twips(column_widths_mm(table, g.n_cols))
    small = g.n_cols >= SMALL_FONT_COLUMNS
    style_id = (styles.TABLE_TEXT_SMALL if small else styles.TABLE_TEXT)[0]
    size = styles.SIZE_SMALL_5 if small else styles.SIZE_5

    t = doc.add_table(rows=0, cols=g.n_cols)
    _table_properties(t._tbl)
    for i, w in enumerate(widths):
        t.columns[i].width = Twips(w)

    header_rows = _repeating_header(g)
    keep = _keep_rows(g)
    starts = {(c.row, c.col): c for c in g.cells}

    # Built as XML row by row: each grid row lists a w:tc for every cell starting in it and a vMerge
    # continuation for every cell reaching down into it from above (what Word writes for merged cells).
    for r in range(g.n_rows):
        tr = t._tbl.add_tr()
        row = t.rows[r]
        _row_properties(row, r in header_rows)
        c = 0
        while c < g.n_cols:
            cell = starts.get((r, c))
            head = cell or g.at(r, c)
            tc = tr.add_tc()
            tcPr = tc.get_or_add_tcPr()
            tcPr.width = Twips(sum(widths[c:c + head.colspan]))
            tcPr.grid_span = head.colspan
            if head.rowspan > 1:
                tcPr.vMerge_val = "restart" if cell is not None else "continue"
            tcPr.vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para = Paragraph(tc.p_lst[0] if tc.p_lst else tc.add_p(), t)
            para._p.get_or_add_pPr().style = style_id
            para.alignment = _alignment(table, head)
            if keep[r]:
                para.paragraph_format.keep_with_next = True
            if cell is not None:
                text = cell_text(draft, table, cell, totals)
                if text:
                    styles.set_run_font(para.add_run(text), styles.TABLE_FONT, size)
            c += head.colspan
    return t
