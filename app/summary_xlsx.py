"""The 汇总 as an Excel workbook, for the supervisors who work in Excel or WPS.

Sheets: 各单位情况 (the status table, units needing attention first), one sheet per statutory table drawn
from the same grid placement as the window and the Word report (labels verbatim, merged cells as in the
template) holding the units' sum, and 核对 (incomplete cells, the checks of the sum, the differences from
the area report). Numbers are written as numbers (amounts exactly as summed, with their decimals shown);
every text is written as text, so a unit or file name starting with "=" is never taken for a formula.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .compute import computed_cells
from .errors import ExportError, os_error_text
from .formats import get_format
from .formats.layout import grid
from .formats.types import Table
from .storage import atomic_write
from .summary import SummaryResult, figures_of

STATUS_SHEET = "各单位情况"
CHECK_SHEET = "核对"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
_INCOMPLETE_FILL = PatternFill("solid", fgColor="FFF2CC")
_ATTENTION_FILL = PatternFill("solid", fgColor="FBE3E3")


def sheet_name(table: Table) -> str:
    return table.name  # 表二, 表三, 表四


def write_xlsx(result: SummaryResult, path: Path) -> None:
    """Write the workbook atomically; ExportError (Chinese, naming the file) when it cannot be written."""
    data = build_xlsx(result)
    try:
        atomic_write(Path(path), data)
    except FileNotFoundError:
        raise ExportError(f"无法保存到「{path}」：文件夹「{Path(path).parent}」不存在") from None
    except PermissionError:
        raise ExportError(f"无法保存到「{path}」：没有写入权限，或文件正被Excel/WPS等程序打开") from None
    except OSError as e:
        raise ExportError(f"无法保存到「{path}」：{os_error_text(e)}") from None


def build_xlsx(result: SummaryResult) -> bytes:
    wb = Workbook()
    _status_sheet(wb.active, result)
    if result.draft is not None:
        for table in result.format.tables:
            _table_sheet(wb.create_sheet(sheet_name(table)), table, result)
    _check_sheet(wb.create_sheet(CHECK_SHEET), result)
    for ws in wb.worksheets:
        _fit_row_heights(ws)
    for ws in wb.worksheets:  # printed: landscape A4, as wide as the page, as many pages long as needed
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _fit_row_heights(ws) -> None:
    """Row heights for wrapped text: Excel and LibreOffice do not grow rows of a written file themselves."""
    widths = {}
    for rng in ws.merged_cells.ranges:
        widths[(rng.min_row, rng.min_col)] = (sum(_width(ws, c) for c in range(rng.min_col, rng.max_col + 1)),
                                              rng.max_row - rng.min_row + 1)
    need: dict[int, int] = {}
    for row in ws.iter_rows():
        for c in row:
            if not isinstance(c.value, str) or not c.alignment.wrap_text:
                continue
            width, rows = widths.get((c.row, c.column), (_width(ws, c.column), 1))
            lines = sum(max(1, -(-_display_len(line) // max(1, int(width * 0.95)))) for line in c.value.split("\n"))
            need[c.row] = max(need.get(c.row, 1), -(-lines // rows))
    for r, lines in need.items():
        if lines > 1:
            ws.row_dimensions[r].height = 15 * lines


def _width(ws, col: int) -> float:
    return ws.column_dimensions[get_column_letter(col)].width or 8.43


def _display_len(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _text(cell, value: str) -> None:
    """A text cell: never a formula, and without the control characters an .xlsx cannot hold."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"


def _number(cell, value) -> None:
    """A number cell; an amount keeps its decimal places on display (24252.311082, not 24252.31)."""
    if isinstance(value, str):
        value = Decimal(value)
        places = max(0, -value.as_tuple().exponent)
        cell.number_format = "0" if places == 0 else "0." + "0" * places
    cell.value = value


