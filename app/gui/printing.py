"""Print, print preview and PDF with Qt's own printing support: no Word, WPS or LibreOffice needed.

    from app.gui.printing import export_pdf
    message = export_pdf(draft, "2025年报.pdf")   # starts a QGuiApplication (offscreen without a display)

The report is laid out from the same report flow as the Word and web exports (same text order, same
tables from the layout grid with real merged cells, same column widths and font sizes as the Word
tables), on A4 with the Word report's 版心 (37/35/28/26 mm margins), 22 lines of 三号 a page, and
「— N —」 page numbers on the outer side. Paragraphs are broken into lines by QTextLayout and paginated
here, and tables drawn cell by cell, because QTextDocument's own pagination of tables with long merged
cells (table 三's 22-row group label) leaves pages half empty. As in the Word report, tables 三 and 四
stay on one page (with their heading) and table 二's blocks are not split; a table longer than a page
repeats its header rows, and a merged cell cut by a page break is drawn with its label on both pages.
Each page is painted with QPainter onto a QPdfWriter or a QPrinter, so PDF, print and preview are one
routine. QPdfWriter embeds the fonts it uses.

Fonts: the report's own fonts where installed, else the closest CJK font the system has; `FontChoice`
says which, and the export message names them.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from .. import APP_NAME, __version__
from ..export import PDF_SUFFIX, check_target, write_report
from ..export import page as wpage
from ..export import styles as wstyles
from ..export import tables as wtables
from ..export.flow import TableBlock, report_flow, title_lines
from ..export.text import GRID_CONDENSE

# Stand-ins, best first, for a report font that is not installed.
_SERIF = ["Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", "SimSun", "宋体", "Songti SC", "STSong"]
_SANS = ["Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "微软雅黑", "PingFang SC",
         "WenQuanYi Micro Hei", "Droid Sans Fallback"]
_STAND_INS = {
    "方正小标宋简体": ["FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun", *_SERIF, *_SANS],
    "仿宋_GB2312": ["仿宋", "FangSong", "STFangsong", *_SERIF, *_SANS],
    "仿宋": ["FangSong", "仿宋_GB2312", "STFangsong", *_SERIF, *_SANS],
    "楷体_GB2312": ["楷体", "KaiTi", "STKaiti", *_SERIF, *_SANS],
    "楷体": ["KaiTi", "楷体_GB2312", "STKaiti", *_SERIF, *_SANS],
    "黑体": ["SimHei", "STHeiti", *_SANS, *_SERIF],
    "宋体": ["SimSun", "STSong", "Songti SC", *_SERIF, *_SANS],
}
_ROLES = (("title", "标题"), ("body", "正文"), ("heading", "一级标题"), ("subheading", "二级标题"),
          ("table", "表格"))


@dataclass(frozen=True)
class FontChoice:
    wanted: dict[str, str]  # role -> the report's font
    used: dict[str, str]  # role -> the family actually drawn

    def family(self, role: str) -> str:
        return self.used[role]

    def message(self) -> str:
        """「字体：……」 for the export message: what was used, and what stood in for a missing font."""
        parts = []
        for role, name in _ROLES:
            want, got = self.wanted[role], self.used[role]
            parts.append(f"{name}{want}" if want == got else f"{name}{want}未安装，改用{got}")
        return "字体：" + "；".join(parts)


def choose_fonts(fonts: wstyles.Fonts) -> FontChoice:
    families = set(QFontDatabase.families())
    wanted = {role: getattr(fonts, role) for role, _ in _ROLES}
    used = {}
    for role, want in wanted.items():
        candidates = [want, *_STAND_INS.get(want, [*_SERIF, *_SANS])]
        used[role] = next((f for f in candidates if f in families), QFont().defaultFamily())
    return FontChoice(wanted, used)


# ---- the layout ---------------------------------------------------------------------------------

LAYOUT_DPI = 600  # a virtual canvas in pixels; painted scaled to the device's resolution
CELL_LEADING = 1.3  # line distance in table cells, in ems (宋体's single line spacing)


class _Units:
    def __init__(self, dpi: float):
        self.dpi = dpi

    def mm(self, v: float) -> float:
        return v / 25.4 * self.dpi

    def pt(self, v: float) -> float:
        return v / 72 * self.dpi


def _font(units: _Units, family: str, size_pt: float, bold: bool = False, spacing_pt: float = 0.0,
          stretch: int = 100) -> QFont:
    """A font sized in canvas pixels, so that layout and painting agree whatever the device's DPI."""
    font = QFont(family)
    font.setPixelSize(max(1, round(units.pt(size_pt))))
    font.setBold(bold)
    font.setHintingPreference(QFont.PreferNoHinting)
    if spacing_pt:
        font.setLetterSpacing(QFont.AbsoluteSpacing, units.pt(spacing_pt))
    if stretch != 100:
        font.setStretch(stretch)
    return font


