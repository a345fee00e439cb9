"""The importer: own exports round-trip exactly; hand-typed Word files and published web pages read with
the expected values; unreadable values left unfilled; hostile files refused with a Chinese message."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.draft import to_data
from app.errors import DraftError
from app.export import export_docx, export_html
from app.importer import import_report
from app.storage import load_draft

DATA = Path(__file__).parent / "data" / "import"
sys.path.insert(0, str(DATA))
import variants  # noqa: E402


def _same(expected, got) -> None:
    a, b = to_data(expected), to_data(got)
    for k in a:
        assert a[k] == b[k], k


@pytest.mark.parametrize("sample", ["sample2021_path", "seed_path"])
def test_own_word_export_round_trips_exactly(sample, request, tmp_path):
    draft = load_draft(request.getfixturevalue(sample))
    out = export_docx(draft, tmp_path / "report.docx")
    result = import_report(out)
    _same(draft, result.draft)
    assert result.draft.title_lines == draft.title_lines
    assert [p.model_dump() for p in result.draft.section("overview").parts] == \
        [p.model_dump() for p in draft.section("overview").parts]
    assert result.account.cells_read == result.account.cells_total
    assert not result.account.unmatched and not result.account.unfilled and not result.account.disagreeing_totals


@pytest.mark.parametrize("sample", ["sample2021_path", "seed_path"])
def test_own_web_page_export_round_trips_exactly(sample, request, tmp_path):
    draft = load_draft(request.getfixturevalue(sample))
    result = import_report(export_html(draft, tmp_path / "report.html"))
    _same(draft, result.draft)
    assert result.draft.title_lines == draft.title_lines
    assert result.account.cells_read == result.account.cells_total and not result.account.unmatched


@pytest.mark.parametrize("name", sorted(variants.VARIANTS))
def test_hand_made_variant_built_now_imports_expected_values(name, tmp_path):
    path = tmp_path / name
    expected = variants.VARIANTS[name](path)
    _same(expected, import_report(path).draft)


@pytest.mark.parametrize("name", sorted(variants.VARIANTS))
def test_stored_variant_imports_to_its_stored_expected_draft(name):
    _same(load_draft(DATA / (name + ".expected.nianbao")), import_report(DATA / name).draft)


def test_slashed_cells_are_left_unfilled_and_listed(tmp_path):
    result = import_report(_variant("word-handtyped-2021.docx", tmp_path))
    d = result.draft
    assert d.get("table3", "withheld_secret", "research") is None
    assert d.get("table4", "cases", "suit_after_review_other") is None
    # its neighbours were read, including a full-width 12 and 「1,286」
    assert d.get("table3", "withheld_secret", "natural_person") == 0
    assert d.get("table2", "normative_docs", "in_force") == 12
    assert d.get("table2", "admin_license", "decisions") == 1286
    seen = {u.seen for u in result.account.unfilled}
    assert seen == {"/", "—", "-"}
    assert any("科研机构" in line and "「/」" in line for line in result.account.lines())


def test_label_variants_and_split_header(tmp_path):
    """商业机构 for 商业企业, 规范性文件 in a 2021 report, two header rows instead of three, 总 计 with a space."""
    d = import_report(_variant("word-handtyped-2021.docx", tmp_path)).draft
    src = variants.sample_2021()
    assert d.get("table3", "new_received", "commercial") == src.get("table3", "new_received", "commercial") == 6
    assert d.get("table2", "normative_docs", "issued") == 3
    assert d.stated("table3", "new_received", "total") == 51  # printed total kept as stated


def test_old_format_table_is_not_guessed(tmp_path):
    result = import_report(_variant("word-2019-table-in-2021.docx", tmp_path))
    assert result.draft.format_id == "2021"
    assert "table2" not in result.draft.tables
    assert any("2019年试行格式" in n for n in result.account.notes)
    assert any(u.seen == "+2" for u in result.account.unmatched)  # 本年增/减 of 行政处罚, seen and listed
    assert result.draft.get("table3", "open", "natural_person") == 18


def test_printed_total_that_disagrees_is_kept_and_reported(tmp_path):
    d = variants.sample_2021()
    page = tmp_path / "wrong-total.html"
    page.write_text(variants.html_report(d, "utf-8", {("table3", "outcome_total", "total"): "49"}),
                    encoding="utf-8")
    result = import_report(page)
    assert result.draft.stated("table3", "outcome_total", "total") == 49
    assert len(result.account.disagreeing_totals) == 1
    assert "记载为49" in result.account.disagreeing_totals[0] and "应为50" in result.account.disagreeing_totals[0]
    assert result.account.as_json()["disagreeing_totals"] == result.account.disagreeing_totals


def test_web_page_navigation_and_footer_are_not_report_text(tmp_path):
    result = import_report(_variant("web-cms-2021.html", tmp_path))
    d = result.draft
    everything = d.preamble + "".join(s.text + "".join(p.text for p in s.parts) for s in d.sections.values())
    for junk in ("首页", "版权所有", "上一篇", "发布时间", "打印本页", "ICP"):
        assert junk not in everything
    assert d.title_lines == ["某某市某某区市场监督管理局2025年政府信息公开工作年度报告"]
    assert d.agency == "某某市某某区市场监督管理局"


def test_gbk_page_with_and_without_declared_charset(tmp_path):
    for name in ("web-gbk-2020.htm", "web-gbk-undeclared-2020.htm"):
        result = import_report(_variant(name, tmp_path))
        assert result.draft.agency == "吴忠市生态环境局盐池分局"
        assert result.account.encoding == "GB18030"
        assert "盐池县" in result.draft.section("overview").text


def test_cms_rowspan_is_bounded(tmp_path):
    page = tmp_path / "huge.html"
    page.write_text("<html><body><h1>某局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>正文。</p>"
                    '<table><tr><td rowspan="100000" colspan="100000">x</td><td>y</td></tr></table></body></html>',
                    encoding="utf-8")
    result = import_report(page)
    assert result.draft.year == 2024
    assert result.draft.section("overview").text == "正文。"


def _variant(name: str, tmp_path: Path) -> Path:
    path = tmp_path / name
    variants.VARIANTS[name](path)
    return path


# ---- hostile and wrong files ------------------------------------------------------------------------

def _docx_with_body(path: Path, body_xml: str, prolog: str = "") -> Path:
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
          'document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    doc = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body_xml}</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
    return path


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_minimal_docx_reads(tmp_path):
    body = _p("某局2024年政府信息公开工作年度报告") + _p("一、总体情况") + _p("正文。")
    path = _docx_with_body(tmp_path / "min.docx", body)
    assert import_report(path).draft.section("overview").text == "正文。"


def test_xml_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    prolog = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY y "EXPANDED">]>'
    path = _docx_with_body(tmp_path / "ent.docx", _p("某局2024年政府信息公开工作年度报告") + _p("一、总体情况")
                           + _p("A&x;B&y;C"), prolog)
    try:
        text = import_report(path).draft.section("overview").text
    except DraftError:
        return  # refusing the file is as good as not expanding
    assert "TOPSECRET" not in text and "EXPANDED" not in text


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    from app.importer import docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1024 * 1024)
    path = _docx_with_body(tmp_path / "bomb.docx", _p("x"))
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/zeros.bin", b"\0" * (2 * 1024 * 1024))
    assert path.stat().st_size < 100 * 1024
    with pytest.raises(DraftError, match="bomb.docx.*解压后过大"):
        import_report(path)


def test_too_many_members_refused(tmp_path, monkeypatch):
    from app.importer import docx_reader

    monkeypatch.setattr(docx_reader, "MAX_MEMBERS", 10)
    path = _docx_with_body(tmp_path / "many.docx", _p("x"))
    with zipfile.ZipFile(path, "a") as z:
        for i in range(20):
            z.writestr(f"word/media/{i}.bin", b"x")
    with pytest.raises(DraftError, match="many.docx.*部件过多"):
        import_report(path)


@pytest.mark.parametrize("name,content,message", [
    ("broken.docx", b"PK\x03\x04 not really a zip", "不是有效的Word文档"),
    ("old.doc", b"\xd0\xcf\x11\xe0", "另存为.docx"),
    ("notes.txt", b"hello", "不是可导入的报告"),
    ("empty.html", b"", "空文件"),
    ("other.html", "<html><body><p>会议通知</p></body></html>".encode(), "找不到报告年度"),
])
def test_unreadable_files_raise_chinese_message_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DraftError) as e:
        import_report(path)
    assert message in e.value.message and name in e.value.message


def test_docx_without_report_structure_is_refused(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("2024年工作总结")
    path = tmp_path / "summary.docx"
    doc.save(path)
    with pytest.raises(DraftError, match="summary.docx"):
        import_report(path)


# ---- command line -------------------------------------------------------------------------------------

def test_cli_import_writes_draft_and_prints_account(tmp_path, capsys):
    src = _variant("web-cms-2021.html", tmp_path)
    out = tmp_path / "imported.nianbao"
    assert main(["import", str(src), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "读取 165 格" in printed and "已保存为草稿" in printed
    assert load_draft(out).get("table3", "open", "natural_person") == 18
    assert main(["import", str(src), "-o", str(out)]) == 2  # exists, no --force
    capsys.readouterr()
    assert main(["import", str(src), "-o", str(out), "--force", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["account"]["cells_read"] == 165 and data["account"]["unfilled"][0]["seen"] == "／"


def test_cli_import_unreadable_exits_2(tmp_path, capsys):
    bad = tmp_path / "x.docx"
    bad.write_bytes(io.BytesIO(b"nope").getvalue())
    assert main(["import", str(bad), "-o", str(tmp_path / "y")]) == 2
    assert "x.docx" in capsys.readouterr().err
    assert not (tmp_path / "y.nianbao").exists()


def test_web_page_entities_and_links_are_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    page = tmp_path / "ent.html"
    page.write_text(f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY y "EXPANDED">]><html><head>'
                    f'<link rel="stylesheet" href="file://{secret}"><script src="file://{secret}"></script></head>'
                    "<body><h1>某局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
                    f'<p>A&x;B&y;C<img src="file://{secret}"></p><iframe src="file://{secret}"></iframe></body></html>',
                    encoding="utf-8")
    d = import_report(page).draft
    everything = d.preamble + "".join(s.text for s in d.sections.values())
    assert "TOPSECRET" not in everything and "EXPANDED" not in everything
    assert d.section("overview").text.startswith("A")


def test_damaged_word_tables_never_crash(tmp_path):
    """Spans of 0, -1, 100000 or text, and vMerge without a start: read what can be read, never crash."""
    import random
    import re

    src = export_docx(variants.sample_2021(), tmp_path / "src.docx")
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode()
    rnd = random.Random(8)
    for i in range(8):
        spans = re.sub(r'w:gridSpan w:val="\d+"',
                       lambda m: f'w:gridSpan w:val="{rnd.choice(["0", "-1", "1", "99", "100000", "x"])}"', doc)
        spans = spans.replace('<w:vMerge w:val="restart"/>', '<w:vMerge/>', rnd.randint(0, 30))
        path = tmp_path / f"damaged{i}.docx"
        with zipfile.ZipFile(path, "w") as z:
            for n, b in parts.items():
                z.writestr(n, spans.encode() if n == "word/document.xml" else b)
        result = import_report(path)  # DraftError would be acceptable too, but these parse
        assert result.draft.year == 2025


def test_agency_after_the_year_and_heading_typed_into_the_first_paragraph(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("2024年度某某县教育局政府信息公开工作年度报告")
    doc.add_paragraph("一、总体情况。2024年，我局认真贯彻落实《条例》，扎实推进政府信息公开工作，取得了明显成效。")
    doc.add_paragraph("（一）主动公开")
    doc.add_paragraph("全年主动公开政府信息120条。")
    doc.add_paragraph("五、存在的主要问题及改进情况：一是公开不够及时。二是解读形式单一。下一步将加强培训和督促检查。")
    path = tmp_path / "typed.docx"
    doc.save(path)
    d = import_report(path).draft
    assert d.agency == "某某县教育局" and d.year == 2024
    overview = d.section("overview")
    assert overview.text == "2024年，我局认真贯彻落实《条例》，扎实推进政府信息公开工作，取得了明显成效。"
    assert [(p.title, p.text) for p in overview.parts] == [("主动公开", "全年主动公开政府信息120条。")]
    assert d.section("problems").text == "一是公开不够及时。二是解读形式单一。下一步将加强培训和督促检查。"


def test_header_repeated_in_the_middle_of_one_table(tmp_path):
    """A hand-made table 三 whose header rows were copied again after a page break, inside the same table."""
    import html as h

    d = variants.sample_2021()
    v = variants.cell_texts(d, "table3")
    cols = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    header = (f"<tr><td colspan='2' rowspan='2'>{note}</td><td colspan='7'>申请人情况</td></tr><tr>"
              + "".join(f"<td>{x}</td>" for x in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                                                   "其他", "总计")) + "</tr>")
    rows = []
    for i, (_, row) in enumerate(d.format.table("table3").rows()):
        if i == 12:
            rows.append(header)
        rows.append(f"<tr><td>{h.escape(row.group)}</td><td>{h.escape(row.label)}</td>"
                    + "".join(f"<td>{v[(row.id, c)]}</td>" for c in cols) + "</tr>")
    page = tmp_path / "t3.html"
    page.write_text("<html><body><h1>某某市某某区市场监督管理局2025年政府信息公开工作年度报告</h1>"
                    "<p>三、收到和处理政府信息公开申请情况</p><table>" + header + "".join(rows)
                    + "</table></body></html>", encoding="utf-8")
    result = import_report(page)
    got = result.draft
    for _, row, col in d.format.table("table3").input_cells():
        assert got.get("table3", row.id, col.id) == d.get("table3", row.id, col.id), (row.id, col.id)
    assert not result.account.unmatched and not result.account.disagreeing_totals


def test_word_report_laid_out_inside_a_one_cell_table(tmp_path):
    """Some templates put the whole report in one table cell; its paragraphs and tables are read as usual."""
    import docx

    src = variants.sample_2021()
    plain = export_docx(src, tmp_path / "plain.docx")
    doc = docx.Document(str(plain))
    body = doc.element.body
    frame = doc.add_table(rows=1, cols=1)._tbl
    cell = frame.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")
    for child in list(body):
        if child is frame or child.tag.endswith("sectPr"):
            continue
        cell.append(child)
    cell.append(cell.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p", {}))
    framed = tmp_path / "framed.docx"
    doc.save(framed)
    _same(src, import_report(framed).draft)


def test_page_numbers_saved_into_a_web_page_are_not_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><h1>某局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>正文。</p>"
                    "<p>— 1 —</p><p>五、存在的主要问题及改进情况</p><p>一是问题。</p><div>- 2 -</div>"
                    "<p>第3页 共8页</p><p>六、其他需要报告的事项</p><p>无。</p><p>— 3 —</p></body></html>",
                    encoding="utf-8")
    d = import_report(page).draft
    assert (d.section("overview").text, d.section("problems").text, d.section("other").text) == (
        "正文。", "一是问题。", "无。")


def test_table4_with_an_extra_label_column(tmp_path):
    labels = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    values = list(range(1, 16))
    page = tmp_path / "t4.html"
    page.write_text(
        "<html><body><h1>某局2024年政府信息公开工作年度报告</h1><p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
        "<tr><td rowspan='3'>类别</td><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
        "<tr>" + "".join(f"<td rowspan='2'>{x}</td>" for x in labels)
        + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>"
        "<tr>" + "".join(f"<td>{x}</td>" for x in labels * 2) + "</tr>"
        "<tr><td>案件数</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr></table></body></html>",
        encoding="utf-8")
    result = import_report(page)
    d = result.draft
    assert d.get("table4", "cases", "review_upheld") == 1 and d.get("table4", "cases", "direct_suit_upheld") == 6
    assert d.get("table4", "cases", "suit_after_review_pending") == 14
    assert d.stated("table4", "cases", "suit_after_review_total") == 15
    assert not result.account.unmatched
    assert len(result.account.disagreeing_totals) == 3  # 1+2+3+4 is not 5, and so on


def test_web_page_laid_out_in_a_one_cell_table(tmp_path):
    page = tmp_path / "cell.html"
    page.write_text("<html><body><table><tr><td><h1>某局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
                    "<p>正文。</p><p>五、存在的主要问题及改进情况</p><p>一是问题。</p></td></tr></table></body></html>",
                    encoding="utf-8")
    d = import_report(page).draft
    assert (d.agency, d.section("overview").text, d.section("problems").text) == ("某局", "正文。", "一是问题。")
