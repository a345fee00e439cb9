"""The exports: a draft -> the annual report as a .docx in the official layout, or as a web page. No Qt here.

    from app.export import export_docx, export_html, build_document
    export_docx(draft, "2025年报.docx")   # raises ExportError (Chinese message) if it cannot be written
    export_html(draft, "2025年报.html")   # one self-contained page for the portal (app.export.html)

The PDF (and printing) needs Qt and lives in app.gui.printing; `app.cli` picks the writer by suffix.

The draft is exported as it stands: unfilled cells print empty (the CLI and the GUI warn first), zero
prints 0, computed totals are filled in, money and signed changes print exactly as entered.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from ..errors import ExportError, os_error_text
from . import page, properties, styles, tables
from .flow import Para, TableBlock, report_flow, title_lines
from .text import Writer

DOCX_SUFFIX = ".docx"
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIX = ".pdf"
_KIND = {DOCX_SUFFIX: "Word", ".html": "网页", ".htm": "网页", PDF_SUFFIX: "PDF"}
_NOT_TARGETS = (".nianbao", ".bak")  # never overwrite a draft or its backup with a report


def body_xml(draft, fonts: styles.Fonts) -> str:
    """word/document.xml: the report's paragraphs and tables in the flow's order, then the section."""
    # The body starts with the title, no empty paragraph before it.
    w = Writer(fonts)
    flow = report_flow(draft)
    w.title([p.text for p in flow if isinstance(p, Para) and p.kind == "title"])
    for item in flow:
        if isinstance(item, TableBlock):
            w.table(tables.table_xml(item, fonts))
            w.after_table()
        elif item.kind == "heading":
            w.heading(item.text)
        elif item.kind == "subheading":
            w.subheading(item.text)
        elif item.kind == "body":
            w.body_paragraph(item.text, lead=item.lead)
    return (f"{styles.XML_DECL}<w:document {styles.W_NS} {styles.R_NS}><w:body>{''.join(w.parts)}"
            f"{page.sect_pr_xml()}</w:body></w:document>")


_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_CONTENT_TYPES = (
    f'{styles.XML_DECL}<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_CT}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
)
_PACKAGE_RELS = (
    f'{styles.XML_DECL}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_RT}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG}/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_RT}/extended-properties" Target="docProps/app.xml"/></Relationships>'
)
_DOCUMENT_RELS = (
    f'{styles.XML_DECL}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_RT}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_RT}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_RT}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="{page.ODD_FOOTER}" Type="{_RT}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="{page.EVEN_FOOTER}" Type="{_RT}/footer" Target="footer2.xml"/></Relationships>'
)


def to_bytes(draft, system_fonts: bool = False) -> bytes:
    """The .docx file, written part by part: no template (nothing left over, no theme fonts) and no
    python-docx to import, which alone costs more than building the report. `system_fonts`: 仿宋/楷体/宋体
    instead of the official fonts (the setting 「使用系统自带字体」)."""
    fonts = styles.fonts_for(system_fonts)
    title = " ".join(title_lines(draft))
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "docProps/core.xml": properties.core_xml(draft.agency, title),
        "docProps/app.xml": properties.app_xml(draft.agency),
        "word/document.xml": body_xml(draft, fonts),
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/styles.xml": styles.styles_xml(fonts),
        "word/settings.xml": properties.settings_xml(),
        "word/fontTable.xml": styles.font_table_xml(),
        "word/footer1.xml": page.footer_xml(right=True, fonts=fonts),
        "word/footer2.xml": page.footer_xml(right=False, fonts=fonts),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml.encode("utf-8"))
    return buf.getvalue()


def build_document(draft, system_fonts: bool = False):
    """The report read back as a python-docx Document (for tests and tools; the export itself never
    imports python-docx)."""
    from docx import Document

    return Document(io.BytesIO(to_bytes(draft, system_fonts)))


def check_target(path: str | os.PathLike, suffix: str = DOCX_SUFFIX) -> Path:
    """Refuse, with a Chinese message naming the file, a target that must not or cannot be written."""
    path = Path(path)
    kind = _KIND.get(suffix, "报告")
    if path.suffix.lower() in _NOT_TARGETS:
        raise ExportError(f"不能导出到「{path}」：这是草稿文件，请选择以 {suffix} 结尾的文件名")
    if path.is_dir():
        raise ExportError(f"无法导出到「{path}」：这是一个文件夹，请指定{kind}文件名")
    if not path.parent.is_dir():
        raise ExportError(f"无法导出到「{path}」：文件夹「{path.parent}」不存在")
    if path.exists() and _read_only(path):
        raise ExportError(f"无法导出到「{path}」：该文件是只读的，请另选文件名或先取消只读属性")
    return path


def write_report(path: Path, data: bytes) -> Path:
    """Write an exported report atomically; ExportError (Chinese, naming the file) when it cannot be."""
    from ..storage import atomic_write

    try:
        atomic_write(path, data)
    except FileNotFoundError:
        raise ExportError(f"无法导出到「{path}」：文件夹「{path.parent}」不存在") from None
    except PermissionError:
        opener = "Word/WPS" if path.suffix.lower() == DOCX_SUFFIX else "其他程序"
        raise ExportError(f"无法导出到「{path}」：没有写入权限，或该文件正在{opener}中打开"
                          "（请先关闭后再导出）") from None
    except OSError as e:
        raise ExportError(f"无法导出到「{path}」：{os_error_text(e)}") from None
    return path


def export_docx(draft, path: str | os.PathLike, system_fonts: bool = False) -> Path:
    """Write the report to `path` atomically. Returns the path. Raises ExportError naming the file."""
    path = check_target(path, DOCX_SUFFIX)
    return write_report(path, to_bytes(draft, system_fonts))


def export_html(draft, path: str | os.PathLike) -> Path:
    """Write the report as one self-contained UTF-8 web page. Raises ExportError naming the file."""
    from . import html

    path = check_target(path, ".html")
    return write_report(path, html.to_bytes(draft))


def _read_only(path: Path) -> bool:
    # os.replace would silently replace a read-only file on Linux/macOS (and as root os.access says
    # yes), so the file's own write bits decide, as Windows' read-only attribute does.
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


__all__ = ["DOCX_SUFFIX", "HTML_SUFFIXES", "PDF_SUFFIX", "build_document", "check_target", "export_docx",
           "export_html", "to_bytes", "write_report"]
