"""The web-page export: one self-contained UTF-8 .html for the agency's portal. No Qt here.

    from app.export.html import to_html, fragment_html
    to_html(draft)        # the whole page (no scripts, no external CSS, fonts or images)
    fragment_html(draft)  # the report's <div> alone, for the clipboard (复制网页内容)

Portal CMS rich-text editors keep tables, spans and inline styles but drop <style> blocks and classes,
so every element carries its own look inline: borders, alignment, fonts. The tables are the layout grid
(app.formats.layout) with real rowspan/colspan, exactly as the Word tables are. lxml builds the tree,
so whatever the clerk typed is escaped as text.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import builder as E

from .. import APP_NAME, __version__
from .flow import Para, TableBlock, report_flow, title_lines

CONTENT_WIDTH_PX = 1000  # the usual content column of a government portal page

# Font stacks: the official font, what Windows/WPS and macOS name its stand-in, then any CJK font.
_SERIF_TAIL = '"Noto Serif CJK SC", "Source Han Serif SC", serif'
_SANS_TAIL = '"Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
FONTS = {
    "title": f'"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", STZhongsong, "宋体", SimSun, {_SERIF_TAIL}',
    "body": f'"仿宋_GB2312", FangSong_GB2312, "仿宋", FangSong, STFangsong, {_SERIF_TAIL}',
    "heading": f'"黑体", SimHei, STHeiti, {_SANS_TAIL}',
    "subheading": f'"楷体_GB2312", KaiTi_GB2312, "楷体", KaiTi, STKaiti, {_SERIF_TAIL}',
    "table": f'"宋体", SimSun, STSong, {_SERIF_TAIL}',
}

_PARA_STYLE = {
    "title": f"margin:0;text-align:center;font-family:{FONTS['title']};font-size:28px;line-height:1.6;"
             "font-weight:normal",
    "heading": f"margin:0;text-indent:2em;font-family:{FONTS['heading']};font-size:20px;line-height:1.8;"
               "font-weight:normal",
    "subheading": f"margin:0;text-indent:2em;font-family:{FONTS['subheading']};font-size:20px;"
                  "line-height:1.8;font-weight:normal",
    "body": f"margin:0;text-indent:2em;text-align:justify;font-family:{FONTS['body']};font-size:20px;"
            "line-height:1.8",
}
_TABLE_STYLE = ("border-collapse:collapse;width:100%;max-width:{w}px;margin:12px auto 20px auto;"
                "font-family:{f};font-size:{s}px;line-height:1.4;color:#000")
_CELL_STYLE = ("border:1px solid #000;padding:3px 4px;text-align:{a};vertical-align:middle;"
               "font-weight:normal{extra}")


def _paragraph(p: Para):
    if p.kind == "title":
        return E.H1(p.text, style=_PARA_STYLE["title"])
    if p.kind == "heading":
        return E.H2(p.text, style=_PARA_STYLE["heading"])
    if p.kind == "subheading":
        return E.H3(p.text, style=_PARA_STYLE["subheading"])
    el = E.P(style=_PARA_STYLE["body"])
    if p.lead:
        el.append(E.SPAN(p.lead, style=f"font-family:{FONTS['subheading']}"))
        el[-1].tail = p.text
    else:
        el.text = p.text
    return el


def column_percents(block: TableBlock) -> list[float]:
    """Column widths in % of the table: label columns wide enough for most labels on one line, value
    columns equal (table 三: 自然人 and 总计 on one line at 1000 px)."""
    n = block.grid.n_cols
    labels = block.table.label_columns
    values = n - labels
    if labels == 0:
        return [100 / n] * n
    label_pcts = {1: [40.0] if values <= 3 else [30.0], 3: [7.0, 10.0, 30.0]}.get(labels, [45 / labels] * labels)
    rest = (100 - sum(label_pcts)) / values
    return label_pcts + [rest] * values


def _table(block: TableBlock):
    size = 14 if block.small else 16
    tbl = E.TABLE(style=_TABLE_STYLE.format(w=CONTENT_WIDTH_PX, f=FONTS["table"], s=size))
    tbl.set("border", "1")  # for editors that also drop inline border styles
    tbl.set("cellspacing", "0")
    tbl.set("cellpadding", "3")
    tbl.set("data-table", block.table.id)
    colgroup = E.COLGROUP()
    for pct in column_percents(block):
        colgroup.append(E.COL(style=f"width:{pct:.2f}%"))
    tbl.append(colgroup)
    head_rows = set(block.grid.header_rows)
    # The leading run of header rows becomes <thead>: browsers repeat it on every printed page.
    lead = 0
    while lead in head_rows:
        lead += 1
    thead, tbody = E.THEAD(), E.TBODY()
    for r, cells in enumerate(block.rows()):
        tr = E.TR()
        for c in cells:
            header = c.role in ("header", "title")
            # Numbers never break inside; labels may wrap.
            extra = ";white-space:nowrap" if c.role == "value" else ""
            if c.role == "title":
                extra += ";font-weight:bold"
            td = (E.TH if header else E.TD)(c.text, style=_CELL_STYLE.format(a=c.align, extra=extra))
            if c.rowspan > 1:
                td.set("rowspan", str(c.rowspan))
            if c.colspan > 1:
                td.set("colspan", str(c.colspan))
            if c.role == "value" and c.placed.ref:
                td.set("data-cell", "/".join(c.placed.ref))
            tr.append(td)
        (thead if r < lead else tbody).append(tr)
    if len(thead):
        tbl.append(thead)
    tbl.append(tbody)
    return tbl


def _report_div(draft):
    div = E.DIV(style=f"max-width:{CONTENT_WIDTH_PX}px;margin:0 auto;color:#000;background:#fff")
    div.set("class", "nianbao-report")
    flow = report_flow(draft)
    for i, item in enumerate(flow):
        div.append(_table(item) if isinstance(item, TableBlock) else _paragraph(item))
        if isinstance(item, Para) and item.kind == "title" and not _is_title(flow, i + 1):
            div[-1].set("style", div[-1].get("style") + ";margin-bottom:0.6em")  # a blank line under the title
    return div


def _is_title(flow, i: int) -> bool:
    return i < len(flow) and isinstance(flow[i], Para) and flow[i].kind == "title"


def fragment_html(draft) -> str:
    """The report's <div> as an HTML fragment (what 复制网页内容 puts on the clipboard)."""
    return etree.tostring(_report_div(draft), encoding="unicode", method="html")


def to_html(draft) -> str:
    """The whole web page as a string (UTF-8 declared in the page)."""
    title = " ".join(title_lines(draft))
    page = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.META(name="generator", content=f"{APP_NAME} {__version__}"),
            E.TITLE(title),
        ),
        E.BODY(_report_div(draft), style="margin:0;padding:24px 16px;background:#fff"),
        lang="zh-CN",
    )
    return "<!DOCTYPE html>\n" + etree.tostring(page, encoding="unicode", method="html") + "\n"


def to_bytes(draft) -> bytes:
    return to_html(draft).encode("utf-8")
