"""The window's publishing actions, driven for real offscreen: 导出网页…, 导出PDF…, 打印… (Ctrl+P) into a PDF
printer, 打印预览, 复制网页内容 (the clipboard's mime data), the system-fonts setting, and the note above the
table where the report prints it."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from lxml import html as lhtml  # noqa: E402
from PySide6.QtGui import QGuiApplication, QKeySequence  # noqa: E402
from test_gui import enter_text, grid, make_window, type_into  # noqa: E402

from app.export.html import to_html  # noqa: E402
from app.gui import names, publishing  # noqa: E402
from app.gui.editors import TextEditor  # noqa: E402
from app.storage import load_draft  # noqa: E402


@pytest.fixture
def win(qtbot, sample2021_path, dlg):
    return make_window(qtbot, sample2021_path)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_file_menu_has_the_publishing_entries(win):
    texts = [a.text() for a in win.acts.file_menu.actions()]
    for t in ("导出网页(&W)…", "复制网页内容(&C)", "导出PDF(&D)…", "打印(&P)…", "打印预览(&V)…",
              "使用系统自带字体（仿宋/楷体/宋体）"):
        assert t in texts
    assert win.action(names.ACT_PRINT).shortcut() == QKeySequence("Ctrl+P")
    # after 导出Word, before 退出
    assert texts.index("导出PDF(&D)…") > texts.index("导出Word(&E)…")
    assert texts.index("打印(&P)…") < texts.index("退出(&X)")


def test_export_web_page(qtbot, win, dlg, tmp_path, sample2021_path):
    view = grid(win, "table3")
    type_into(qtbot, view, "new_received", "natural_person", "42")  # an edit, and a finding: asked first
    out = tmp_path / "网页"
    dlg.answers += ["export", "close"]
    dlg.save_paths.append(str(out))  # no suffix typed: .html is added
    win.action(names.ACT_EXPORT_HTML).trigger()
    assert "仍要导出" in dlg.asked[0]
    page = (tmp_path / "网页.html").read_text(encoding="utf-8")
    assert page == to_html(win.draft)
    doc = lhtml.document_fromstring(page)
    t3 = next(t for t in doc.iter("table") if t.get("data-table") == "table3")
    assert t3.xpath(".//td[@data-cell='new_received/natural_person']")[0].text_content() == "42"
    assert "已导出网页" in win.statusBar().currentMessage()


def test_export_pdf_names_the_fonts(qtbot, win, dlg, tmp_path):
    out = tmp_path / "报告.pdf"
    dlg.answers += ["close"]
    dlg.save_paths.append(str(out))
    win.action(names.ACT_EXPORT_PDF).trigger()
    text = pdf_text(out)
    assert "三、收到和处理政府信息公开申请情况" in text and "某某市某某区市场监督管理局" in text
    message = win.statusBar().currentMessage()
    assert message.startswith(f"已导出 {out}") and "字体：" in message and "正文仿宋_GB2312" in message


def test_system_fonts_setting_is_kept_and_used(qtbot, win, dlg, tmp_path):
    act = win.action(names.ACT_SYSTEM_FONTS)
    assert act.isCheckable() and not act.isChecked()
    act.trigger()
    assert publishing.system_fonts(win.settings)
    # the Word export follows it
    out = tmp_path / "系统字体.docx"
    dlg.answers += ["close"]
    dlg.save_paths.append(str(out))
    win.action(names.ACT_EXPORT).trigger()
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="仿宋"' in body and "GB2312" not in body
    # ... and the PDF
    pdf = tmp_path / "系统字体.pdf"
    dlg.answers += ["close"]
    dlg.save_paths.append(str(pdf))
    win.action(names.ACT_EXPORT_PDF).trigger()
    assert "正文仿宋" in win.statusBar().currentMessage() and "GB2312" not in win.statusBar().currentMessage()
    # a new window (the next start) remembers it
    again = make_window(qtbot)
    assert again.action(names.ACT_SYSTEM_FONTS).isChecked()


def test_print_goes_through_the_print_dialog_to_the_printer(qtbot, win, dlg, tmp_path, monkeypatch):
    """Ctrl+P: the print dialog is answered with a PDF printer (what a real printer receives)."""
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "打印.pdf"
    seen = []

    def answer(parent, printer):
        seen.append((printer.pageLayout().pageSize().id(), printer.fullPage()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(publishing, "print_dialog", answer)
    win.action(names.ACT_PRINT).trigger()
    assert seen and seen[0][1] is True
    # What a printer gets is ink; Qt's PDF printer names some ideographs by their radicals (⼯ for 工), which
    # only the PDF export corrects: read it folded.
    text = unicodedata.normalize("NFKC", pdf_text(out))
    assert "四、政府信息公开行政复议、行政诉讼情况" in text
    assert re.search(r"—\s*1\s*—", text)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    assert win.statusBar().currentMessage() == "已送往打印机"


def test_cancelled_print_prints_nothing(qtbot, win, dlg, monkeypatch):
    monkeypatch.setattr(publishing, "print_dialog", lambda parent, printer: False)
    painted = []
    monkeypatch.setattr(publishing.Publishing, "_paint", lambda self, printer: painted.append(printer))
    win.action(names.ACT_PRINT).trigger()
    assert painted == []


def test_print_preview_paints_the_pages(qtbot, win, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    pages = []

    def preview(parent, printer, paint):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(win.path.with_suffix(".preview.pdf")))
        paint(printer)
        pages.append(pdf_text(win.path.with_suffix(".preview.pdf")).count("\f"))

    monkeypatch.setattr(publishing, "preview_dialog", preview)
    win.action(names.ACT_PRINT_PREVIEW).trigger()
    assert pages and 3 <= pages[0] <= 6


def test_copy_for_the_website_puts_rich_text_on_the_clipboard(qtbot, win):
    QGuiApplication.clipboard().clear()
    win.action(names.ACT_COPY_HTML).trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    doc = lhtml.document_fromstring(mime.html())
    tables = {t.get("data-table"): t for t in doc.iter("table")}
    assert set(tables) == {"table2", "table3", "table4"}
    group = next(td for td in tables["table3"].iter("td") if td.text_content() == "三、本年度办理结果")
    assert group.get("rowspan") == "22" and "border:1px solid #000" in group.get("style")
    assert not doc.xpath("//script|//style")
    assert "某某市某某区市场监督管理局" in mime.text() and "\t" in mime.text()
    assert "已复制网页内容" in win.statusBar().currentMessage()


def test_table_note_sits_above_the_table_as_printed(qtbot, win, tmp_path):
    """The note is printed between the heading and the table; the window shows it there too."""
    view = grid(win, "table3")
    note = win.findChild(TextEditor, names.section_note("applications"))
    assert note.isVisible()
    assert note.mapTo(win, note.rect().topLeft()).y() < view.mapTo(win, view.rect().topLeft()).y()
    note.setFocus()
    enter_text(qtbot, note, "本表说明。")
    win.doc.refresh() if hasattr(win.doc, "refresh") else None
    assert "本表说明。" in win.draft.section("applications").text
    page = to_html(win.draft)
    assert page.index("本表说明。") < page.index('data-table="table3"')


def test_the_seed_exports_to_every_format_from_the_window(qtbot, dlg, tmp_path, seed_path):
    w = make_window(qtbot, seed_path)
    for action, suffix in ((names.ACT_EXPORT, ".docx"), (names.ACT_EXPORT_HTML, ".html"),
                           (names.ACT_EXPORT_PDF, ".pdf")):
        out = tmp_path / f"seed{suffix}"
        dlg.answers.append("close")
        dlg.save_paths.append(str(out))
        w.action(action).trigger()
        assert out.exists() and out.stat().st_size > 1000, suffix
    assert load_draft(seed_path).agency in pdf_text(tmp_path / "seed.pdf")
