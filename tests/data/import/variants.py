"""Hand-made report files for the importer tests, written the way clerks and portals write them.

Each variant renders a source draft (a bundled sample with a few changes) messily on purpose — label
variants, headers merged or split differently, a table broken in two with its header repeated, 「/」 and
「—」 cells, half-width brackets, thousands separators, full-width digits, stray empty rows/columns, web
pages with navigation and a footer, GBK encoding — and gives the draft the importer must read back:
the source draft with the cells printed as 「/」「—」 left unfilled. The expected draft is derived from the
source here, never from the importer.

`python tests/data/import/variants.py` rewrites the stored inputs and expected drafts beside this file.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.cells import display  # noqa: E402
from app.compute import computed_cells  # noqa: E402
from app.draft import Draft  # noqa: E402
from app.formats.layout import grid  # noqa: E402
from app.storage import load_draft  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def sample_2021() -> Draft:
    return load_draft(SAMPLES / "sample-2025.nianbao")


def seed_2019() -> Draft:
    return load_draft(SAMPLES / "seed-2020-yanchi.nianbao")


def cell_texts(draft: Draft, table_id: str) -> dict[tuple[str, str], str]:
    """What each value cell prints, totals included (complete ones)."""
    table = draft.format.table(table_id)
    totals = computed_cells(draft, table_id)
    out = {}
    for _, row, col in table.cells():
        if table.is_computed(row, col):
            t = totals[(row.id, col.id)]
            out[(row.id, col.id)] = display(col.kind, t.value) if t.complete else ""
        else:
            out[(row.id, col.id)] = display(col.kind, draft.get(table_id, row.id, col.id))
    return out


# ---- Word, typed by hand ------------------------------------------------------------------------

# Cells the clerk wrote as 「/」 or 「—」 (left unfilled on import) and how each prints.
SLASHED_2021 = {("table3", "withheld_secret", "research"): "/", ("table3", "withheld_query", "other"): "—",
                ("table4", "cases", "suit_after_review_other"): "-"}


def expected_handtyped_2021() -> Draft:
    d = sample_2021()
    d.agency = "某某县教育局"
    d.year = 2024
    d.title_lines = ["某某县教育局2024年政府信息公开工作年度报告"]
    d.preamble = d.preamble.replace("2025", "2024").replace("某某市某某区市场监督管理局", "某某县教育局")
    d.fee_statement = "2024年，我局未收取信息处理费。"
    d.section("overview").parts[0].text = "全年主动公开政府信息1,552条（含“三公”经费信息）。"
    d.set("table2", "admin_license", "decisions", 1286)
    d.set("table2", "normative_docs", "in_force", 12)
    for (t, r, c) in SLASHED_2021:
        d.set(t, r, c, None)
    return d


def _docx_text(doc, d: Draft, half_width: bool = True) -> None:
    for line in d.title_lines:
        doc.add_paragraph(line)
    doc.add_paragraph("")
    doc.add_paragraph("　　" + d.preamble)
    for section in d.format.sections:
        heading = section.heading.replace("、", "、 ", 1)  # a stray space after 、
        doc.add_paragraph(heading)
        st = d.section(section.id)
        for line in st.text.split("\n"):
            if line.strip():
                doc.add_paragraph("　　" + line)
        for n, part in enumerate(st.parts):
            number = "一二三四五"[n]
            doc.add_paragraph(f"({number}){part.title}" if half_width else f"（{number}）{part.title}")
            for line in part.text.split("\n"):
                doc.add_paragraph("　　" + line)
        if section.id == "other" and d.fee_statement:
            doc.add_paragraph(d.fee_statement)
        if section.table:
            yield section.table
    doc.add_paragraph("")
    doc.add_paragraph(d.agency)
    doc.add_paragraph("2025年1月20日")


def _set(cell, text: str) -> None:
    cell.text = text


def handtyped_docx_2021(path: Path) -> Draft:
    """A 2021-format report typed in Word from the template, with the usual deviations."""
    import docx

    d = expected_handtyped_2021()
    doc = docx.Document()
    for table_id in _docx_text(doc, d):
        {"table2": _t2_2021, "table3": _t3_broken, "table4": _t4}[table_id](doc, d)
    doc.save(path)
    return d


def _t2_2021(doc, d: Draft) -> None:
    v = cell_texts(d, "table2")
    v[("admin_license", "decisions")] = "1,286"  # thousands separator
    v[("normative_docs", "in_force")] = "12".translate(FULLWIDTH)  # full-width digits
    rows = [
        ("第二十条第(一)项", None),
        ("信息内容", ["本年制发件数", "本年废止件数", "现行有效件数"]),
        ("规  章", [v[("regulations", c)] for c in ("issued", "repealed", "in_force")]),
        ("规范性文件", [v[("normative_docs", c)] for c in ("issued", "repealed", "in_force")]),
        ("第二十条第(五)项", None),
        ("信息内容", ["本年处理决定数量"]),
        ("行政许可", [v[("admin_license", "decisions")]]),
        ("第二十条第(六)项", None),
        ("信息内容", ["本年处理决定数量"]),
        ("行政处罚", [v[("admin_penalty", "decisions")]]),
        ("行政强制", [v[("admin_coercion", "decisions")]]),
        ("第二十条第(八)项", None),
        ("信息内容", ["本年收费金额(单位:万元)"]),
        ("行政事业性收费", [v[("admin_fees", "fee_amount")]]),
    ]
    t = doc.add_table(rows=len(rows), cols=4)
    for i, (label, values) in enumerate(rows):
        cells = t.rows[i].cells
        if values is None:
            merged = cells[0].merge(cells[3])
            _set(merged, label)
            continue
        _set(cells[0], label)
        if len(values) == 1:
            merged = cells[1].merge(cells[3])
            _set(merged, values[0])
        else:
            for j, x in enumerate(values):
                _set(cells[1 + j], x)


_T3_HEADER_NOTE = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
_T3_COLS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")


def _t3_header(t, first_row: int) -> None:
    """Two header rows instead of three: 申请人情况 over the 7 columns, then all leaf labels in one row
    (法人或其他组织 left out), 商业机构 for 商业企业, an empty stray column at the right."""
    r0, r1 = t.rows[first_row].cells, t.rows[first_row + 1].cells
    note = r0[0].merge(r1[2])
    _set(note, _T3_HEADER_NOTE)
    ap = r0[3].merge(r0[9])
    _set(ap, "申请人情况")
    for j, label in enumerate(("自然人", "商业机构", "科研机构", "社会公益组织", "法律服务机构", "其他", "总 计")):
        _set(r1[3 + j], label)


def _t3_rows(d: Draft):
    fmt = d.format
    table = fmt.table("table3")
    for _, row in table.rows():
        yield row


def _t3_broken(doc, d: Draft) -> None:
    """Table 三 in two Word tables (a page break), the header repeated on top of the second."""
    v = cell_texts(d, "table3")
    for (t, r, c), shown in SLASHED_2021.items():
        if t == "table3":
            v[(r, c)] = shown
    rows = list(_t3_rows(d))
    split = [r.id for r in rows].index("unavailable_not_held")
    for part in (rows[:split], rows[split:]):
        extra_blank = 1 if part is rows[:split] else 0  # a stray empty row in the first half
        t = doc.add_table(rows=2 + len(part) + extra_blank, cols=11)
        _t3_header(t, 0)
        r = 2
        if extra_blank:
            r += 1  # left empty
        for row in part:
            cells = t.rows[r].cells
            label = row.label.replace("（", "(").replace("）", ")")
            if row.group:
                _set(cells[1], row.group)
                _set(cells[2], label)
            else:
                merged = cells[0].merge(cells[2]) if row.short in ("一", "二", "四") else cells[1].merge(cells[2])
                _set(merged, label)
                if row.short not in ("一", "二", "四"):
                    _set(cells[0], "三、本年度办理结果")
            for j, c in enumerate(_T3_COLS):
                _set(cells[3 + j], v[(row.id, c)])
            r += 1
        doc.add_paragraph("")


def _t4(doc, d: Draft) -> None:
    v = cell_texts(d, "table4")
    for (t, r, c), shown in SLASHED_2021.items():
        if t == "table4":
            v[(r, c)] = shown
    t = doc.add_table(rows=4, cols=15)
    r0, r1, r2, r3 = (t.rows[i].cells for i in range(4))
    _set(r0[0].merge(r0[4]), "行政复议")
    _set(r0[5].merge(r0[14]), "行政诉讼")
    for j, label in enumerate(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")):
        _set(r1[j].merge(r2[j]), label)
    _set(r1[5].merge(r1[9]), "未经复议直接起诉")
    _set(r1[10].merge(r1[14]), "复议后起诉")
    for k in (5, 10):
        for j, label in enumerate(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")):
            _set(r2[k + j], label)
    cols = [c.id for c in d.format.table("table4").blocks[0].columns]
    for j, c in enumerate(cols):
        _set(r3[j], " " + v[("cases", c)] + " ")


# ---- a 2019-format table 二 in a 2021 report ------------------------------------------------------

def expected_2019_table_in_2021() -> Draft:
    d = expected_handtyped_2021()
    d.year = 2021
    d.title_lines = ["某某县教育局", "2021年政府信息公开工作年度报告"]
    d.preamble = d.preamble.replace("2024", "2021")
    d.fee_statement = "2021年，我局未收取信息处理费。"
    d.tables.pop("table2", None)  # printed in the old format: nothing is read from it
    return d


def old_table2_docx(path: Path) -> Draft:
    import docx

    d = expected_2019_table_in_2021()
    seed = seed_2019()
    doc = docx.Document()
    for table_id in _docx_text(doc, d, half_width=False):
        if table_id == "table2":
            v = cell_texts(seed, "table2")
            t2 = seed.format.table("table2")
            g = grid(t2)
            t = doc.add_table(rows=g.n_rows, cols=g.n_cols)
            for c in g.cells:
                cell = t.cell(c.row, c.col)
                if c.colspan > 1 or c.rowspan > 1:
                    cell = cell.merge(t.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
                _set(cell, v[c.ref] if c.ref else c.text)
        else:
            {"table3": _t3_broken, "table4": _t4}[table_id](doc, d)
    doc.save(path)
    return d


# ---- web pages ------------------------------------------------------------------------------------

def html_table(d: Draft, table_id: str, overrides: dict | None = None) -> str:
    """A table as a CMS publishes it: the template's rowspan/colspan, <p> inside cells, inline styles."""
    table = d.format.table(table_id)
    g = grid(table)
    v = cell_texts(d, table_id)
    v.update(overrides or {})
    rows: dict[int, list] = {}
    for c in g.cells:
        rows.setdefault(c.row, []).append(c)
    out = ['<table border="1" cellspacing="0" style="border-collapse:collapse;width:100%"><tbody>']
    for r in range(g.n_rows):
        out.append("<tr>")
        for c in rows.get(r, []):
            text = v[c.ref] if c.ref else c.text
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            out.append(f'<td{span} style="text-align:center"><p><span style="font-size:12px">'
                       f"{html.escape(text)}</span></p></td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def html_report(d: Draft, charset: str | None, overrides: dict | None = None) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    body = []
    body.append(f"<h1 class='title'>{html.escape(''.join(d.title_lines))}</h1>")
    body.append("<div class='info'><span>发布时间：2026-01-20</span> <span>来源：办公室</span></div>")
    body.append("<div class='TRS_Editor'>")
    body.append(f"<p style='text-indent:2em'>{html.escape(d.preamble)}</p>")
    for section in d.format.sections:
        body.append(f"<p><strong>{html.escape(section.heading)}</strong></p>")
        st = d.section(section.id)
        for line in st.text.split("\n"):
            if line.strip():
                body.append(f"<p>　　{html.escape(line)}</p>")
        for n, part in enumerate(st.parts):
            number = "一二三四五"[n]
            if part.title.endswith("。"):
                first, *rest = part.text.split("\n")
                body.append(f"<p>　　<strong>（{number}）{html.escape(part.title)}</strong>{html.escape(first)}</p>")
            else:
                body.append(f"<p>　　<strong>（{number}）{html.escape(part.title)}</strong></p>")
                rest = part.text.split("\n")
            for line in rest:
                body.append(f"<p>　　{html.escape(line)}</p>")
        if section.id == "other" and d.fee_statement:
            body.append(f"<p>　　{html.escape(d.fee_statement)}</p>")
        if section.table:
            over = {k[1:]: s for k, s in (overrides or {}).items() if k[0] == section.table}
            body.append(html_table(d, section.table, over))
    body.append("</div>")
    nav = ("<div class='nav'><ul><li><a href='/'>首页</a></li><li><a href='/zwgk'>政务公开</a></li>"
           "<li><a href='/nb'>政府信息公开年报</a></li></ul>"
           "<div class='crumb'>当前位置：首页 &gt; 政务公开 &gt; 政府信息公开工作年度报告</div></div>")
    related = ("<div class='related'><p>相关文章</p><ul><li>某某局2019年政府信息公开工作年度报告</li></ul></div>")
    footer = ("<div class='footer'><p>【打印本页】【关闭窗口】</p><p>上一篇：关于某某的通知</p>"
              "<p>版权所有：某某县人民政府 主办单位：某某县人民政府办公室</p>"
              "<p>网站标识码：1234567890 ICP备12345678号</p>"
              "</div><script>var x = '一、总体情况';</script>")
    return (f"<!DOCTYPE html><html><head>{meta}<title>{html.escape(''.join(d.title_lines))}</title>"
            f"<style>p{{margin:0}}</style></head><body>{nav}<div class='main'>{''.join(body)}</div>"
            f"{related}{footer}</body></html>")


CMS_OVERRIDES = {("table3", "withheld_secret", "research"): "／",
                 ("table2", "admin_license", "decisions"): "1 286"}


def _one_title_line(d: Draft) -> Draft:
    d.title_lines = ["".join(d.title_lines)]  # a portal prints the title as one heading
    return d


def expected_cms_2021() -> Draft:
    d = _one_title_line(sample_2021())
    d.set("table3", "withheld_secret", "research", None)
    return d


def cms_page_utf8(path: Path) -> Draft:
    d = expected_cms_2021()
    path.write_text(html_report(sample_2021(), "utf-8", CMS_OVERRIDES), encoding="utf-8")
    return d


def gbk_page(path: Path, declared: bool = True) -> Draft:
    d = _one_title_line(seed_2019())
    path.write_bytes(html_report(d, "gb2312" if declared else None).encode("gbk"))
    return d


VARIANTS = {
    "word-handtyped-2021.docx": handtyped_docx_2021,
    "word-2019-table-in-2021.docx": old_table2_docx,
    "web-cms-2021.html": cms_page_utf8,
    "web-gbk-2020.htm": gbk_page,
    "web-gbk-undeclared-2020.htm": lambda p: gbk_page(p, declared=False),
}


def write_all(folder: Path = HERE) -> None:
    from app.storage import save_draft

    for name, make in VARIANTS.items():
        expected = make(folder / name)
        save_draft(expected, folder / (name + ".expected.nianbao"))
        (folder / (name + ".expected.nianbao.bak")).unlink(missing_ok=True)


if __name__ == "__main__":
    write_all()
