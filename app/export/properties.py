"""The .docx file's own properties: who made it, when, with what, and nothing left over from python-docx's
template (which says it was created in 2013 by "Microsoft Macintosh Word", one page long, in Word 2010
compatibility mode, with a blank thumbnail and a bibliography customXml part)."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from .. import APP_NAME, __version__
from .text import clean

CORE_MAX = 255  # python-docx refuses longer core property strings (an agency name can be that long)
WORD_COMPAT_MODE = 15  # Word 2013 and later: no 「兼容模式」 in the title bar
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{app}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _short(text: str) -> str:
    return clean(text).replace("\n", " ").strip()[:CORE_MAX]


def setup(doc, draft, title: str, now: dt.datetime | None = None) -> None:
    now = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    agency = _short(draft.agency)
    cp = doc.core_properties
    cp.title = _short(title)
    cp.author = agency
    cp.last_modified_by = agency
    cp.subject = "政府信息公开工作年度报告"
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.language = "zh-CN"
    cp.created = now
    cp.modified = now
    cp.revision = 1

    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML.format(
                app=escape(f"{APP_NAME} {__version__}"), company=escape(agency)).encode("utf-8")
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML:
            doc.part.drop_rel(rid)
    _compat(doc.settings.element)


def _compat(settings) -> None:
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = parse_xml(f'<w:compat {nsdecls("w")}/>')
        settings.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), str(WORD_COMPAT_MODE))
            return
    compat.append(parse_xml(
        f'<w:compatSetting {nsdecls("w")} w:name="compatibilityMode" '
        f'w:uri="http://schemas.microsoft.com/office/word" w:val="{WORD_COMPAT_MODE}"/>'))
