"""The text fields of a draft, Qt-free: how each is read, written, kept for undo and put back.

A field is addressed by a key ("agency", "preamble", "overview.part.2.text", "active.text" …); pages bind
an editor to a key and the document changes the draft through these specs only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..draft import Draft, SubPart

NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # for the undo text: 修改<label>
    read: Callable[[Draft], str]
    write: Callable[[Draft, str], None]
    section: str  # where it is edited: "basic", "preamble" or a section id of the format
    group: str = ""  # fields shown again together after an undo (section 一's parts, whose list can shrink)


def numeral(i: int) -> str:
    """（一）…（十） for 0…9, then plain numbers."""
    return NUMERALS[i] if i < len(NUMERALS) else str(i + 1)


def overview_part_count(draft: Draft) -> int:
    """How many sub-parts section 一 shows: the standard ones, or more when the draft has more."""
    return max(len(draft.format.section("overview").parts), len(draft.section("overview").parts))


def text_fields(draft: Draft) -> dict[str, FieldSpec]:
    """Every text field of this draft's format, by key."""
    fmt = draft.format
    out: list[FieldSpec] = [
        FieldSpec("agency", "机关名称", lambda d: d.agency, _setter("agency"), "basic"),
        FieldSpec("title_lines", "标题", lambda d: "\n".join(d.title_lines), write_title_lines, "basic"),
        FieldSpec("preamble", "导语", lambda d: d.preamble, _setter("preamble"), "preamble"),
        FieldSpec("overview.text", "总体情况", _section_reader("overview"), _section_writer("overview"),
                  "overview", "overview"),
    ]
    for i in range(overview_part_count(draft)):
        out.append(FieldSpec(f"overview.part.{i}.title", f"（{numeral(i)}）的小标题", _part_reader(i, "title"),
                             _part_writer(i, "title"), "overview", "overview"))
        out.append(FieldSpec(f"overview.part.{i}.text", f"（{numeral(i)}）的内容", _part_reader(i, "text"),
                             _part_writer(i, "text"), "overview", "overview"))
    for sec in fmt.sections:
        if sec.table:
            out.append(FieldSpec(f"{sec.id}.text", f"{sec.heading}的说明", _section_reader(sec.id),
                                 _section_writer(sec.id), sec.id))
    out.append(FieldSpec("problems.text", "存在的主要问题及改进情况", _section_reader("problems"),
                         _section_writer("problems"), "problems"))
    out.append(FieldSpec("other.text", "其他需要报告的事项", _section_reader("other"), _section_writer("other"),
                         "other"))
    if fmt.fee_row:
        out.append(FieldSpec("fee_statement", "信息处理费说明", lambda d: d.fee_statement,
                             _setter("fee_statement"), "other"))
    return {f.key: f for f in out}


def snapshot(draft: Draft, spec: FieldSpec) -> Any:
    """What undo keeps of a field: its text, and for section 一 the list of parts (an edit can drop
    trailing empty parts, which undo must bring back)."""
    if spec.group == "overview":
        sec = draft.section("overview")
        return sec.text, tuple((p.title, p.text) for p in sec.parts)
    return spec.read(draft)


def restore(draft: Draft, spec: FieldSpec, value: Any) -> None:
    if spec.group == "overview":
        text, parts = value
        sec = draft.section("overview")
        sec.text = text
        sec.parts = [SubPart(title=t, text=x) for t, x in parts]
        return
    spec.write(draft, value)


def write_title_lines(d: Draft, text: str) -> None:
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    d.title_lines = lines


def chars(text: str) -> int:
    """Characters without white space, as a word count in a Chinese text counts them."""
    return len("".join(text.split()))


def _setter(attr: str):
    def write(d: Draft, value: str) -> None:
        setattr(d, attr, value)

    return write


def _section_reader(section_id: str):
    return lambda d: d.section(section_id).text


def _section_writer(section_id: str):
    def write(d: Draft, value: str) -> None:
        d.section(section_id).text = value

    return write


def _part_reader(i: int, attr: str):
    def read(d: Draft) -> str:
        parts = d.section("overview").parts
        return getattr(parts[i], attr) if i < len(parts) else ""

    return read


def _part_writer(i: int, attr: str):
    def write(d: Draft, value: str) -> None:
        parts = d.section("overview").parts
        while len(parts) <= i:
            parts.append(SubPart())
        setattr(parts[i], attr, value)
        while parts and not parts[-1].title.strip() and not parts[-1].text.strip():
            parts.pop()  # editors shown beyond the draft's parts add nothing until typed into

    return write