def _layout_text(runs: list[tuple[str, QFont]], width: float, align, indent: float = 0.0,
                 wrap: bool = True) -> tuple[QTextLayout, list]:
    """Lines of `runs` (text, font) broken to `width`, the first indented; each line at x only."""
    text = "".join(t for t, _ in runs)
    layout = QTextLayout(text, runs[0][1])
    ranges, pos = [], 0
    for t, font in runs:
        fr = QTextLayout.FormatRange()
        fr.start, fr.length = pos, len(t)
        cf = QTextCharFormat()
        cf.setFont(font)
        fr.format = cf
        ranges.append(fr)
        pos += len(t)
    layout.setFormats(ranges)
    opt = QTextOption(align)
    opt.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere if wrap else QTextOption.NoWrap)
    opt.setUseDesignMetrics(True)
    layout.setTextOption(opt)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        x = indent if not lines else 0.0
        line.setLineWidth(max(1.0, width - x))
        line.setPosition(QPointF(x, 0))
        lines.append(line)
    layout.endLayout()
    return layout, lines


class _Pages:
    """Draw operations page by page, laid out top-down in the 版心 (origin: its top-left corner)."""

    def __init__(self, units: _Units):
        self.u = units
        self.width = units.mm(wpage.TEXT_WIDTH_MM)
        self.height = units.mm(wpage.PAGE_HEIGHT_MM - wpage.TOP_MM - wpage.BOTTOM_MM)
        self.pages: list[list] = [[]]
        self.y = 0.0
        self.keep: tuple[int, int, float, float] | None = None  # a heading held with what follows it
        self.segment_top = 0.0  # where the part of a table on the current page starts
        self.keepalive: list = []  # QTextLayouts the operations draw from

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def room(self) -> float:
        return self.height - self.y

    def make_room(self, h: float) -> None:
        """Start a new page unless `h` fits; a held heading moves along to the new page."""
        if h <= self.room() + 0.5 or self.y == 0:
            self.keep = None
            return
        held = self.keep
        self.new_page()
        if held is not None:
            page, first_op, y0, y1 = held
            if page == len(self.pages) - 2:
                ops = self.pages[page][first_op:]
                del self.pages[page][first_op:]
                for op in ops:
                    self.pages[-1].append((op[0] - y0, *op[1:]))
                self.y = y1 - y0
        self.keep = None

    def add(self, y: float, kind: str, *args) -> None:
        self.pages[-1].append((y, kind, *args))


def _paragraph(pages: _Pages, runs, *, line_h: float, align, indent: float = 0.0, before: float = 0.0,
               after: float = 0.0, keep_next: bool = False) -> None:
    layout, lines = _layout_text(runs, pages.width, align, indent)
    pages.keepalive.append(layout)
    if before and pages.y > 0:
        pages.make_room(before + line_h)
        if pages.y > 0:
            pages.y += before
    start = (len(pages.pages) - 1, len(pages.pages[-1]), pages.y)
    for line in lines:
        pages.make_room(line_h)
        if pages.y == 0 and start[0] != len(pages.pages) - 1:
            start = (len(pages.pages) - 1, len(pages.pages[-1]), 0.0)
        # the text sits in the middle of its fixed-height line, as Word's exact line spacing puts it
        pages.add(pages.y, "line", line, (line_h - line.height()) / 2)
        pages.y += line_h
    pages.y += after
    if keep_next and start[0] == len(pages.pages) - 1:
        pages.keep = (start[0], start[1], start[2], pages.y)


@dataclass
class _CellBox:
    cell: object  # flow.Cell
    layout: QTextLayout
    lines: list
    text_h: float
    lead: float  # the distance of the lines: Word's single spacing of 宋体, whatever font stands in


