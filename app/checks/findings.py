"""A finding: one thing the clerk should look at, pointing at a cell where it can."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"  # the report is wrong as it stands
    WARNING = "warning"  # probably wrong, or incomplete in its text; the clerk decides
    MISSING = "missing"  # not filled yet: how much is left, not a mistake

    @property
    def chinese(self) -> str:
        return {"error": "错误", "warning": "提醒", "missing": "未填"}[self.value]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule: str
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None  # for findings about the narrative text
    # A text rule points at a sentence: the text field's key (as app.sentences names it, e.g.
    # "overview.part.1.text") and the sentence's character offsets in that field's text.
    field: str | None = None
    start: int | None = None
    end: int | None = None

    def as_json(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        keys = ["severity", "rule", "table", "row", "column", "section", "message"]
        if self.field is not None:
            keys += ["field", "start", "end"]  # only on text findings: older consumers see the same keys
        return {k: d[k] for k in keys}
