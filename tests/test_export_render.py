"""Both samples rendered by LibreOffice: the exports open in a real word processor, lay out on the expected
number of pages, and every number of the draft is on the page (pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest
from conftest import SAMPLE_2021, SEED

from app.cells import display
from app.compute import computed_cells
from app.export import export_docx
from app.storage import load_draft

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
pytestmark = pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")

SAMPLES = {"2019": SEED, "2021": SAMPLE_2021}
# What LibreOffice lays out with the substitute CJK fonts (Noto CJK): the seed is five pages, the
# 2021 sample four. A small tolerance for other font versions; a broken table would add many pages.
PAGES = {"2019": (4, 6), "2021": (3, 5)}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each sample exported and converted to PDF once: fid -> (draft, pdf text, page count)."""
    work = tmp_path_factory.mktemp("render")
    profile = work / "lo-profile"  # a private profile, so parallel runs do not clash
    docs = []
    drafts = {}
    for fid, path in SAMPLES.items():
        drafts[fid] = load_draft(path)
        docs.append(export_docx(drafts[fid], work / f"{fid}.docx"))
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), *map(str, docs)],
                   check=True, capture_output=True, timeout=240)
    out = {}
    for fid in SAMPLES:
        pdf = work / f"{fid}.pdf"
        assert pdf.exists(), f"LibreOffice made no PDF for {fid}"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        out[fid] = (drafts[fid], text, text.count("\f") or 1)
    return out


def draft_numbers(draft) -> list[str]:
    """Every value the tables print: inputs as entered and the computed totals."""
    nums = []
    for table in draft.format.tables:
        totals = computed_cells(draft, table.id)
        for _, row, col in table.cells():
            if table.is_computed(row, col):
                nums.append(display(col.kind, totals[(row.id, col.id)].value))
            else:
                nums.append(display(col.kind, draft.get(table.id, row.id, col.id)))
    return nums


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_page_count(rendered, fid):
    _, _, pages = rendered[fid]
    low, high = PAGES[fid]
    assert low <= pages <= high


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_pdf_holds_every_number_of_the_draft(rendered, fid):
    draft, text, _ = rendered[fid]
    tokens = Counter(re.findall(r"(?<![\d.])[+-]?\d+(?:\.\d+)?(?![\d.])", text))
    expected = Counter(draft_numbers(draft))
    missing = expected - tokens
    assert not missing, f"numbers not on the page: {dict(missing)}"


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_pdf_holds_headings_labels_and_page_numbers(rendered, fid):
    draft, text, pages = rendered[fid]
    flat = re.sub(r"\s+", "", text)
    for section in draft.format.sections:
        assert section.heading in flat
    for line in draft.title_lines:
        assert re.sub(r"\s+", "", line) in flat
    for label in ("申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"):
        assert label in flat
    for n in range(1, pages + 1):
        assert re.search(rf"—\s*{n}\s*—", text), f"page number {n}"
