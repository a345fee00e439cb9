"""A published report page (.html/.htm) -> paragraphs and tables, never fetching anything it links to.

Portal pages come in UTF-8, GBK or GB18030, with or without a declared charset: the declared one is
tried first, then UTF-8, then charset-normalizer's guess. lxml parses with no network access and no
huge-tree mode; scripts, styles, forms and navigation are dropped. Layout tables (a table holding
another table) are read as containers, data tables as grids with their rowspan/colspan.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import DraftError, os_error_text
from .source import GridBuilder, Para, TableBlock, squash

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 400  # element nesting deeper than this is not a report page

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Chinese portals often declare gb2312 while using characters only GBK/GB18030 has: read the superset.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
              "euc-cn": "gb18030", "hz-gb-2312": "gb18030"}

_SKIP = {"script", "style", "noscript", "template", "head", "title", "select", "option", "button", "input",
         "textarea", "form", "nav", "iframe", "object", "embed", "svg", "math", "img", "video", "audio",
         "canvas", "map", "area"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
          "article", "header", "footer", "aside", "main", "blockquote", "pre", "center", "address",
          "figure", "figcaption", "hr", "body", "html", "caption"}
_LEAD_TAGS = {"strong", "b"}
_WS = re.compile(r"[ \t\r\n]+")


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """Bytes -> (text, encoding name shown to the clerk)."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[2:].decode(enc, errors="replace"), "UTF-16"
    tried = []
    m = _CHARSET.search(raw[:8192])
    if m:
        declared = m.group(1).decode("ascii").lower()
        enc = _SUPERSETS.get(declared, declared)
        try:
            codecs.lookup(enc)
            tried.append(enc)
        except LookupError:
            pass
    tried.append("utf-8")
    for enc in tried:
        try:
            return raw.decode(enc), enc.upper()
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:2 * 1024 * 1024]).best()
    if best is not None:
        enc = _SUPERSETS.get(best.encoding.lower().replace("_", "-"), best.encoding)
        try:
            return raw.decode(enc), enc.upper()
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return raw.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        raise DraftError(f"「{name}」的文字编码无法识别（不是UTF-8、GBK或GB18030），未导入") from None


def read_html(path: Path) -> tuple[list, str]:
    """(blocks, encoding) of a saved web page."""
    from lxml import etree, html

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DraftError(f"「{path.name}」太大（{size // (1024 * 1024)} MB），不像是一份年度报告网页，未导入")
        raw = path.read_bytes()
    except DraftError:
        raise
    except OSError as e:
        raise DraftError(f"无法读取「{path.name}」：{os_error_text(e)}") from None
    text, encoding = decode(raw, path.name)
    text = text.replace("\x00", "")
    if not text.strip():
        raise DraftError(f"「{path.name}」是空文件")
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False,
                             encoding="utf-8")
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise DraftError(f"「{path.name}」不是可读取的网页文件") from None
    blocks: list = []
    _Walker(blocks).walk(root)
    return blocks, encoding


class _Walker:
    def __init__(self, blocks: list):
        self.blocks = blocks
        self.text: list[str] = []
        self.lead: list[str] = []
        self.lead_open = True  # still at the start of a paragraph, where a bold run is a heading

    def flush(self) -> None:
        # As a browser shows it: runs of source whitespace are one space; indentation (全角空格) goes.
        text = _WS.sub(" ", "".join(self.text)).strip(" \u3000\xa0")
        if text:
            lead = _WS.sub(" ", "".join(self.lead)).strip(" \u3000\xa0")
            self.blocks.append(Para(text, lead))
        self.text, self.lead, self.lead_open = [], [], True

    def add(self, s: str, in_lead: bool = False) -> None:
        s = s.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        if not s:
            return
        if in_lead and self.lead_open:
            self.lead.append(s)
        elif s.strip():
            self.lead_open = False
        self.text.append(s)

    def walk(self, el, depth: int = 0, in_lead: bool = False) -> None:
        if depth > MAX_DEPTH:
            return
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().split("}")[-1]
        if tag in _SKIP or _hidden(el):
            return
        if tag == "table":
            # A data table holds no other table and has more than one cell; anything else lays out the page.
            if el.find(".//table") is None and len(el.xpath(".//td|.//th")) > 1:
                self.flush()
                self.blocks.append(_table(el))
                return
            self.flush()  # a layout table: its cells are containers
        block = tag in _BLOCK or tag in ("table", "tr", "td", "th", "tbody", "thead", "tfoot")
        if block:
            self.flush()
        if tag == "br":
            self.flush()
        else:
            lead = in_lead or tag in _LEAD_TAGS
            if el.text:
                self.add(el.text, lead)
            for child in el:
                self.walk(child, depth + 1, lead)
                if child.tail:
                    self.add(child.tail, in_lead)
        if block:
            self.flush()


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None or el.get("aria-hidden") == "true"


def _table(table) -> TableBlock:
    g = GridBuilder()
    for tr in _rows(table):
        if not g.new_row():
            break
        for td in tr:
            tag = td.tag.lower() if isinstance(td.tag, str) else ""
            if tag not in ("td", "th"):
                continue
            g.put(squash(_cell_text(td)), _span(td.get("rowspan")), _span(td.get("colspan")))
    return g.build()


def _rows(table):
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            yield child
        elif tag in ("tbody", "thead", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")


def _cell_text(td) -> str:
    parts = []
    for el in td.iter():
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            continue
        if tag in ("br", "p", "div"):
            parts.append(" ")
        if el.text and tag not in _SKIP:
            parts.append(el.text)
        if el is not td and el.tail:
            parts.append(el.tail)
    return "".join(parts)


def _span(value) -> int:
    try:
        return max(1, int(str(value).strip() or 1))
    except (TypeError, ValueError):
        return 1
