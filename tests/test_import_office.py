"""Reports re-saved by another office program: our Word export opened and saved again by LibreOffice as
.docx (different XML: its own merges, styles and runs) and as a web page (its HTML, with the page footer)
imports exactly as the original."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import SAMPLE_2021, SEED

from app.draft import to_data
from app.export import export_docx
from app.importer import import_report
from app.storage import load_draft

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
pytestmark = pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    work = tmp_path_factory.mktemp("resaved")
    profile = work / "lo-profile"
    sources = {name: load_draft(path) for name, path in (("seed", SEED), ("sample", SAMPLE_2021))}
    docs = [export_docx(d, work / f"{name}.docx") for name, d in sources.items()]
    out = work / "out"
    for target in ("docx:MS Word 2007 XML", "html"):
        subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        target, "--outdir", str(out), *map(str, docs)], check=True, capture_output=True, timeout=240)
    return sources, out


@pytest.mark.parametrize("name", ["seed", "sample"])
@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_resaved_by_libreoffice_imports_exactly(resaved, name, suffix):
    sources, out = resaved
    result = import_report(out / f"{name}{suffix}")
    assert to_data(result.draft) == to_data(sources[name])
    assert result.account.cells_read == result.account.cells_total and not result.account.unmatched
