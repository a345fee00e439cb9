"""The Word report's fixes found on real data, checked in the file and in LibreOffice's rendering:
numbers never broken, 28 characters a line, table 三 on one page, file properties, fonts, WPS widths."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from collections import Counter

import pytest
from conftest import SAMPLE_2021, SEED
from docx import Document
from docx.oxml.ns import qn

from app import APP_NAME, __version__
from app.cli import main
from app.draft import new_draft
from app.export import export_docx, to_bytes
from app.export.flow import table_block
from app.export.tables import PT_PER_MM, layout, text_width_pt
from app.storage import load_draft

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
needs_lo = pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed (make test installs it)")

# 28 different characters, no punctuation (line-breaking rules would move punctuation), repeated.
PLAIN = "政府信息公开工作年度报告本机关依法主动公开各类文件并及时答复申请人的请求事项"


def big_draft():
    """7-digit values in every input cell; the totals run to 8 and 9 digits."""
    draft = load_draft(SAMPLE_2021)
    n = 0
    for table in draft.format.tables:
        for _, row, col in table.input_cells():
            n += 1
            if col.kind.value == "money":
                draft.set(table.id, row.id, col.id, f"{9000000 + n}.25")
            elif col.kind.value == "signed":
                draft.set(table.id, row.id, col.id, -(9000000 + n))
            else:
                draft.set(table.id, row.id, col.id, 9000000 + n)
    return draft


def grid_draft():
    draft = new_draft(2025, "某某局")
    draft.preamble = PLAIN * 6
    return draft


def printed_numbers(draft) -> list[str]:
    out = []
    for table in draft.format.tables:
        for c in table_block(draft, table).cells:
            if c.role == "value" and c.text:
                out.append(c.text)
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name -> (draft, [page texts]) through LibreOffice."""
    if LIBREOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    work = tmp_path_factory.mktemp("word-fixes")
    drafts = {"big": big_draft(), "grid": grid_draft(), "2019": load_draft(SEED), "2021": load_draft(SAMPLE_2021)}
    paths = [export_docx(d, work / f"{name}.docx") for name, d in drafts.items()]
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), *map(str, paths)],
                   check=True, capture_output=True, timeout=300)
    out = {}
    for name, d in drafts.items():
        text = subprocess.run(["pdftotext", str(work / f"{name}.pdf"), "-"], check=True, capture_output=True,
                              text=True).stdout
        out[name] = (d, text.split("\f"))
    return out


# ---- numbers never break ----------------------------------------------------------------------

@needs_lo
def test_seven_digit_values_and_nine_digit_totals_print_whole(rendered):
    draft, pages = rendered["big"]
    expected = Counter(printed_numbers(draft))
    assert max(len(n) for n in expected) >= 9  # the grand totals
    tokens = Counter(re.findall(r"(?<![\d.])[+-]?\d+(?:\.\d+)?(?![\d.])", "\n".join(pages)))
    missing = expected - tokens
    assert not missing, f"numbers broken or missing on the page: {dict(missing)}"


def test_value_columns_are_as_wide_as_their_longest_number():
    """Table 三 gives its numbers room (六号, label columns narrower); table 四's fifteen columns cannot hold
    fifteen 7- and 8-digit numbers, so those are squeezed (w:w) just enough; the samples keep the template."""
    draft = big_draft()
    doc = Document(io.BytesIO(to_bytes(draft)))
    for table, t in zip(draft.format.tables, doc.tables, strict=True):
        block = table_block(draft, table)
        widths, size = layout(block)
        assert abs(sum(widths) - 156) < 1e-6
        if table.id == "table2":
            for c in block.cells:
                if c.role == "value" and c.colspan == 1:
                    assert widths[c.col] * PT_PER_MM >= text_width_pt(c.text, size), (table.id, c.text)
        for tc in t._tbl.iter(qn("w:tc")):
            runs = list(tc.iter(qn("w:r")))
            text = "".join(x.text for x in tc.iter(qn("w:t")))
            if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
                continue
            room = int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 20 - 2 * PT_PER_MM
            w = runs[0].rPr.find(qn("w:w"))
            scale = int(w.get(qn("w:val"))) / 100 if w is not None else 1.0
            assert text_width_pt(text, size) * scale <= room + 0.01, (table.id, text)
    for path in (SEED, SAMPLE_2021):  # everyday numbers: the template's widths and sizes
        d = load_draft(path)
        sizes = [layout(table_block(d, t))[1] for t in d.format.tables]
        assert sizes == [10.5, 9.0, 9.0]
        assert [round(w, 1) for w in layout(table_block(d, d.format.table("table3")))[0][:3]] == [12.0, 20.0, 46.0]


