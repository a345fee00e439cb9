"""Exports from the window: the question when the report still has problems, the output path, the
result. `ask_despite_findings` and `output_path` are meant for every export (Word, web page, PDF)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ..checks import Severity, summarize
from ..errors import ExportError, os_error_text
from . import dialogs
from .document import ReportDocument
from .files import documents_folder


def ask_despite_findings(doc: ReportDocument, parent: QWidget | None, title: str) -> bool:
    """True when the report has no problems, or the clerk wants to go on anyway."""
    doc.refresh()
    blocking = [f for f in doc.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    missing = [f for f in doc.findings if f.severity is Severity.MISSING]
    if not blocking and not missing:
        return True
    s = summarize(doc.findings)
    lines = [f"· {f.message}" for f in blocking[:8]]
    if len(blocking) > 8:
        lines.append(f"· ……另有 {len(blocking) - 8} 处")
    if missing:
        lines.append(f"· 还有 {s.missing_cells} 格未填" + (f"、{s.missing_other} 处正文未填"
                                                         if s.missing_other else ""))
    answer = dialogs.ask(parent, title, f"报告中还有问题：{s.text}\n\n" + "\n".join(lines) + "\n\n仍要导出吗？",
                         [("export", "仍然导出"), ("cancel", "取消")], default="cancel", icon="warning")
    return answer == "export"


def output_path(doc: ReportDocument, parent: QWidget | None, suffix: str, title: str,
                file_filter: str) -> Path | None:
    """Ask where to write; proposes the draft's folder and name (or Documents and the report's title)."""
    d = doc.draft
    folder = doc.path.parent if doc.path else documents_folder()
    stem = doc.path.stem if doc.path else f"{d.agency}{d.year}年政府信息公开工作年度报告"
    out = dialogs.save_path(parent, str(folder / f"{stem}{suffix}"), title, file_filter)
    if not out:
        return None
    out = Path(out)
    if out.suffix.lower() != suffix:
        out = out.with_name(out.name + suffix)
    return out


def offer_to_open(parent: QWidget | None, title: str, what: str, out: Path) -> None:
    answer = dialogs.ask(parent, title, f"已导出{what}：\n{out}",
                         [("open", "打开文件"), ("folder", "打开所在文件夹"), ("close", "关闭")],
                         default="open", icon="info")
    if answer == "open":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
    elif answer == "folder":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out.parent)))


def export_word(doc: ReportDocument, parent: QWidget | None, system_fonts: bool = False) -> str | None:
    """文件 → 导出Word. Returns the status-line message when a file was written."""
    if doc.draft is None or not ask_despite_findings(doc, parent, "导出Word"):
        return None
    out = output_path(doc, parent, ".docx", "导出Word", dialogs.FILTER_DOCX)
    if out is None:
        return None
    try:
        from ..export import export_docx
    except ImportError:
        dialogs.inform(parent, "导出Word", "本版本的年报助手缺少导出功能，请联系提供程序的人员。", icon="error")
        return None
    try:
        export_docx(doc.draft, out, system_fonts=system_fonts)
    except ExportError as e:
        dialogs.inform(parent, "导出失败", e.message, icon="error")
        return None
    except OSError as e:
        dialogs.inform(parent, "导出失败", f"无法写入「{out}」：{os_error_text(e)}。"
                       "如果这个文件正在Word中打开，请先关闭它再导出。", icon="error")
        return None
    offer_to_open(parent, "导出Word", "Word报告", out)
    return f"已导出 {out}"
