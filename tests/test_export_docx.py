"""The Word export read back with python-docx: tables cell for cell, page setup, fonts, text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import SAMPLE_2021, SEED
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from export_readback import NUMBER, parse_expected, rows_from_layout, run_fonts, table_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cells import display
from app.compute import computed_cells
from app.draft import SubPart, new_draft
from app.export import build_document, to_bytes
from app.formats.layout import grid
from app.storage import load_draft

SAMPLES = {"2019": SEED, "2021": SAMPLE_2021}
SEED_TEXT = Path(__file__).parent / "data" / "seed-000_2e5524cc18545b14.txt"


def read_back(draft) -> Document:
    return Document(io.BytesIO(to_bytes(draft)))


@pytest.fixture(scope="module")
def exported():
    """Each sample's draft and its export, read back (built once per module)."""
    out = {}
    for fid, path in SAMPLES.items():
        draft = load_draft(path)
        out[fid] = (draft, read_back(draft))
    return out


def tables_by_id(draft, doc) -> dict:
    ids = [s.table for s in draft.format.sections if s.table]
    assert len(doc.tables) == len(ids)
    return dict(zip(ids, doc.tables, strict=True))


# ---- tables ------------------------------------------------------------------------------------

def expected_from_definition(draft, table_id: str):
    """The grid derived from the format definition, with the draft's values and totals independently
    looked up (not through the exporter's cell_text)."""
    table = draft.format.table(table_id)
    totals = computed_cells(draft, table_id)

    def text(c):
        if c.ref is None:
            return c.text
        kind = table.column(*c.ref).kind
        if c.computed:
            t = totals[c.ref]
            return display(kind, t.value) if t.complete else ""
        return display(kind, draft.get(table_id, *c.ref))

    return rows_from_layout(grid(table), text)


@pytest.mark.parametrize("fid", ["2019", "2021"])
@pytest.mark.parametrize("table_id", ["table2", "table3", "table4"])
def test_table_grid_matches_the_format_definition(exported, fid, table_id):
    draft, doc = exported[fid]
    got = table_rows(tables_by_id(draft, doc)[table_id]._tbl)
    assert got == expected_from_definition(draft, table_id)


@pytest.mark.parametrize("fid", ["2019", "2021"])
@pytest.mark.parametrize("table_id", ["table2", "table3", "table4"])
def test_table_grid_matches_the_hand_written_template(exported, fid, table_id):
    draft, doc = exported[fid]
    got = table_rows(tables_by_id(draft, doc)[table_id]._tbl)
    expected = parse_expected(f"{table_id}-{fid}.txt")
    for i, (g, e) in enumerate(zip(got, expected, strict=False)):
        assert g == e, f"{table_id}-{fid} row {i + 1}"
    assert len(got) == len(expected)


def test_result_label_spans_all_result_rows(exported):
    for fid, span in (("2019", 20), ("2021", 22)):
        draft, doc = exported[fid]
        rows = table_rows(tables_by_id(draft, doc)["table3"]._tbl)
        assert ("三、本年度办理结果", span, 1) in rows[5]


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_every_value_cell_of_a_complete_draft_is_printed(exported, fid):
    draft, doc = exported[fid]
    for table_id, t in tables_by_id(draft, doc).items():
        placed = sorted(grid(draft.format.table(table_id)).cells, key=lambda c: (c.row, c.col))
        printed = [cell for row in table_rows(t._tbl) for cell in row]
        assert len(placed) == len(printed)
        values = [text for c, (text, _, _) in zip(placed, printed, strict=True) if c.role == "value"]
        assert values and all(NUMBER.match(v) for v in values), f"{table_id}: a blank cell"


