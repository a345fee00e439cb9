"""The PDF written with Qt's own printing support (no Word, no LibreOffice): `nianbao export FILE -o X.pdf`
as a user runs it, read back with poppler (pdfinfo, pdftotext, pdffonts, pdftoppm)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest
from conftest import ROOT, SAMPLE_2021, SEED
from test_export_word_fixes import PLAIN, big_draft, printed_numbers

from app.storage import load_draft, save_draft

SAMPLES = {"2019": SEED, "2021": SAMPLE_2021}
MM = 72 / 25.4


def run_cli(*args, env_extra=None):
    """The command line in a fresh process, as a clerk runs it (a Qt application of its own)."""
    import os

    env = dict(os.environ)
    env.pop("DISPLAY", None)  # no display: the PDF export must start Qt offscreen by itself
    env.pop("QT_QPA_PLATFORM", None)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          timeout=180, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """name -> (draft, pdf path, stdout of the export)."""
    work = tmp_path_factory.mktemp("pdf")
    drafts = {"2019": load_draft(SEED), "2021": load_draft(SAMPLE_2021), "big": big_draft()}
    grid = load_draft(SAMPLE_2021)
    grid.preamble = PLAIN * 6
    drafts["grid"] = grid
    out = {}
    for name, d in drafts.items():
        src = work / f"{name}.nianbao"
        save_draft(d, src)
        pdf = work / f"{name}.pdf"
        r = run_cli("export", src, "-o", pdf)
        assert r.returncode == 0, r.stderr
        out[name] = (d, pdf, r.stdout)
    return out


def text(pdf, *extra) -> str:
    return subprocess.run(["pdftotext", *extra, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", ["2019", "2021"])
def test_a4_pages_and_the_export_message(pdfs, name):
    draft, pdf, stdout = pdfs[name]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 3 <= pages <= 6
    assert "年报助手" in re.search(r"Creator:\s+(.*)", info).group(1)
    assert re.search(r"Title:\s+(.*)", info).group(1) == " ".join(draft.title_lines)
    assert f"已导出 {pdf}" in stdout and f"{pages}页" in stdout
    # the message says which fonts were drawn, and what stood in for a missing official font
    assert "字体：" in stdout and "正文仿宋_GB2312" in stdout


@pytest.mark.parametrize("name", ["2019", "2021"])
def test_every_number_label_heading_and_page_number_is_in_the_text(pdfs, name):
    draft, pdf, _ = pdfs[name]
    t = text(pdf)
    tokens = Counter(re.findall(r"(?<![\d.])[+-]?\d+(?:\.\d+)?(?![\d.])", t))
    missing = Counter(printed_numbers(draft)) - tokens
    assert not missing, dict(missing)
    flat = re.sub(r"\s+", "", t)
    for section in draft.format.sections:
        assert section.heading in flat
    for line in draft.title_lines:
        assert line.replace(" ", "") in flat
    for table in draft.format.tables:  # every row label (first four characters where a label wraps)
        for _, row in table.rows() if table.label_columns else ():
            assert row.label[:4] in flat, row.label
    pages = t.count("\f")
    for n in range(1, pages + 1):
        assert re.search(rf"—\s*{n}\s*—", t), n


def test_numbers_of_seven_and_nine_digits_print_whole(pdfs):
    draft, pdf, _ = pdfs["big"]
    tokens = Counter(re.findall(r"(?<![\d.])[+-]?\d+(?:\.\d+)?(?![\d.])", text(pdf)))
    missing = Counter(printed_numbers(draft)) - tokens
    assert not missing, dict(missing)


@pytest.mark.parametrize("name", ["2019", "2021", "big"])
def test_fonts_are_embedded(pdfs, name):
    _, pdf, _ = pdfs[name]
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        assert cols[-5] == "yes", row  # the "emb" column


def _words(pdf):
    """(page, word, xMin, yMin, xMax, yMax) in points, from pdftotext -bbox."""
    html = text(pdf, "-bbox")
    page = 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', line)
        if m:
            yield page, m.group(5), *map(float, m.groups()[:4])


@pytest.mark.parametrize("name", ["2019", "2021"])
def test_text_stays_in_the_type_area_and_page_numbers_sit_outside(pdfs, name):
    """Everything but the page number inside the 156 x 225 mm 版心 (margins 37/35/28/26 mm); 「— N —」 below
    it, on the right of odd pages and the left of even ones."""
    _, pdf, _ = pdfs[name]
    left, right, top, bottom = 28 * MM, (210 - 26) * MM, 37 * MM, (297 - 35) * MM
    numbers = {}
    for page, word, x0, y0, x1, y1 in _words(pdf):
        if y0 > bottom:
            numbers.setdefault(page, []).append((word, x0, x1))
            continue
        assert left - 1 <= x0 and x1 <= right + 1 and top - 1 <= y0 and y1 <= bottom + 1, (page, word, x0, y0)
    assert numbers
    for page, words in numbers.items():
        assert str(page) in [w for w, _, _ in words]
        x0, x1 = min(w[1] for w in words), max(w[2] for w in words)
        if page % 2:
            assert x1 > right - 20 * MM and x0 > (left + right) / 2, (page, words)
        else:
            assert x0 < left + 20 * MM and x1 < (left + right) / 2, (page, words)


@pytest.mark.parametrize("name", ["2019", "2021"])
def test_table3_on_one_page(pdfs, name):
    draft, pdf, _ = pdfs[name]
    pages = [re.sub(r"\s+", "", p) for p in text(pdf).split("\f")]
    table = draft.format.table("table3")
    labels = {row.label[:4] for _, row in table.rows()}
    on = [i for i, p in enumerate(pages) if any(lb in p for lb in labels)]
    assert len(on) == 1 and all(lb in pages[on[0]] for lb in labels)


def test_body_lines_hold_28_characters(pdfs):
    _, pdf, _ = pdfs["grid"]
    lines = [ln.strip() for ln in text(pdf).split("\f")[0].splitlines() if ln.strip() and set(ln.strip()) <= set(PLAIN)]
    assert len(lines) >= 5
    assert len(lines[0]) == 26
    assert all(len(ln) == 28 for ln in lines[1:-1]), lines


@pytest.mark.parametrize("name", ["2019", "2021"])
def test_pages_render_to_png(pdfs, name, tmp_path):
    """Every page rasterised: not blank, ink inside the type area, and table 三's page has its grid."""
    from PySide6.QtGui import QImage

    _, pdf, _ = pdfs[name]
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert pngs
    for png in pngs:
        img = QImage(str(png))
        dark = sum(1 for y in range(0, img.height(), 2) for x in range(0, img.width(), 2)
                   if img.pixelColor(x, y).lightness() < 128)
        assert dark > 50, png.name


def test_unwritable_target_and_unknown_font_setting(tmp_path):
    r = run_cli("export", SEED, "-o", tmp_path / "没有的文件夹" / "x.pdf")
    assert r.returncode == 2 and "不存在" in r.stderr
    out = tmp_path / "系统字体.pdf"
    r = run_cli("export", SEED, "-o", out, "--system-fonts")
    assert r.returncode == 0, r.stderr
    assert "正文仿宋" in r.stdout and "GB2312" not in r.stdout


def test_an_unreachable_display_does_not_stop_the_command_line(tmp_path):
    """Over ssh $DISPLAY may name a display that is gone: the PDF needs none, and Qt must not abort."""
    out = tmp_path / "ssh.pdf"
    r = run_cli("export", SEED, "-o", out, env_extra={"DISPLAY": ":97"})
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