def _table(pages: _Pages, block: TableBlock, choice: FontChoice, space_after: float) -> None:
    u = pages.u
    widths_mm, size = wtables.layout(block)
    col_x = [0.0]
    for w in widths_mm:
        col_x.append(col_x[-1] + u.mm(w))
    pad_x, pad_y = u.mm(wtables.CELL_MARGIN_MM), u.mm(0.5)
    lead = u.pt(size) * CELL_LEADING
    min_row = u.mm(6.5)
    family = choice.family("table")
    g = block.grid
    boxes = []
    for c in block.cells:
        width = col_x[c.col + c.colspan] - col_x[c.col] - 2 * pad_x
        font = _font(u, family, size, bold=c.role == "title")
        if c.role == "value" and c.text:  # a number never wraps: squeezed if it cannot fit
            need = QFontMetricsF(font).horizontalAdvance(c.text)
            if need > width:
                font = _font(u, family, size, stretch=max(50, int(100 * width / need)))
        align = Qt.AlignLeft if c.align == "left" else Qt.AlignHCenter
        layout, lines = _layout_text([(c.text or " ", font)], width, align, wrap=c.role != "value")
        pages.keepalive.append(layout)
        boxes.append(_CellBox(c, layout, lines, lead * len(lines), lead))
    heights = [min_row] * g.n_rows
    for b in boxes:
        if b.cell.rowspan == 1:
            heights[b.cell.row] = max(heights[b.cell.row], b.text_h + 2 * pad_y)
    for b in boxes:
        if b.cell.rowspan > 1:
            rows = range(b.cell.row, b.cell.row + b.cell.rowspan)
            short = b.text_h + 2 * pad_y - sum(heights[r] for r in rows)
            if short > 0:
                heights[rows[-1]] += short

    header = []
    while len(header) in g.header_rows:
        header.append(len(header))
    keep = wtables.keep_rows(block)
    groups, cur = [], []
    for r in range(g.n_rows):
        cur.append(r)
        if not keep[r]:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)

    segment: list[int] = []  # rows on the current page
    first = True

    def flush() -> None:
        if segment:
            _draw_rows(pages, boxes, segment, heights, col_x)

    for grp in groups:
        h = sum(heights[r] for r in grp)
        if h > pages.room() + 0.5 and pages.y > 0:
            if first:
                pages.make_room(h)  # the table starts on the next page, its section heading with it
            else:
                flush()
                segment = []
                pages.new_page()
                if grp[0] not in header and header:  # repeat the header rows, as Word does
                    pages.segment_top = pages.y
                    segment = list(header)
                    pages.y += sum(heights[r] for r in header)
        first = False
        for r in grp:
            if heights[r] > pages.room() + 0.5 and pages.y > 0:  # a group longer than a page
                flush()
                segment = []
                pages.new_page()
                if r not in header and header:
                    pages.segment_top = pages.y
                    segment = list(header)
                    pages.y += sum(heights[h] for h in header)
            if not segment:
                pages.segment_top = pages.y
            segment.append(r)
            pages.y += heights[r]
    flush()
    pages.y += space_after


def _draw_rows(pages: _Pages, boxes, rows: list[int], heights, col_x) -> None:
    """One page's part of a table: `rows` (grid rows, header repeats first) stacked from the segment's top.
    A merged cell cut by the page break is drawn, with its label, on each page it reaches."""
    top = {}
    y = pages.segment_top
    for r in rows:
        top[r] = y
        y += heights[r]
    shown = set(rows)
    for b in boxes:
        c = b.cell
        mine = [r for r in range(c.row, c.row + c.rowspan) if r in shown]
        if not mine:
            continue
        y0 = top[mine[0]]
        y1 = top[mine[-1]] + heights[mine[-1]]
        rect = QRectF(col_x[c.col], y0, col_x[c.col + c.colspan] - col_x[c.col], y1 - y0)
        pages.add(y0, "cell", rect, b)