def test_table_properties(exported):
    draft, doc = exported["2021"]
    width_twips = round(156 / 25.4 * 1440)
    for table_id, t in tables_by_id(draft, doc).items():
        tbl = t._tbl
        tblPr = tbl.tblPr
        assert tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert int(tblPr.find(qn("w:tblW")).get(qn("w:w"))) == width_twips
        grid_cols = [int(gc.get(qn("w:w"))) for gc in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid_cols) == width_twips
        borders = tblPr.find(qn("w:tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            assert borders.find(qn(f"w:{side}")).get(qn("w:val")) == "single", side
        g = grid(draft.format.table(table_id))
        repeat = [i for i, tr in enumerate(tbl.tr_lst) if tr.trPr.find(qn("w:tblHeader")) is not None]
        assert repeat == list(g.header_rows)
        for tr in tbl.tr_lst:
            assert tr.trPr.find(qn("w:cantSplit")) is not None
            col = 0
            for tc in tr.tc_lst:
                assert tc.tcPr.vAlign_val is not None
                assert tc.tcPr.width.twips == sum(grid_cols[col:col + tc.grid_span])
                col += tc.grid_span
            assert col == len(grid_cols)
        # widths: no column of a table is narrower than two characters of its font plus margins
        size = 9 if g.n_cols >= 6 else 10.5
        assert min(grid_cols) / 20 >= 2 * size + 2 * 2.8, (table_id, grid_cols)
    assert repeat == [0, 1, 2]  # table 四 (and table 三 above) repeat their three header rows


def test_table_cell_alignment(exported):
    draft, doc = exported["2021"]
    t3 = tables_by_id(draft, doc)["table3"]
    by_text = {}
    for tr in t3._tbl.tr_lst:
        for tc in tr.tc_lst:
            for p in tc.p_lst:
                text = "".join(x.text or "" for x in p.iter(qn("w:t")))
                jc = p.pPr.find(qn("w:jc")).get(qn("w:val"))
                by_text.setdefault(text, jc)
    assert by_text["1.属于国家秘密"] == "left"
    assert by_text["一、本年新收政府信息公开申请数量"] == "left"
    assert by_text["（三）不予公开"] == "center"
    assert by_text["三、本年度办理结果"] == "center"
    assert by_text["自然人"] == "center"
    assert by_text["51"] == "center"


def test_money_and_signed_values_print_as_entered(exported):
    draft, doc = exported["2021"]
    t2 = table_rows(tables_by_id(draft, doc)["table2"]._tbl)
    assert ("12.456300", 1, 3) in t2[-1]
    draft, doc = exported["2019"]
    t2 = table_rows(tables_by_id(draft, doc)["table2"]._tbl)
    assert [c[0] for c in t2[10]] == ["行政处罚", "7", "+2", "16"]
    d = load_draft(SEED)
    d.set("table2", "admin_penalty", "change", -18)
    rows = table_rows(tables_by_id(d, read_back(d))["table2"]._tbl)
    assert rows[10][2][0] == "-18"


def test_unfilled_cells_print_empty_and_zero_prints_0():
    d = new_draft(2025, "某某局")
    d.set("table3", "new_received", "natural_person", 0)
    d.set("table3", "new_received", "commercial", 3)
    doc = read_back(d)
    rows = table_rows(tables_by_id(d, doc)["table3"]._tbl)
    assert [c[0] for c in rows[3][1:]] == ["0", "3", "", "", "", "", ""]  # total incomplete: empty
    for col in ("research", "social_welfare", "legal_service", "other"):
        d.set("table3", "new_received", col, 0)
    rows = table_rows(tables_by_id(d, read_back(d))["table3"]._tbl)
    assert [c[0] for c in rows[3][1:]] == ["0", "3", "0", "0", "0", "0", "3"]


# ---- page --------------------------------------------------------------------------------------

def test_page_setup(exported):
    _, doc = exported["2021"]
    s = doc.sections[0]
    for got, mm in ((s.page_width, 210), (s.page_height, 297), (s.top_margin, 37), (s.bottom_margin, 35),
                    (s.left_margin, 28), (s.right_margin, 26)):
        assert abs(got - Mm(mm)) < Mm(0.1), (got.mm, mm)
    assert abs((s.page_width - s.left_margin - s.right_margin) - Mm(156)) < Mm(0.1)
    assert abs((s.page_height - s.top_margin - s.bottom_margin) - Mm(225)) < Mm(0.1)
    assert doc.settings.odd_and_even_pages_header_footer


def _footer_info(footer):
    p = footer.paragraphs[0]
    xml = p._p
    instr = "".join(x.text for x in xml.iter(qn("w:instrText")))
    kinds = [f.get(qn("w:fldCharType")) for f in xml.iter(qn("w:fldChar"))]
    return p, instr, kinds


def test_footer_page_numbers_odd_right_even_left(exported):
    _, doc = exported["2021"]
    s = doc.sections[0]
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        assert not footer.is_linked_to_previous
        p, instr, kinds = _footer_info(footer)
        assert instr.strip() == "PAGE"
        assert kinds == ["begin", "separate", "end"]
        assert p.text == "— 1 —"  # the cached field result between the two dashes
        assert p.alignment == align
        ind = p._p.pPr.find(qn("w:ind"))
        side = "right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left"
        assert ind.get(qn(f"w:{side}")) == "280"  # one 四号 character in from the edge
        for run in p.runs:
            assert run.font.size == Pt(14)
            f = run_fonts(run)
            assert f["eastAsia"] == "宋体" and f["ascii"] == "宋体"


# ---- fonts -------------------------------------------------------------------------------------

def _style_id(p):
    ppr = p._p.pPr
    el = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return el.get(qn("w:val")) if el is not None else "Normal"


def test_fonts_of_title_headings_body_and_tables(exported):
    draft, doc = exported["2021"]
    kinds = {}
    for p in doc.paragraphs:
        for run in p.runs:
            kinds.setdefault(_style_id(p), set()).add((run_fonts(run)["eastAsia"], run.font.size.pt))
    assert kinds["NbTitle"] == {("方正小标宋简体", 22)}
    assert kinds["NbHeading1"] == {("黑体", 16)}
    assert kinds["NbHeading2"] == {("楷体_GB2312", 16)}
    assert kinds["Normal"] == {("仿宋_GB2312", 16)}
    title = [p.text for p in doc.paragraphs if _style_id(p) == "NbTitle"]
    assert title == draft.title_lines
    assert doc.styles["年报标题"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    sizes = {}
    for table_id, t in tables_by_id(draft, doc).items():
        for row in t._tbl.tr_lst:
            for r in row.iter(qn("w:r")):
                rf = r.rPr.find(qn("w:rFonts"))
                sizes.setdefault(table_id, set()).add((rf.get(qn("w:eastAsia")), r.rPr.sz_val.pt))
    assert sizes == {"table2": {("宋体", 10.5)}, "table3": {("宋体", 9)}, "table4": {("宋体", 9)}}


def test_every_run_and_style_names_its_east_asian_font_and_no_theme_font(exported):
    _, doc = exported["2019"]
    theme_attrs = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")
    parts = [doc.element, doc.styles.element, doc.sections[0].footer._element,
             doc.sections[0].even_page_footer._element]
    for part in parts:
        for rf in part.iter(qn("w:rFonts")):
            assert not any(rf.get(qn(f"w:{a}")) for a in theme_attrs)
            assert rf.get(qn("w:eastAsia")), rf.getparent().getparent().tag
    for r in doc.element.body.iter(qn("w:r")):
        assert r.rPr is not None and r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    for style in doc.styles.element.findall(qn("w:style")):
        rf = style.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert rf.get(qn("w:eastAsia")), style.get(qn("w:styleId"))
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert doc.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    rels = [r.reltype for r in doc.part.rels.values()]
    assert not any(t.endswith("/stylesWithEffects") for t in rels)


def test_font_table_declares_fallbacks():
    doc = read_back(load_draft(SEED))
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    xml = part.blob.decode("utf-8")
    assert re.search(r'w:name="方正小标宋简体"><w:altName w:val="宋体"/>', xml)
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', xml)
    assert re.search(r'w:name="楷体_GB2312"><w:altName w:val="楷体"/>', xml)


def test_body_paragraph_format(exported):
    _, doc = exported["2021"]
    normal = doc.styles["Normal"]
    pf = normal.paragraph_format
    assert pf.line_spacing == Pt(28.95) and pf.line_spacing_rule == 4  # EXACTLY
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200" and ind.get(qn("w:firstLine")) == "640"
    assert abs(Mm(225) / pf.line_spacing - 22) < 0.1  # 22 lines on the 225 mm 版心
    for sid in ("NbTitle", "NbTable", "NbTableSmall"):
        ind = doc.styles.element.get_by_id(sid).pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLineChars")) == "0"


# ---- text --------------------------------------------------------------------------------------

def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_headings_and_order(exported):
    for fid in ("2019", "2021"):
        draft, doc = exported[fid]
        headings = [p.text for p in doc.paragraphs if _style_id(p) == "NbHeading1"]
        assert headings == [s.heading for s in draft.format.sections]
    draft, doc = exported["2021"]
    texts = _texts(doc)
    assert texts[2] == draft.preamble
    # the fee statement sits inside section 六's text, before its closing 「无其他…」 sentence
    assert texts[-2] == draft.fee_statement and texts[-1] == "本年度无其他需要报告的事项。"
    body = doc.element.body
    kinds = [child.tag.split("}")[1] for child in body if child.tag != qn("w:sectPr")]
    # headings 二, 三 and 四 are each followed by their table
    for heading in [s.heading for s in draft.format.sections if s.table]:
        i = next(i for i, child in enumerate(body) if child.tag == qn("w:p") and
                 "".join(t.text for t in child.iter(qn("w:t"))) == heading)
        assert kinds[i + 1] == "tbl"


def test_sub_parts_as_headings_2021(exported):
    draft, doc = exported["2021"]
    subs = [p.text for p in doc.paragraphs if _style_id(p) == "NbHeading2"]
    assert subs == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障"]
    texts = _texts(doc)
    i = texts.index("（一）主动公开")
    assert texts[i + 1] == draft.section("overview").parts[0].text


def test_sub_parts_run_in_like_the_seed(exported):
    draft, doc = exported["2019"]
    parts = draft.section("overview").parts
    paras = [p for p in doc.paragraphs if p.text.startswith("（一）")]
    assert len(paras) == 1
    p = paras[0]
    assert _style_id(p) == "Normal"
    assert p.text == "（一）" + parts[0].title + parts[0].text
    assert p.runs[0].text == "（一）切实加强组织领导，完善政务公开机制。"
    assert run_fonts(p.runs[0])["eastAsia"] == "楷体_GB2312"
    assert run_fonts(p.runs[1])["eastAsia"] == "仿宋_GB2312"
    assert [q.text[:3] for q in doc.paragraphs if q.text[:1] == "（" and q.text[2:3] == "）"] == \
        ["（一）", "（二）", "（三）"]


def test_paragraph_rules_and_empty_sub_parts_are_skipped():
    d = new_draft(2025, "某某局")
    d.section("overview").text = "第一段\n\n\n第二段\r\n　　第三段（全角空格缩进）\n   \n"
    d.section("overview").parts = [SubPart(title="主动公开", text="甲\n乙"), SubPart(), SubPart(title="", text=""),
                                   SubPart(title="依申请公开", text=""), SubPart(title="", text="只有文字。")]
    d.section("problems").text = "问题。\n改进。"
    texts = _texts(read_back(d))
    i = texts.index("一、总体情况")
    assert texts[i + 1:i + 10] == ["第一段", "第二段", "第三段（全角空格缩进）", "（一）主动公开", "甲", "乙",
                                   "（二）依申请公开", "（三）只有文字。", "二、主动公开政府信息情况"]
    j = texts.index("五、存在的主要问题及改进情况")
    assert texts[j + 1:j + 3] == ["问题。", "改进。"]


def test_control_characters_are_removed_and_unusual_characters_kept():
    d = new_draft(2025, "某某局\x00")
    nasty = "前\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff\ud800后"
    d.title_lines = ["某某局\x07", "2025年\x1b年度报告"]
    d.preamble = nasty
    d.section("overview").parts = [SubPart(title="主动\x02公开", text="表情😀与生僻字𠀀𪚥\x0c保留")]
    d.section("other").text = "\u2028".join(["行一", "行二"])
    d.fee_statement = "收费\x00说明"
    texts = _texts(read_back(d))
    assert texts[:3] == ["某某局", "2025年年度报告", "前后"]
    assert "（一）主动公开" in texts and "表情😀与生僻字𠀀𪚥保留" in texts
    assert texts[-3:] == ["行一", "行二", "收费说明"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.one_of(st.characters(), st.characters(categories=["Cs", "Cc", "Cf", "Co"])),
               max_size=80))
def test_any_text_exports(text):
    """Whatever the clerk pastes (any code point, lone surrogates included) exports without a crash."""
    d = new_draft(2025, "某某局")
    d.preamble = text
    d.section("overview").parts = [SubPart(title=text, text=text)]
    doc = build_document(d)
    doc.save(io.BytesIO())


def test_very_long_section_exports():
    d = new_draft(2025, "某某局")
    para = "这是一段很长的文字，用于检验导出在正文很长时仍然正常。" * 40
    d.section("overview").text = "\n".join([para] * 60)  # about 60,000 characters
    texts = _texts(read_back(d))
    assert texts.count(para) == 60


# ---- the seed report ---------------------------------------------------------------------------

def _norm(s: str) -> str:
    s = s.replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", "", s)


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="seed text not in tests/data")
def test_seed_export_reproduces_the_seed_report(exported):
    draft, doc = exported["2019"]
    seed = SEED_TEXT.read_text(encoding="utf-8")
    lines = [line for line in seed.splitlines() if line.strip()]
    table_lines = [line for line in lines if "\t" in line]
    prose = [line for line in lines if "\t" not in line]
    body = _norm("".join(p.text for p in doc.paragraphs))
    for line in prose:  # every heading and paragraph (the seed breaks one paragraph across pages)
        assert _norm(line) in body, line
    headings = [p.text for p in doc.paragraphs if _style_id(p) == "NbHeading1"]
    for h in headings:
        assert h in prose
    # every number of the seed's tables, as a multiset, equals the numbers printed in the export
    seed_numbers = sorted(f.strip() for line in table_lines for f in line.split("\t") if NUMBER.match(f.strip()))
    ours = sorted(c[0] for t in doc.tables for row in table_rows(t._tbl) for c in row if NUMBER.match(c[0]))
    assert seed_numbers == ours
    # row by row where the seed prints a row label: table 二 and the first rows of table 三
    printed = {row[0][0]: [c[0] for c in row[1:]] for t in doc.tables for row in table_rows(t._tbl) if row}
    for line in table_lines:
        fields = [f.strip() for f in line.split("\t")]
        label = fields[0]
        if label in printed and all(NUMBER.match(f) for f in fields[1:] if f):
            assert [f for f in fields[1:] if f] == printed[label], label
