"""The web-page export: table structure against the layout grid, self-containment, inline styles for CMS
editors, escaping, the CLI, and a real headless Chromium laying both samples out in a 1000 px column."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import SAMPLE_2021, SEED
from export_readback import parse_expected, rows_from_layout
from lxml import html as lhtml

from app.cells import display
from app.cli import main
from app.compute import computed_cells
from app.draft import new_draft
from app.export import export_html
from app.export.html import CONTENT_WIDTH_PX, fragment_html, to_html
from app.formats.layout import grid
from app.storage import load_draft

SAMPLES = {"2019": SEED, "2021": SAMPLE_2021}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def parse(text: str):
    parser = lhtml.HTMLParser(encoding="utf-8", no_network=True, remove_comments=False)
    return lhtml.document_fromstring(text.encode("utf-8"), parser=parser)


def html_rows(table) -> list[list[tuple[str, int, int]]]:
    """A <table> -> for each row, its cells as (text, rowspan, colspan)."""
    return [[(c.text_content(), int(c.get("rowspan", "1")), int(c.get("colspan", "1")))
             for c in tr.xpath("./td|./th")] for tr in table.iter("tr")]


def expected_rows(draft, table_id):
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


@pytest.fixture(scope="module")
def pages():
    return {fid: (load_draft(p), to_html(load_draft(p))) for fid, p in SAMPLES.items()}


def tables_of(doc) -> dict:
    return {t.get("data-table"): t for t in doc.iter("table")}


@pytest.mark.parametrize("fid", ["2019", "2021"])
@pytest.mark.parametrize("table_id", ["table2", "table3", "table4"])
def test_table_structure_is_the_layout_grid(pages, fid, table_id):
    draft, page = pages[fid]
    t = tables_of(parse(page))[table_id]
    got = html_rows(t)
    assert got == expected_rows(draft, table_id)
    hand = parse_expected(f"{table_id}-{fid}.txt")  # the template as drawn by hand, independently
    assert got == hand


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_text_headings_and_order(pages, fid):
    draft, page = pages[fid]
    doc = parse(page)
    body_text = doc.body.text_content()
    headings = [h.text_content() for h in doc.iter("h2")]
    assert headings == [s.heading for s in draft.format.sections]
    assert [h.text_content() for h in doc.iter("h1")] == [t for t in draft.title_lines if t]
    assert doc.find(".//title").text == " ".join(draft.title_lines)
    assert draft.preamble[:40] in body_text
    # each table follows its own section heading
    for section in draft.format.sections:
        if section.table:
            h = next(h for h in doc.iter("h2") if h.text_content() == section.heading)
            nxt = h.getnext()
            while nxt is not None and nxt.tag != "table":
                assert nxt.tag == "p"
                nxt = nxt.getnext()
            assert nxt is not None and nxt.get("data-table") == section.table


def test_fee_statement_comes_before_the_closing_nothing_else_sentence(pages):
    draft, page = pages["2021"]
    assert draft.section("other").text == "本年度无其他需要报告的事项。"
    doc = parse(page)
    h = next(h for h in doc.iter("h2") if h.text_content().startswith("六、"))
    after = [p.text_content() for p in h.itersiblings() if p.tag == "p"]
    assert after == [draft.fee_statement, "本年度无其他需要报告的事项。"]


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_self_contained_and_utf8(pages, fid):
    _, page = pages[fid]
    doc = parse(page)
    assert not doc.xpath("//script|//link|//img|//iframe|//object|//embed|//style|//base")
    assert not doc.xpath("//@src|//@href|//@*[starts-with(name(), 'on')]")
    assert "url(" not in page and "@import" not in page
    assert doc.xpath("//meta[@charset='utf-8']")
    assert page.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_every_cell_carries_its_borders_and_alignment_inline(pages, fid):
    _, page = pages[fid]
    for t in parse(page).iter("table"):
        assert "border-collapse:collapse" in t.get("style")
        for cell in t.xpath(".//td|.//th"):
            style = cell.get("style")
            assert "border:1px solid #000" in style
            assert re.search(r"text-align:(left|center)", style)
            assert "vertical-align:middle" in style
            if cell.get("data-cell"):
                assert "white-space:nowrap" in style  # numbers never wrap


def test_table3_row_labels_read_from_the_left(pages):
    _, page = pages["2021"]
    t3 = tables_of(parse(page))["table3"]
    cell = next(c for c in t3.iter("td") if c.text_content() == "1.属于国家秘密")
    assert "text-align:left" in cell.get("style")
    group = next(c for c in t3.iter("td") if c.text_content() == "（三）不予公开")
    assert "text-align:center" in group.get("style") and group.get("rowspan") == "8"


def test_typed_text_is_escaped_never_markup(tmp_path):
    draft = new_draft(2025, "<script>alert(1)</script>某局&amp;")
    draft.section("overview").text = "<b>加粗</b> & <img src=x onerror=alert(1)>\n第二段"
    page = to_html(draft)
    doc = parse(page)
    assert not doc.xpath("//script|//img|//b")
    assert "<script>alert(1)</script>某局&amp;" in doc.body.text_content()
    assert "<b>加粗</b> & <img src=x onerror=alert(1)>" in [p.text_content() for p in doc.iter("p")]


def test_fragment_is_the_same_report_without_the_page(pages):
    draft, page = pages["2021"]
    frag = fragment_html(draft)
    assert frag.startswith("<div") and "<html" not in frag and "<head" not in frag
    doc = lhtml.fragment_fromstring(frag)
    assert [html_rows(t) for t in doc.iter("table")] == [html_rows(t) for t in parse(page).iter("table")]


def test_cli_writes_html_by_suffix(seed_path, tmp_path, capsys):
    for name in ("报告.html", "报告.HTM"):
        out = tmp_path / name
        assert main(["export", str(seed_path), "-o", str(out)]) == 0
        assert f"已导出 {out}" in capsys.readouterr().out
        data = out.read_bytes()
        assert data.decode("utf-8") == to_html(load_draft(seed_path))


def test_cli_unknown_suffix_exits_2_naming_the_file(seed_path, tmp_path, capsys):
    out = tmp_path / "报告.txt"
    assert main(["export", str(seed_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "报告.txt" in err and ".html" in err
    assert not out.exists()


def test_export_html_refuses_the_draft_itself(seed_path):
    from app.errors import ExportError

    before = seed_path.read_bytes()
    with pytest.raises(ExportError, match="草稿"):
        export_html(load_draft(seed_path), seed_path)
    assert seed_path.read_bytes() == before


# ---- a real browser ---------------------------------------------------------------------------

MEASURE = """
<script>
window.addEventListener('load', () => {
  const out = [];
  const column = document.querySelector('.nianbao-report');
  for (const t of document.querySelectorAll('table')) {
    const broken = [];
    for (const td of t.querySelectorAll('td[data-cell]')) {
      if (!td.textContent) continue;
      const r = document.createRange();
      r.selectNodeContents(td);
      const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
      if (lines.size > 1 || td.scrollWidth > td.clientWidth + 1) broken.push(td.textContent);
    }
    out.push({id: t.dataset.table, width: t.getBoundingClientRect().width,
              scroll: t.scrollWidth, broken: broken});
  }
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify({column: column.getBoundingClientRect().width,
                                    columnScroll: column.scrollWidth, tables: out});
  document.body.appendChild(pre);
});
</script>
"""


def chromium(*args, tmp_path) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def measure(page: str, tmp_path, name: str) -> dict:
    """Lay the page out in Chromium (window wider than the column) and read what the test script
    measured; the script is added to a test-only copy, never to the exported file."""
    wrapper = tmp_path / f"{name}-measure.html"
    wrapper.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = chromium("--window-size=1280,2000", "--virtual-time-budget=5000", "--dump-dom",
                   wrapper.as_uri(), tmp_path=tmp_path).stdout
    m = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    assert m, "the measuring script did not run"
    return json.loads(lhtml.fromstring(m.group(0)).text_content())


def big_numbers_draft():
    """7-digit values in every input cell: the totals run to 8 and 9 digits."""
    draft = load_draft(SAMPLE_2021)
    for table in draft.format.tables:
        for _, row, col in table.input_cells():
            value = 9_876_543 if col.kind.value != "signed" else -9_876_543
            if col.kind.value == "money":
                value = "9876543.21"
            draft.set(table.id, row.id, col.id, value)
    return draft


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test installs it)")


@needs_chromium
@pytest.mark.parametrize("fid", ["2019", "2021", "big"])
def test_chromium_lays_every_table_out_within_the_1000px_column(pages, tmp_path, fid):
    draft = big_numbers_draft() if fid == "big" else pages[fid][0]
    m = measure(to_html(draft), tmp_path, fid)
    assert m["column"] == CONTENT_WIDTH_PX
    assert m["columnScroll"] <= CONTENT_WIDTH_PX  # nothing sticks out: no horizontal scrolling
    assert [t["id"] for t in m["tables"]] == ["table2", "table3", "table4"]
    for t in m["tables"]:
        assert t["width"] <= CONTENT_WIDTH_PX and t["scroll"] <= CONTENT_WIDTH_PX, t
        assert t["broken"] == [], f"{t['id']}: numbers broken over lines or clipped"


@needs_chromium
@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_chromium_screenshot_shows_the_report(pages, tmp_path, fid):
    """A real PNG of the exported page (as written, no script): not blank, tables drawn in black."""
    from PySide6.QtGui import QImage

    _, page = pages[fid]
    src = tmp_path / f"{fid}.html"
    src.write_text(page, encoding="utf-8")
    png = tmp_path / f"{fid}.png"
    chromium(f"--screenshot={png}", "--window-size=1032,3000", src.as_uri(), tmp_path=tmp_path)
    img = QImage(str(png))
    assert img.width() == 1032 and img.height() == 3000
    dark = sum(1 for y in range(0, img.height(), 7) for x in range(0, img.width(), 7)
               if img.pixelColor(x, y).lightness() < 100)
    assert dark > 500, "the page rendered blank"
    # the page's own background is white up to the right edge: no horizontal scrollbar area
    assert all(img.pixelColor(img.width() - 2, y).lightness() > 240 for y in range(0, 3000, 50))
