"""The Word export: a draft -> the annual report as a .docx in the official layout. No Qt here.

    from app.export import export_docx, build_document
    export_docx(draft, "2025年报.docx")   # raises ExportError (Chinese message) if it cannot be written

The draft is exported as it stands: unfilled cells print empty (the CLI and the GUI warn first), zero
prints 0, computed totals are filled in, money and signed changes print exactly as entered.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from docx import Document

from ..draft import default_title_lines
from ..errors import ExportError
from . import page, styles, tables
from .text import Writer, clean

DOCX_SUFFIX = ".docx"
_NOT_TARGETS = (".nianbao", ".bak")  # never overwrite a draft or its backup with a report


def build_document(draft):
    """The python-docx Document of the report (not saved)."""
    doc = Document()
    styles.setup(doc)
    page.setup(doc)
    _properties(doc, draft)
    # The template's body starts with no paragraph; keep it that way so the title is the first line.
    w = Writer(doc)
    fmt = draft.format
    w.title(_title_lines(draft))
    w.body(draft.preamble)
    for section in fmt.sections:
        content = draft.section(section.id)
        w.heading(section.heading)
        w.body(content.text)
        w.parts(content.parts)
        if section.id == fmt.fee_section:
            w.body(draft.fee_statement)
        if section.table:
            tables.add_table(doc, draft, fmt.table(section.table))
            w.after_table()
    return doc


def _title_lines(draft) -> list[str]:
    return draft.title_lines or default_title_lines(draft.agency, draft.year)


def _properties(doc, draft) -> None:
    cp = doc.core_properties
    cp.title = clean(" ".join(t for t in _title_lines(draft) if t))
    cp.author = clean(draft.agency)
    cp.subject = "政府信息公开工作年度报告"
    cp.comments = ""
    cp.last_modified_by = ""
    cp.keywords = ""
    cp.category = ""
    cp.language = "zh-CN"


def to_bytes(draft) -> bytes:
    buf = io.BytesIO()
    build_document(draft).save(buf)
    return buf.getvalue()


def export_docx(draft, path: str | os.PathLike) -> Path:
    """Write the report to `path` atomically. Returns the path. Raises ExportError naming the file."""
    from ..storage import atomic_write

    path = Path(path)
    if path.suffix.lower() in _NOT_TARGETS:
        raise ExportError(f"不能导出到「{path}」：这是草稿文件，请选择以 .docx 结尾的文件名")
    if path.is_dir():
        raise ExportError(f"无法导出到「{path}」：这是一个文件夹，请指定Word文件名")
    if not path.parent.is_dir():
        raise ExportError(f"无法导出到「{path}」：文件夹「{path.parent}」不存在")
    if path.exists() and _read_only(path):
        raise ExportError(f"无法导出到「{path}」：该文件是只读的，请另选文件名或先取消只读属性")
    data = to_bytes(draft)
    try:
        atomic_write(path, data)
    except FileNotFoundError:
        raise ExportError(f"无法导出到「{path}」：文件夹「{path.parent}」不存在") from None
    except PermissionError:
        raise ExportError(f"无法导出到「{path}」：没有写入权限，或该文件正在Word/WPS中打开"
                          "（请先关闭后再导出）") from None
    except OSError as e:
        raise ExportError(f"无法导出到「{path}」：{e.strerror or e}") from None
    return path


def _read_only(path: Path) -> bool:
    # os.replace would silently replace a read-only file on Linux/macOS (and as root os.access says
    # yes), so the file's own write bits decide, as Windows' read-only attribute does.
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


__all__ = ["DOCX_SUFFIX", "build_document", "export_docx", "to_bytes"]
