"""Renders the exports of both samples into docs/ (the pictures in the README):

    export-<fid>-table2/3/4.png   the Word report's page of each table, through LibreOffice
    export-2019-html.png          the web page's top (title, text, table 二), through headless Chromium
    export-2021-html.png          the web page's tables 三 and 四
    export-2019-pdf-page1.png     the PDF (Qt, no Word or LibreOffice): first page
    export-2021-pdf-table3.png    the PDF: table 三's page

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_export_renders.py   (needs libreoffice, chromium,
poppler-utils)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QImage  # noqa: E402

from app.export import export_docx, export_html  # noqa: E402
from app.export.flow import report_flow  # noqa: E402
from app.gui.printing import ensure_app, export_pdf  # noqa: E402
from app.storage import load_draft  # noqa: E402

DOCS = ROOT / "docs"
SAMPLES = {"2019": ROOT / "resources/samples/seed-2020-yanchi.nianbao",
           "2021": ROOT / "resources/samples/sample-2025.nianbao"}
TABLE_MARKS = {"table2": "第二十条第（一）项", "table3": "申请人情况", "table4": "结果维持"}


def page_of(pdf: Path, mark: str) -> int:
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return next(i for i, p in enumerate(pages.split("\f"), 1) if mark in re.sub(r"\s+", "", p))


def page_png(pdf: Path, page: int, out: Path, dpi: int = 80) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf),
                        f"{tmp}/p"], check=True)
        shutil.copy(next(Path(tmp).glob("p-*.png")), out)


def main() -> None:
    ensure_app()
    work = Path(tempfile.mkdtemp(prefix="nianbao-renders-"))
    lo = shutil.which("libreoffice") or shutil.which("soffice")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    for fid, src in SAMPLES.items():
        draft = load_draft(src)
        docx = export_docx(draft, work / f"{fid}.docx")
        subprocess.run([lo, f"-env:UserInstallation=file://{work}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", str(work), str(docx)], check=True, capture_output=True, timeout=300)
        for table_id, mark in TABLE_MARKS.items():
            page_png(work / f"{fid}.pdf", page_of(work / f"{fid}.pdf", mark), DOCS / f"export-{fid}-{table_id}.png")

        html = export_html(draft, work / f"{fid}.html")
        if fid == "2021":  # show tables 三 and 四: a copy with everything before section 三's heading hidden
            page = html.read_text(encoding="utf-8")
            flow = report_flow(draft)
            n = next(i for i, item in enumerate(flow) if getattr(item, "text", "").startswith("三、"))
            hide = f"<style>.nianbao-report > :nth-child(-n+{n}){{display:none}}</style>"
            page = page.replace("</head>", hide + "</head>")
            html = work / "2021-tables.html"
            html.write_text(page, encoding="utf-8")
        shot = work / f"{fid}-html.png"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                        f"--user-data-dir={work}/chromium", f"--screenshot={shot}", "--window-size=1032,3600",
                        html.as_uri()], check=True, capture_output=True, timeout=120)
        QImage(str(shot)).copy(0, 0, 1032, 1400 if fid == "2019" else 1100).save(str(DOCS / f"export-{fid}-html.png"))

        pdf = work / f"{fid}-qt.pdf"
        print(export_pdf(draft, pdf))
        if fid == "2019":
            page_png(pdf, 1, DOCS / "export-2019-pdf-page1.png")
        else:
            page_png(pdf, page_of(pdf, "申请人情况"), DOCS / "export-2021-pdf-table3.png")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
