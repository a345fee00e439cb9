"""A .docx report -> paragraphs and tables, reading only the main document part.

A .docx is a zip: its size and member count are checked from the zip directory before anything is
decompressed (a zip bomb is refused, not unpacked), and python-docx parses XML with entity expansion
off and no network. Body elements are walked in order so tables stay where the text puts them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import DraftError, os_error_text
from .source import GridBuilder, Para, TableBlock, squash

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all members together; a report with photos is far below
MAX_MEMBERS = 2000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise DraftError(f"无法读取「{path.name}」：{os_error_text(e)}") from None
    if size > MAX_FILE_BYTES:
        raise DraftError(f"「{path.name}」太大（{size // (1024 * 1024)} MB），不像是一份年度报告，未导入")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DraftError(f"「{path.name}」不是有效的Word文档（.docx）：文件已损坏，或是旧版.doc格式"
                         "（请在Word或WPS中另存为.docx后再导入）") from None
    if len(infos) > MAX_MEMBERS:
        raise DraftError(f"「{path.name}」内部包含的部件过多（{len(infos)}个），不像是正常的Word文档，未导入")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise DraftError(f"「{path.name}」解压后过大（{total // (1024 * 1024)} MB），可能是恶意文件，未导入")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise DraftError(f"「{path.name}」不是Word文档：缺少正文部分（word/document.xml）")


def read_docx(path: Path) -> list:
    """Paragraphs (Para) and tables (TableBlock) of the document body, in order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_zip(path)
    try:
        document = docx.Document(str(path))
    except PackageNotFoundError:
        raise DraftError(f"「{path.name}」不是有效的Word文档（.docx）") from None
    except Exception as e:  # lxml XMLSyntaxError, KeyError of a broken package, ...: all "unreadable"
        raise DraftError(f"「{path.name}」无法作为Word文档读取：文件内容已损坏（{type(e).__name__}）") from None
    blocks: list = []
    _walk(document.element.body, blocks)
    return blocks


def _walk(container, blocks: list) -> None:
    for child in container.iterchildren():
        tag = child.tag
        if tag == W + "p":
            blocks.append(_paragraph(child))
        elif tag == W + "tbl":
            if _is_layout(child):
                for tc in child.iter(W + "tc"):
                    if tc.getparent().getparent() is child:  # this table's own cells, not nested ones
                        _walk(tc, blocks)
            else:
                blocks.append(_table(child))
        elif tag == W + "sdt":  # content controls (some templates wrap the whole body in one)
            content = child.find(W + "sdtContent")
            if content is not None:
                _walk(content, blocks)


def _is_layout(tbl) -> bool:
    """A table used to lay the page out (the whole report in one cell, or tables inside its cells): its cells
    are read as text and tables in their own right, not as one grid."""
    cells = [tc for tr in tbl.iterchildren(W + "tr") for tc in tr.iterchildren(W + "tc")]
    return len(cells) == 1 or any(tc.find(".//" + W + "tbl") is not None for tc in cells)


def _run_text(r) -> str:
    out = []
    for el in r.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag == W + "noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def _run_style(r) -> tuple:
    """What sets a run apart from body text: its East Asian font and bold."""
    rpr = r.find(W + "rPr")
    if rpr is None:
        return ("", False)
    fonts = rpr.find(W + "rFonts")
    east = fonts.get(W + "eastAsia", "") if fonts is not None else ""
    b = rpr.find(W + "b")
    bold = b is not None and b.get(W + "val", "true") not in ("0", "false")
    return (east, bold)


def _paragraph(p) -> Para:
    runs = [(r, _run_text(r)) for r in p.iter(W + "r") if not _in_deleted(r)]
    text = "".join(t for _, t in runs)
    # A run-in heading: the leading runs styled differently from the paragraph's last run.
    lead = ""
    if len(runs) > 1:
        body_style = _run_style(runs[-1][0])
        for r, t in runs:
            if _run_style(r) == body_style:
                break
            lead += t
        if len(lead) >= len(text):
            lead = ""
    return Para(text, lead)


def _in_deleted(r) -> bool:
    parent = r.getparent()
    while parent is not None and parent.tag != W + "p":
        if parent.tag in (W + "del", W + "moveFrom"):
            return True
        parent = parent.getparent()
    return False


def _cell_text(tc) -> str:
    parts = []
    for p in tc.iter(W + "p"):
        parts.append("".join(_run_text(r) for r in p.iter(W + "r") if not _in_deleted(r)))
    return squash(" ".join(parts))


def _int_attr(el, name: str, default: int = 1) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + name, default))
    except (TypeError, ValueError):
        return default


def _table(tbl) -> TableBlock:
    g = GridBuilder()
    for tr in tbl.iterchildren(W + "tr"):
        if not g.new_row():
            break
        trpr = tr.find(W + "trPr")
        if trpr is not None:
            g.skip(_int_attr(trpr.find(W + "gridBefore"), "val", 0))
        for tc in tr.iterchildren(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = _int_attr(tcpr.find(W + "gridSpan") if tcpr is not None else None, "val", 1)
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            if vmerge is not None and vmerge.get(W + "val", "continue") == "continue":
                g.continue_above(span)
            else:
                g.put(_cell_text(tc), colspan=span)
    return g.build()