def build_pages(draft, units: _Units, choice: FontChoice, fonts: wstyles.Fonts) -> _Pages:
    """The whole report laid out in pages (the same flow, fonts and sizes as the Word report)."""
    pages = _Pages(units)
    line_h = units.pt(wstyles.BODY_LINE_PT)
    condense = GRID_CONDENSE / 20
    titles = title_lines(draft)
    for i, t in enumerate(titles):
        font = _font(units, choice.family("title"), wstyles.SIZE_2, fonts.title_bold)
        _paragraph(pages, [(t, font)], line_h=units.pt(35), align=Qt.AlignHCenter,
                   after=line_h if i == len(titles) - 1 else 0.0, keep_next=True)
    indent = units.pt(2 * wstyles.SIZE_3)
    after_table = False
    for item in report_flow(draft):
        if isinstance(item, TableBlock):
            _table(pages, item, choice, 0.0)
            after_table = True
            continue
        if item.kind == "title":
            continue
        role = item.kind if item.kind in ("heading", "subheading") else "body"
        runs = []
        if item.lead:
            runs.append((item.lead, _font(units, choice.family("subheading"), wstyles.SIZE_3, spacing_pt=condense)))
        if item.text or not runs:
            runs.append((item.text or " ", _font(units, choice.family(role), wstyles.SIZE_3, spacing_pt=condense)))
        align = Qt.AlignJustify if role == "body" else Qt.AlignLeft
        _paragraph(pages, runs, line_h=line_h, align=align, indent=indent,
                   before=units.pt(10) if after_table else 0.0, keep_next=role != "body")
        after_table = False
    return pages


# ---- painting pages -------------------------------------------------------------------------------

def paint(draft, device, system_fonts: bool = False) -> tuple[int, FontChoice]:
    """Lay the report out and paint every page on `device` (a QPdfWriter or a QPrinter set to A4 with no
    margins). Returns the page count and the fonts used."""
    fonts = wstyles.fonts_for(system_fonts)
    choice = choose_fonts(fonts)
    units = _Units(LAYOUT_DPI)
    pages = build_pages(draft, units, choice, fonts)
    number_font = _font(units, _number_family(choice, fonts), wstyles.SIZE_4)
    pen = QPen(Qt.black)
    pen.setWidthF(units.pt(0.5))
    painter = QPainter(device)
    scale = device.logicalDpiX() / LAYOUT_DPI
    try:
        for n, ops in enumerate(pages.pages, start=1):
            if n > 1:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(units.mm(wpage.LEFT_MM), units.mm(wpage.TOP_MM))
            painter.setPen(pen)
            for y, kind, *args in ops:
                if kind == "line":
                    line, dy = args
                    line.draw(painter, QPointF(0, y + dy))
                elif kind == "cell":
                    rect, box = args
                    painter.drawRect(rect)
                    pad_x = units.mm(wtables.CELL_MARGIN_MM)
                    ty = rect.top() + (rect.height() - box.text_h) / 2
                    for line in box.lines:
                        line.draw(painter, QPointF(rect.left() + pad_x, ty + (box.lead - line.height()) / 2))
                        ty += box.lead
            painter.restore()
            painter.save()
            painter.scale(scale, scale)
            _page_number(painter, units, n, number_font)
            painter.restore()
    finally:
        painter.end()
    return len(pages.pages), choice


def _number_family(choice: FontChoice, fonts: wstyles.Fonts) -> str:
    families = set(QFontDatabase.families())
    want = fonts.page_number
    return next((f for f in [want, *_STAND_INS.get(want, _SERIF)] if f in families), choice.family("table"))


def _page_number(painter: QPainter, units: _Units, n: int, font: QFont) -> None:
    """「— N —」 7 mm below the 版心, one 四号 character in from its outer edge: right on odd pages, left on
    even ones (GB/T 9704, as the Word report)."""
    painter.setFont(font)
    painter.setPen(Qt.black)
    top = units.mm(wpage.PAGE_HEIGHT_MM - wpage.BOTTOM_MM + 7) - units.pt(wstyles.SIZE_4) / 2
    inset = units.pt(wstyles.SIZE_4)
    rect = QRectF(units.mm(wpage.LEFT_MM) + inset, top, units.mm(wpage.TEXT_WIDTH_MM) - 2 * inset,
                  units.pt(wstyles.SIZE_4) * 1.5)
    align = (Qt.AlignRight if n % 2 else Qt.AlignLeft) | Qt.AlignTop
    painter.drawText(rect, align, f"{wpage.DASH} {n} {wpage.DASH}")


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Millimeter)


