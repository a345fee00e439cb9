"""The .docx file's own properties and settings: who made it, when, with what, in current Word's
compatibility mode. Nothing is inherited from a template (python-docx's says it was created in 2013 by
"Microsoft Macintosh Word", one page long, in Word 2010 compatibility mode, with a blank thumbnail and a
bibliography customXml part)."""

from __future__ import annotations

import datetime as dt

from .. import APP_NAME, __version__
from .styles import W_NS, XML_DECL
from .text import clean
from .xmltext import escape

CORE_MAX = 255  # what python-docx (and so other readers) accept in a core property; agencies can be longer
WORD_COMPAT_MODE = 15  # Word 2013 and later: no 「兼容模式」 in the title bar
SUBJECT = "政府信息公开工作年度报告"


def short(text: str) -> str:
    return clean(text).replace("\n", " ").strip()[:CORE_MAX]


def core_xml(agency: str, title: str, now: dt.datetime | None = None) -> str:
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    who = escape(short(agency))
    return (f"{XML_DECL}<cp:coreProperties "
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(short(title))}</dc:title><dc:subject>{SUBJECT}</dc:subject>"
            f"<dc:creator>{who}</dc:creator><cp:lastModifiedBy>{who}</cp:lastModifiedBy>"
            "<cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "<dc:language>zh-CN</dc:language></cp:coreProperties>")


def app_xml(agency: str) -> str:
    return (f"{XML_DECL}<Properties "
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>{escape(f'{APP_NAME} {__version__}')}</Application><DocSecurity>0</DocSecurity>"
            f"<ScaleCrop>false</ScaleCrop><Company>{escape(short(agency))}</Company>"
            "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>")


def settings_xml() -> str:
    """Odd and even page footers, Chinese as the East Asian language, Word 2013+ layout (compatibility
    mode 15). Element order is the schema's: Word refuses a settings part out of order."""
    return (f"{XML_DECL}<w:settings {W_NS}>"
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
            f'w:val="{WORD_COMPAT_MODE}"/></w:compat>'
            '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>')
