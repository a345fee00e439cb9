"""The window's side of publishing: 文件 → 导出网页…, 导出PDF…, 打印… (Ctrl+P), 打印预览…, 复制网页内容,
and the setting 「使用系统自带字体（仿宋/楷体/宋体）」 that the Word export, the PDF and printing follow.

Installed on the main window by `install(window)`, which adds the actions to the File menu's output group.
The print and preview dialogs go through `print_dialog` and `preview_dialog` (tests replace them).
QtPrintSupport is imported only when printing: the PDF needs QtGui's QPdfWriter alone.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle, QWidget

from ..errors import ExportError
from . import dialogs, names
from .exporting import ask_despite_findings, offer_to_open, output_path

SETTING_SYSTEM_FONTS = "export/system_fonts"
SYSTEM_FONTS_SETTING = "使用系统自带字体（仿宋/楷体/宋体）"  # the menu entry; the fonts are app.export.styles.SYSTEM
FILTER_HTML = "网页 (*.html *.htm)"
FILTER_PDF = "PDF 文件 (*.pdf)"


def system_fonts(settings) -> bool:
    value = settings.value(SETTING_SYSTEM_FONTS, False)
    return value in (True, "true", "1", 1)


# ---- dialogs (replaced in tests) --------------------------------------------------------------------

def print_dialog(parent: QWidget | None, printer) -> bool:
    """The system's print dialog; True when the clerk chose 打印."""
    from PySide6.QtPrintSupport import QPrintDialog

    dlg = QPrintDialog(printer, parent)
    dlg.setWindowTitle("打印年度报告")
    return dlg.exec() == QPrintDialog.DialogCode.Accepted


def preview_dialog(parent: QWidget | None, printer, paint) -> None:
    """Qt's print preview, pages drawn by `paint(printer)`."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setObjectName(names.PRINT_PREVIEW)
    dlg.setWindowTitle("打印预览")
    dlg.paintRequested.connect(paint)
    screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
    dlg.resize(min(900, screen.width() - 40), screen.height() - 60)  # a whole page wide, as tall as fits
    dlg.exec()


# ---- the flows --------------------------------------------------------------------------------------

class Publishing:
    def __init__(self, window):
        self.window = window

    @property
    def doc(self):
        return self.window.doc

    def _system_fonts(self) -> bool:
        return system_fonts(self.window.settings)

    def set_system_fonts(self, on: bool) -> None:
        self.window.settings.setValue(SETTING_SYSTEM_FONTS, bool(on))

    def export_html(self) -> str | None:
        w = self.window
        if self.doc.draft is None or not ask_despite_findings(self.doc, w, "导出网页"):
            return None
        out = output_path(self.doc, w, ".html", "导出网页", FILTER_HTML)
        if out is None:
            return None
        from ..export import export_html

        try:
            export_html(self.doc.draft, out)
        except ExportError as e:
            dialogs.inform(w, "导出失败", e.message, icon="error")
            return None
        offer_to_open(w, "导出网页", "网页", out)
        return f"已导出网页 {out}"

    def export_pdf(self) -> str | None:
        w = self.window
        if self.doc.draft is None or not ask_despite_findings(self.doc, w, "导出PDF"):
            return None
        from ..export import PDF_SUFFIX  # the exporters load when first used, not at start

        out = output_path(self.doc, w, PDF_SUFFIX, "导出PDF", FILTER_PDF)
        if out is None:
            return None
        from .printing import export_pdf

        try:
            message = export_pdf(self.doc.draft, out, system_fonts=self._system_fonts())
        except ExportError as e:
            dialogs.inform(w, "导出失败", e.message, icon="error")
            return None
        offer_to_open(w, "导出PDF", "PDF", out)
        return message

    def _printer(self):
        from PySide6.QtPrintSupport import QPrinter

        from .printing import a4_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(a4_layout())
        printer.setFullPage(True)  # the report draws its own margins (the 版心), as on paper
        printer.setDocName(" ".join(self.doc.draft.title_lines) or "年度报告")
        return printer

    def _paint(self, printer) -> None:
        from .printing import paint

        paint(self.doc.draft, printer, self._system_fonts())

    def print_report(self) -> str | None:
        w = self.window
        if self.doc.draft is None or not ask_despite_findings(self.doc, w, "打印"):
            return None
        try:
            printer = self._printer()
        except ImportError:
            dialogs.inform(w, "打印", "本版本的年报助手缺少打印组件，请改用「导出PDF」后打印。", icon="error")
            return None
        if not print_dialog(w, printer):
            return None
        self._paint(printer)
        return "已送往打印机"

    def print_preview(self) -> None:
        if self.doc.draft is None:
            return
        try:
            printer = self._printer()
        except ImportError:
            dialogs.inform(self.window, "打印预览", "本版本的年报助手缺少打印组件，请改用「导出PDF」。", icon="error")
            return
        preview_dialog(self.window, printer, self._paint)

    def copy_html(self) -> str | None:
        """The report as rich text (HTML, with a plain-text copy) on the clipboard, for the portal's editor."""
        if self.doc.draft is None:
            return None
        from ..export.flow import Para, TableBlock, report_flow
        from ..export.html import fragment_html

        mime = QMimeData()
        # Editors take the fragment; <html><body> around it keeps Windows' CF_HTML converters happy.
        mime.setHtml(f"<html><body>{fragment_html(self.doc.draft)}</body></html>")
        lines = []
        for item in report_flow(self.doc.draft):
            if isinstance(item, TableBlock):
                for row in item.rows():
                    lines.append("\t".join(c.text for c in row))
            elif isinstance(item, Para):
                lines.append(item.lead + item.text)
        mime.setText("\n".join(lines))
        QGuiApplication.clipboard().setMimeData(mime)
        return "已复制网页内容：可在网站后台的编辑器中直接粘贴（含表格）"


def install(window) -> Publishing:
    pub = Publishing(window)
    acts = window.acts
    sp = QStyle.StandardPixmap

    def status(fn):
        def run():
            message = fn()
            if message:
                window.statusBar().showMessage(message, 15000)
        return run

    html = acts.add(names.ACT_EXPORT_HTML, "导出网页(&W)…", status(pub.export_html), None, None,
                    "导出为网页（.html），用于在政府网站发布")
    copy = acts.add(names.ACT_COPY_HTML, "复制网页内容(&C)", status(pub.copy_html), None, None,
                    "把报告（含表格）复制到剪贴板，可直接粘贴到网站后台的编辑器")
    pdf = acts.add(names.ACT_EXPORT_PDF, "导出PDF(&D)…", status(pub.export_pdf), None, sp.SP_FileIcon,
                   "导出为PDF文件（不需要Word或WPS）")
    prt = acts.add(names.ACT_PRINT, "打印(&P)…", status(pub.print_report), "Ctrl+P", None, "打印报告")
    pre = acts.add(names.ACT_PRINT_PREVIEW, "打印预览(&V)…", pub.print_preview, None, None, "查看打印出来的样子")
    fonts = acts.add(names.ACT_SYSTEM_FONTS, SYSTEM_FONTS_SETTING, lambda: None, None, None,
                     "没有安装仿宋_GB2312、楷体_GB2312、方正小标宋简体时勾选：Word、PDF和打印改用Windows自带的字体")
    fonts.setCheckable(True)
    fonts.setChecked(system_fonts(window.settings))
    fonts.toggled.connect(pub.set_system_fonts)
    for a in (html, copy, pdf, prt, pre, fonts):
        acts.add_to_file_menu(a, "output")
    return pub
