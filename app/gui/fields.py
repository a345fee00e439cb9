"""The text fields of a draft, Qt-free: how each is read, written, kept for undo and put back.

A field is addressed by a key ("agency", "preamble", "overview.part.2.text", "active.text" …); pages bind
an editor to a key and the document changes the draft through these specs only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..draft import Draft, SubPart, default_title_lines

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
        FieldSpec("agency", "机关名称", lambda d: d.agency, write_agency, "basic", "basic"),
        FieldSpec("title_lines", "标题", lambda d: "\n".join(d.title_lines), write_title_lines, "basic", "basic"),
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


def flat(draft: Draft, spec: FieldSpec) -> list[str]:
    """What undo works on: the field's text, and for section 一 all its texts (an edit can drop trailing
    empty parts, which undo must bring back): [lead text, title 1, text 1, title 2, text 2, …]."""
    if spec.group == "overview":
        sec = draft.section("overview")
        out = [sec.text]
        for p in sec.parts:
            out += [p.title, p.text]
        return out
    if spec.group == "basic":  # the agency can change the title with it
        return [draft.agency, "\n".join(draft.title_lines)]
    return [spec.read(draft)]


def put_flat(draft: Draft, spec: FieldSpec, values: list[str]) -> None:
    if spec.group == "overview":
        sec = draft.section("overview")
        sec.text = values[0]
        sec.parts = [SubPart(title=values[i], text=values[i + 1]) for i in range(1, len(values) - 1, 2)]
        return
    if spec.group == "basic":
        draft.agency = values[0]
        write_title_lines(draft, values[1])
        return
    spec.write(draft, values[0])


@dataclass(frozen=True, slots=True)  # one per undo step: kept small
class Delta:
    """The difference between two `flat` states, holding only what changed: per changed string the common
    prefix length and the old and new middle pieces; whole strings only where the list grew or shrank.
    Undo memory is thus of the order of the typed characters, not of the text's length."""

    changes: tuple[tuple[int, int, str, str], ...]  # (index, prefix length, old middle, new middle)
    old_tail: tuple[str, ...]
    new_tail: tuple[str, ...]

    def size(self) -> int:
        """Characters kept (for tests and the benchmark)."""
        return (sum(len(o) + len(n) for _, _, o, n in self.changes) + sum(map(len, self.old_tail))
                + sum(map(len, self.new_tail)))

    def continued_by(self, other: Delta) -> bool:
        """True when `other` edits within or at the edge of what this delta inserted (typing on, or
        deleting what was just typed): the two are one undo step, as in Qt's own text undo."""
        if len(self.changes) != 1 or len(other.changes) != 1 or other.old_tail or other.new_tail:
            return False
        i, pre, _old, new = self.changes[0]
        j, pre2, old2, _new2 = other.changes[0]
        return i == j and pre <= pre2 and pre2 + len(old2) <= pre + len(new)

    def is_empty(self) -> bool:
        return not self.changes and self.old_tail == self.new_tail

    def then(self, other: Delta) -> Delta:
        """This delta followed by `other`, which `continued_by` accepted, as one delta (from the pieces
        alone: the field's whole text is not needed)."""
        i, pre, old, new = self.changes[0]
        _, pre2, old2, new2 = other.changes[0]
        k = pre2 - pre
        new = new[:k] + new2 + new[k + len(old2):]
        if not old:  # typing on (the common case): nothing to trim
            return Delta(((i, pre, old, new),) if new else (), self.old_tail, self.new_tail)
        p = common_prefix(old, new)
        s = common_suffix(old[p:], new[p:])
        old, new = old[p:len(old) - s], new[p:len(new) - s]
        return Delta(((i, pre + p, old, new),) if old or new else (), self.old_tail, self.new_tail)


def delta(a: list[str], b: list[str]) -> Delta:
    n = min(len(a), len(b))
    changes = []
    for i in range(n):
        x, y = a[i], b[i]
        if x is y or x == y:
            continue
        pre = common_prefix(x, y)
        suf = common_suffix(x[pre:], y[pre:])
        changes.append((i, pre, x[pre:len(x) - suf], y[pre:len(y) - suf]))
    return Delta(tuple(changes), tuple(a[n:]), tuple(b[n:]))


def forward(values: list[str], d: Delta) -> list[str]:
    out = list(values[: len(values) - len(d.old_tail)])
    for i, pre, old, new in d.changes:
        s = out[i]
        out[i] = s[:pre] + new + s[pre + len(old):]
    return out + list(d.new_tail)


def backward(values: list[str], d: Delta) -> list[str]:
    out = list(values[: len(values) - len(d.new_tail)])
    for i, pre, old, new in d.changes:
        s = out[i]
        out[i] = s[:pre] + old + s[pre + len(new):]
    return out + list(d.old_tail)


def common_prefix(x: str, y: str) -> int:
    """Length of the common prefix, by halving (slice comparisons run in C: fast on long texts)."""
    lo, hi = 0, min(len(x), len(y))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if x[:mid] == y[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(x: str, y: str) -> int:
    lo, hi = 0, min(len(x), len(y))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if x[len(x) - mid:] == y[len(y) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def write_agency(d: Draft, value: str) -> None:
    """The title follows the agency's name as long as it is the standard title (not edited by hand)."""
    if not d.title_lines or d.title_lines == default_title_lines(d.agency, d.year):
        d.title_lines = default_title_lines(value, d.year)
    d.agency = value


def write_title_lines(d: Draft, text: str) -> None:
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    d.title_lines = lines


@lru_cache(maxsize=64)  # per keystroke the counts of every part are shown; only the typed-in part changed
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