def test_every_value_cell_is_no_wrap():
    doc = Document(io.BytesIO(to_bytes(big_draft())))
    for t in doc.tables:
        for tc in t._tbl.iter(qn("w:tc")):
            text = "".join(x.text for x in tc.iter(qn("w:t")))
            if re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
                assert tc.tcPr.find(qn("w:noWrap")) is not None, text


# ---- 28 characters a line ---------------------------------------------------------------------

@needs_lo
def test_body_lines_hold_28_characters(rendered):
    _, pages = rendered["grid"]
    lines = [ln.strip() for ln in pages[0].splitlines() if ln.strip() and set(ln.strip()) <= set(PLAIN)]
    assert len(lines) >= 5, lines
    assert len(lines[0]) == 26  # the first line is indented by two characters
    for ln in lines[1:-1]:
        assert len(ln) == 28, ln


def test_line_grid_and_condensed_body_runs():
    doc = Document(io.BytesIO(to_bytes(grid_draft())))
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    body_runs = [r for p in doc.paragraphs if p.style.style_id == "Normal" for r in p.runs]
    assert body_runs and all(r._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5" for r in body_runs)
    # 156 mm / (16 pt - 0.25 pt): room for 28 characters, not 29
    line_pt = 156 / 25.4 * 72
    assert int(line_pt / (16 - 0.25)) == 28


# ---- table 三 on one page ----------------------------------------------------------------------

@needs_lo
@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_table3_is_on_one_page_with_its_group_labels(rendered, fid):
    """Every label of table 三 (pdftotext may break a label that wraps in its cell: its first four
    characters stand for it) is on one page, and on no other."""
    draft, pages = rendered[fid]
    table = draft.format.table("table3")
    labels = {row.label for _, row in table.rows()} | {row.group for _, row in table.rows() if row.group}
    labels.add("三、本年度")
    flat = [re.sub(r"\s+", "", p) for p in pages]
    hits = [sorted(lb for lb in labels if lb[:4] in page) for page in flat]
    on = [i for i, h in enumerate(hits) if h]
    assert len(on) == 1, {i: hits[i] for i in on}
    assert hits[on[0]] == sorted(labels)
    assert "三、收到和处理政府信息公开申请情况" in flat[on[0]]  # and its heading with it


def test_every_row_of_table3_keeps_with_the_next():
    doc = Document(io.BytesIO(to_bytes(load_draft(SAMPLE_2021))))
    t3 = doc.tables[1]._tbl
    rows = t3.tr_lst
    for tr in rows[:-1]:
        for p in tr.iter(qn("w:p")):
            assert p.pPr.find(qn("w:keepNext")) is not None
        assert tr.trPr.find(qn("w:cantSplit")) is not None


# ---- file properties --------------------------------------------------------------------------

def test_file_properties_are_the_reports_own():
    draft = load_draft(SAMPLE_2021)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    data = to_bytes(draft)
    doc = Document(io.BytesIO(data))
    cp = doc.core_properties
    assert cp.author == draft.agency and cp.last_modified_by == draft.agency
    created = cp.created.replace(tzinfo=dt.timezone.utc)
    assert before - dt.timedelta(seconds=1) <= created <= dt.datetime.now(dt.timezone.utc)
    assert cp.modified == cp.created and cp.revision == 1
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        app = z.read("docProps/app.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
        types = z.read("[Content_Types].xml").decode("utf-8")
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    # no theme at all: WPS lets a theme's fonts override the explicit ones
    assert sorted(names) == sorted([
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
        "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
        "word/footer1.xml", "word/footer2.xml"])
    assert "customXml" not in types and "thumbnail" not in types
    assert f"<Application>{APP_NAME} {__version__}</Application>" in app
    assert f"<Company>{draft.agency}</Company>" in app
    assert "Microsoft" not in app and "<Pages>" not in app
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)


def test_a_very_long_agency_name_is_cut_to_what_core_properties_hold():
    draft = new_draft(2025, "某" * 300)
    doc = Document(io.BytesIO(to_bytes(draft)))
    assert doc.core_properties.author == "某" * 255
    assert doc.paragraphs[0].text == "某" * 300  # the title itself is not cut


# ---- fonts --------------------------------------------------------------------------------------

def _east_asian_fonts(doc) -> Counter:
    return Counter(rf.get(qn("w:eastAsia")) for rf in doc.element.body.iter(qn("w:rFonts")))


def test_official_fonts_by_default_and_system_fonts_on_request():
    draft = load_draft(SAMPLE_2021)
    official = _east_asian_fonts(Document(io.BytesIO(to_bytes(draft))))
    assert {"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"} == set(official)
    doc = Document(io.BytesIO(to_bytes(draft, system_fonts=True)))
    system = _east_asian_fonts(doc)
    assert set(system) == {"宋体", "仿宋", "楷体", "黑体"}
    title = doc.paragraphs[0]
    assert title.runs[0].bold and title.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    styles_xml = doc.styles.element
    assert not [rf for rf in styles_xml.iter(qn("w:rFonts")) if "GB2312" in (rf.get(qn("w:eastAsia")) or "")]


def test_font_table_signature_lets_word_substitute():
    data = to_bytes(load_draft(SEED))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        fonts = z.read("word/fontTable.xml").decode("utf-8")
    for name, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")):
        m = re.search(rf'<w:font w:name="{name}">(.*?)</w:font>', fonts)
        assert m, name
        assert f'<w:altName w:val="{alt}"/>' in m.group(1)
        assert '<w:charset w:val="86"/>' in m.group(1) and 'w:csb0="00040000"' in m.group(1)


def test_cli_system_fonts(seed_path, tmp_path):
    out = tmp_path / "系统字体.docx"
    assert main(["export", str(seed_path), "-o", str(out), "--system-fonts"]) == 0
    assert set(_east_asian_fonts(Document(str(out)))) == {"宋体", "仿宋", "楷体", "黑体"}


# ---- WPS: fixed widths agree, no exact line height in cells, no grid snapping --------------------

def test_table_widths_agree_and_cells_have_no_exact_line_height():
    doc = Document(io.BytesIO(to_bytes(big_draft())))
    for t in doc.tables:
        tbl = t._tbl
        total = int(tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
        cols = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(cols) == total
        for tr in tbl.tr_lst:
            col = 0
            for tc in tr.tc_lst:
                assert int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) == sum(cols[col:col + tc.grid_span])
                col += tc.grid_span
            for p in tr.iter(qn("w:p")):
                sp = p.pPr.find(qn("w:spacing"))
                assert sp is None or sp.get(qn("w:lineRule")) != "exact"
    for sid in ("NbTable", "NbTableSmall", "NbTitle"):
        ppr = doc.styles.element.get_by_id(sid).pPr
        assert ppr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    for sid in ("NbTable", "NbTableSmall"):
        sp = doc.styles.element.get_by_id(sid).pPr.find(qn("w:spacing"))
        assert sp is None or sp.get(qn("w:lineRule")) != "exact"