def _status_sheet(ws, result: SummaryResult) -> None:
    ws.title = STATUS_SHEET
    fmt = result.format or get_format("2021")
    figures = figures_of(fmt)
    heads = ["单位", "文件", "类型", "年度", "格式", "错误", "提醒", "未填", *(f.label for f in figures),
             "未计入原因", "主要问题"]
    title = f"{result.year}年度政府信息公开工作年度报告汇总：各单位情况" if result.year else "各单位情况"
    _text(ws.cell(1, 1), title)
    ws.cell(1, 1).font = _TITLE
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    _text(ws.cell(2, 1), f"共{len(result.units)}个文件，计入汇总{len(result.included)}个单位"
                         f"（{fmt.name}）；需要处理的单位排在前面。")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(heads))
    for col, head in enumerate(heads, 1):
        c = ws.cell(3, col)
        _text(c, head)
        c.font, c.alignment, c.fill, c.border = _BOLD, _CENTER, _HEAD_FILL, _BORDER
    for i, u in enumerate(result.units, 4):
        row = [u.name, u.path.name, u.kind, u.year, get_format(u.format_id).name if u.format_id else None,
               u.errors if u.year is not None else None, u.warnings if u.year is not None else None,
               u.missing if u.year is not None else None, *(u.figures.get(f.id) for f in figures),
               u.excluded or "", "\n".join(u.messages)]
        for col, value in enumerate(row, 1):
            c = ws.cell(i, col)
            if isinstance(value, str):
                _text(c, value)
            elif value is not None:
                _number(c, value)
            c.border = _BORDER
            c.alignment = _LEFT if isinstance(value, str) else _CENTER
            if u.unreadable or (u.included and u.errors):
                c.fill = _ATTENTION_FILL
    widths = [24, 28, 8, 8, 14, 7, 7, 7, *([12] * len(figures)), 36, 60]
    for col, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = w
    ws.freeze_panes = "B4"
    if result.units:
        ws.auto_filter.ref = f"A3:{get_column_letter(len(heads))}{len(result.units) + 3}"


def _table_sheet(ws, table: Table, result: SummaryResult) -> None:
    draft = result.draft
    g = grid(table)
    totals = computed_cells(draft, table.id)
    incomplete = {(i.row, i.column): i for i in result.incomplete if i.table == table.id}
    top = 3  # rows 1-2: the table's title and what was summed
    _text(ws.cell(1, 1), f"{table.name} {table.title}")
    ws.cell(1, 1).font = _TITLE
    _text(ws.cell(2, 1), f"{draft.agency or '各单位汇总'} {draft.year}年度 · {len(result.included)}个单位合计"
                         + ("（黄色格有单位未填写，合计不完整，见「核对」）" if incomplete else ""))
    for r in (1, 2):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=g.n_cols)
    for p in g.cells:
        row, col = top + p.row, 1 + p.col
        c = ws.cell(row, col)
        if p.rowspan > 1 or p.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + p.rowspan - 1,
                           end_column=col + p.colspan - 1)
            for rr in range(row, row + p.rowspan):
                for cc in range(col, col + p.colspan):
                    ws.cell(rr, cc).border = _BORDER
        c.border = _BORDER
        if p.role != "value":
            _text(c, p.text)
            c.alignment = _CENTER if p.role in ("header", "title") else _LEFT
            if p.role in ("header", "title"):
                c.font, c.fill = _BOLD, _HEAD_FILL
            continue
        c.alignment = _CENTER
        row_id, col_id = p.ref
        if p.computed:
            total = totals[(row_id, col_id)]
            value = total.value if total.complete else None
        else:
            value = draft.get(table.id, row_id, col_id)
        if value is not None:
            _number(c, value)
        else:
            c.fill = _INCOMPLETE_FILL
            gap = incomplete.get((row_id, col_id))
            if gap is not None:
                c.comment = Comment(ILLEGAL_CHARACTERS_RE.sub("", gap.message), "年报助手", width=320, height=160)
    for col in range(1, g.n_cols + 1):
        label = col <= table.label_columns
        ws.column_dimensions[get_column_letter(col)].width = (44 if col == table.label_columns else 14) if label \
            else (12 if table.id != "table2" else 22)


def _check_sheet(ws, result: SummaryResult) -> None:
    heads = ("类别", "内容")
    for col, head in enumerate(heads, 1):
        c = ws.cell(1, col)
        _text(c, head)
        c.font, c.fill, c.border = _BOLD, _HEAD_FILL, _BORDER
    rows: list[tuple[str, str]] = [("说明", n) for n in result.notes]
    rows += [("合计不完整", i.message) for i in result.incomplete]
    rows += [(f"汇总表{f.severity.chinese}", f.message) for f in result.table_findings() if f.rule != "cell-missing"]
    if result.area is not None:
        rows += [("与本地区报告不一致", f.message) for f in result.area_findings]
        if not result.area_findings:
            rows.append(("与本地区报告核对", f"「{result.area.name}」与各单位合计逐格一致"))
    if not rows:
        rows.append(("核对", "各单位合计完整，汇总表没有发现错误"))
    for i, (kind, text) in enumerate(rows, 2):
        _text(ws.cell(i, 1), kind)
        _text(ws.cell(i, 2), text)
        ws.cell(i, 2).alignment = _LEFT
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 120
