"""The report's text cut into sentences, each with where it stands: for the text rules (which quote a
sentence and let the window select it) and for last year's text fingerprint.

A text field is addressed by the key the window uses for it ("preamble", "overview.text",
"overview.part.2.text", "problems.text", "other.text", "fee_statement"); offsets are into that field's text.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from typing import NamedTuple

_END = re.compile(r"[。！？!?；;]+|\n+")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_YEAR = re.compile(r"(?:19|20)\d{2}")
MIN_FINGERPRINT_CHARS = 8  # shorter sentences (「无。」) are the same in every report; they prove nothing


class Sentence(NamedTuple):  # made for every sentence on every check run: cheaper than a frozen dataclass
    field: str
    section: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=64)  # the checks run on every cell edit; a report has ten to thirty texts, seldom changed
def split(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, sentence) with the end mark included; blank pieces dropped."""
    out, pos = [], 0
    for m in _END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        piece = text[pos:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((pos + lead, end, piece.strip()))
        pos = m.end()
    if text[pos:].strip():
        piece = text[pos:]
        lead = len(piece) - len(piece.lstrip())
        out.append((pos + lead, len(text.rstrip()), piece.strip()))
    return tuple(out)


def fields(draft) -> list[tuple[str, str, str]]:
    """(field key, section id, text) of every text field a report prints, in print order."""
    fmt = draft.format
    out = [("preamble", "", draft.preamble)]
    for sec in fmt.sections:
        st = draft.section(sec.id)
        text_key, part_keys = _keys(sec.id, len(st.parts))
        out.append((text_key, sec.id, st.text))
        for key, part in zip(part_keys, st.parts, strict=True):
            out.append((key, sec.id, part.text))
        if sec.id == fmt.fee_section and fmt.fee_row:
            out.append(("fee_statement", sec.id, draft.fee_statement))
    return out


@cache
def _keys(section_id: str, parts: int) -> tuple[str, tuple[str, ...]]:
    """A section's field keys: its text's and its sub-parts' (made once: fields() runs on every check)."""
    return f"{section_id}.text", tuple(f"{section_id}.part.{i}.text" for i in range(parts))


def sentences(draft, section: str | None = None) -> list[Sentence]:
    out = []
    for key, sid, text in fields(draft):
        if not text or (section is not None and sid != section):
            continue
        out.extend(Sentence(key, sid, s, e, t) for s, e, t in split(text))
    return out


@lru_cache(maxsize=8192)  # the checks run on every edit; most sentences did not change
def fingerprint(sentence: str) -> str | None:
    """A short hash of a sentence with spacing, punctuation and years folded (a copied sentence with only
    the year changed is still copied); None for a sentence too short to tell anything."""
    core = _YEAR.sub("Y", _NOT_WORD.sub("", sentence))
    if len(core) < MIN_FINGERPRINT_CHARS:
        return None
    return hashlib.sha1(core.encode("utf-8")).hexdigest()[:12]


def section_fingerprints(draft) -> dict[str, list[str]]:
    """Section id -> fingerprints of its sentences (sub-parts included), for sections with text."""
    out: dict[str, list[str]] = {}
    for sec in draft.format.sections:
        prints = [p for s in sentences(draft, sec.id) if s.field != "fee_statement"
                  if (p := fingerprint(s.text))]
        if prints:
            out[sec.id] = prints
    return out