def pdf_bytes(draft, system_fonts: bool = False, resolution: int = 600) -> tuple[bytes, int, FontChoice]:
    """The PDF as bytes, its page count and the fonts used. Needs a QGuiApplication."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(resolution)
    writer.setPageLayout(a4_layout())
    writer.setTitle(" ".join(title_lines(draft)))
    writer.setCreator(f"{APP_NAME} {__version__}")
    if hasattr(writer, "setAuthor"):
        writer.setAuthor(draft.agency)
    pages, choice = paint(draft, writer, system_fonts)
    del writer  # finishes the PDF
    buf.close()
    families = [*choice.used.values(), _number_family(choice, wstyles.fonts_for(system_fonts))]
    return fix_to_unicode(bytes(data.data()), misread_characters(families, report_text(draft))), pages, choice


def report_text(draft) -> str:
    """Every character the PDF draws."""
    parts = [*title_lines(draft), wpage.DASH, "0123456789"]
    for item in report_flow(draft):
        if isinstance(item, TableBlock):
            parts += [c.text for c in item.cells]
        else:
            parts += [item.lead, item.text]
    return "".join(parts)


_TO_UNICODE_REF = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def misread_characters(families: list[str], text: str) -> dict[int, int]:
    """Qt writes each font's ToUnicode map from the font's cmap, taking the lowest code point that maps to
    a glyph. CJK fonts draw 一 (U+4E00) and the Kangxi radical ⼀ (U+2F00), 民 and ⺠, 户 and 戶 with one
    glyph, so the PDF's text would read ⼀、总体情况 (search, copy and paste, screen readers, the portal's
    indexer). Returns, for the characters of `text`, Qt's wrong code point -> the right one."""
    chars = sorted({ch for ch in text if 0x2000 <= ord(ch) <= 0xFFFF})
    if not chars:
        return {}
    probe_cps = [cp for cp in range(0x2000, 0x10000) if not 0xD800 <= cp <= 0xDFFF]
    probe = "".join(map(chr, probe_cps))
    fix: dict[int, int] = {}
    for family in dict.fromkeys(families):
        raw = QRawFont.fromFont(QFont(family))
        if not raw.isValid():
            continue
        lowest: dict[int, int] = {}
        for cp, gid in zip(probe_cps, raw.glyphIndexesForString(probe), strict=False):
            if gid and gid not in lowest:
                lowest[gid] = cp
        for ch, gid in zip(chars, raw.glyphIndexesForString("".join(chars)), strict=False):
            wrong = lowest.get(gid)
            if wrong is not None and wrong != ord(ch):
                fix[wrong] = ord(ch)
    return fix


def fix_to_unicode(pdf: bytes, fix: dict[int, int]) -> bytes:
    """The ToUnicode maps with `fix` applied to their Unicode destinations. Qt writes the maps as plain
    text and four hex digits replace four, in place, so no offset in the file moves."""
    if not fix:
        return pdf

    def dest(m: re.Match) -> bytes:
        cp = int(m.group(1), 16)
        return b"<%04X>" % fix[cp] if cp in fix else m.group(0)

    out = bytearray(pdf)
    for ref in set(_TO_UNICODE_REF.findall(pdf)):
        start = pdf.find(b"\n" + ref + b" 0 obj")
        begin = pdf.find(b"stream\n", start) if start >= 0 else -1
        end = pdf.find(b"endstream", begin) if begin >= 0 else -1
        if end < 0 or b"/Filter" in pdf[start:begin]:
            continue
        lines = []
        for line in pdf[begin:end].split(b"\n"):
            codes = list(_HEX4.finditer(line))
            # bfchar "<src> <dst>", bfrange "<lo> <hi> <dst>" or "<lo> <hi> [<dst> ...]": the source codes
            # (glyph ids of the subset) stay, the destinations are folded
            n_src = 2 if (b"[" in line or len(codes) == 3) else 1
            if len(codes) > n_src:
                cut = codes[n_src - 1].end()
                line = line[:cut] + _HEX4.sub(dest, line[cut:])
            lines.append(line)
        fixed = b"\n".join(lines)
        if len(fixed) == end - begin:
            out[begin:end] = fixed
    return bytes(out)


def ensure_app() -> QGuiApplication:
    """The running Qt application, or a QGuiApplication for the command line. On Linux the command line
    always draws offscreen: a PDF needs no display, and an unreachable $DISPLAY (ssh, a closed session)
    would make Qt abort instead of exporting."""
    app = QGuiApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([APP_NAME])


def export_pdf(draft, path, system_fonts: bool = False) -> str:
    """Write the report as a PDF (atomically); returns the message to show. Raises ExportError."""
    path = check_target(path, PDF_SUFFIX)
    ensure_app()
    data, pages, choice = pdf_bytes(draft, system_fonts)
    write_report(Path(path), data)
    return f"已导出 {path}（A4，{pages}页；{choice.message()}）"
