"""All checks of a draft: one small function per rule, run together on every edit.

Rule ids follow ../shared/reference/STATUTORY_FORMATS.md ("Arithmetic that must hold"):
  t3-balance        rule 1   一+二 = （七）总计+四, every column             reconciliation.py
  t3-outcome-total  rule 2   （七）总计 = sum of the outcome rows              totals.py
  t3-row-total      rule 3   总计 = sum of the applicant columns               totals.py
  t4-total          rule 4   总计 = 维持+纠正+其他+尚未审结, each block         totals.py
  cell-missing      rule 5   every cell filled (0, never blank)                completeness.py
  text-missing      -        every section has text                            completeness.py
  implausible-value -        > 1 000 000 in tables 三/四, or ten times last year's  implausible.py
  fee-statement     rule 11  逾期未缴费 or fees charged -> 六 reports 信息处理费  processing_fee.py
                             (and, when it mentions charging, says what was charged)
  carry-over        rule 7   二、上年结转 = last year's 四、结转下年度, per column  carry_over.py
  in-force-rollforward rule 8 (2021) 现行有效 = last year's + 制发 − 废止      in_force.py
  prev-items        rule 9   (2019) 上一年项目数量 = last year's + 本年增/减     prev_items.py
  text-vs-table     rule 10  numbers the text states = the tables               text_vs_table.py
  year-in-text      -        last year's year left in a sentence about this year year_in_text.py
  same-as-last-year rule 12  a section mostly last year's sentences             same_as_last_year.py
  problems-empty    -        section 五 only 「无」 or one short sentence          problems_empty.py
  summary-mismatch  -        an area's report = the sum of its units', per cell  summary_mismatch.py
                             (needs the units too: applied by app/summary.py, not in RULES)
Rules 7, 8, 9 and 12 need last year's report: the draft's previous-year record (app/previous.py).
Rules 2-4 are enforced by construction (the program computes every total); they report a total that a
file states differently, e.g. last year's published report or a hand-edited draft.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ..compute import Total, computed_cells, input_values, value_of
from ..sentences import Sentence, split
from ..sentences import fields as text_fields
from . import (
    carry_over,
    completeness,
    implausible,
    in_force,
    prev_items,
    problems_empty,
    processing_fee,
    reconciliation,
    same_as_last_year,
    text_vs_table,
    totals,
    year_in_text,
)
from .findings import Finding, Severity

RULES = (
    reconciliation.balance,
    totals.stated_totals,
    processing_fee.fee_statement,
    implausible.implausible_values,
    completeness.missing_cells,
    completeness.missing_text,
    carry_over.carry_over,
    in_force.in_force_rollforward,
    prev_items.prev_items,
    text_vs_table.text_vs_table,
    year_in_text.year_in_text,
    same_as_last_year.same_as_last_year,
    problems_empty.problems_empty,
)

# Rules that read the texts (and the year, last year's record) but no cell: a cell edit cannot change what they
# find, so the window keeps their findings from the run before (run_checks' `text_memo`).
TEXT_ONLY = frozenset({
    completeness.missing_text,
    year_in_text.year_in_text,
    same_as_last_year.same_as_last_year,
    problems_empty.problems_empty,
})


class Context:
    """What every rule may need, computed once per check run."""

    def __init__(self, draft):
        self.draft = draft
        self.format = draft.format
        # Each table's input cells in template order (None: unfilled), read once: the totals and the
        # completeness rule use them, and 汇总 keeps them as the unit's values.
        self.inputs: dict[str, list] = {t.id: input_values(draft, t.id) for t in self.format.tables}
        self.totals: dict[str, dict[tuple[str, str], Total]] = {
            t.id: computed_cells(draft, t.id, self.inputs[t.id]) for t in self.format.tables
        }

    def value(self, table_id: str, row_id: str, col_id: str) -> Total:
        return value_of(self.draft, self.totals[table_id], table_id, row_id, col_id)

    @cached_property
    def texts(self) -> list[tuple[str, str, str]]:
        """(field key, section id, text) of every written text field of the report, in print order."""
        return [f for f in text_fields(self.draft) if f[2]]

    def sentences(self, holding: Callable[[str], object] | None = None) -> Iterator[Sentence]:
        """The report's sentences in print order; with `holding`, only those of the texts it is true for.
        A rule that looks for words first tests each whole text for them, so the texts without any are
        never cut into sentences (cutting is most of a text rule's time on most reports)."""
        for key, sid, text in self.texts:
            if holding is None or holding(text):
                for start, end, sentence in split(text):
                    yield Sentence(key, sid, start, end, sentence)


def run_checks(draft, ctx: Context | None = None, text_memo: dict | None = None) -> list[Finding]:
    """Every rule on `draft`; pass a Context to keep the totals it computes (the window shows them).
    `text_memo`: the TEXT_ONLY rules' findings by rule, kept while the texts stay as they are (empty: run
    them and fill it)."""
    ctx = ctx if ctx is not None else Context(draft)
    findings: list[Finding] = []
    for rule in RULES:
        if text_memo is not None and rule in TEXT_ONLY:
            if rule not in text_memo:
                text_memo[rule] = rule(ctx)
            findings.extend(text_memo[rule])
        else:
            findings.extend(rule(ctx))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.MISSING: 2}
    return sorted(findings, key=lambda f: order[f.severity])  # stable: template order within a severity


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    missing_cells: int
    missing_other: int

    @property
    def text(self) -> str:
        parts = [f"{self.errors} 处错误", f"{self.warnings} 处提醒", f"{self.missing_cells} 格未填"]
        if self.missing_other:
            parts.append(f"{self.missing_other} 处正文未填")
        return " · ".join(parts)


def summarize(findings: list[Finding]) -> Summary:
    return Summary(
        errors=sum(f.severity is Severity.ERROR for f in findings),
        warnings=sum(f.severity is Severity.WARNING for f in findings),
        missing_cells=sum(f.severity is Severity.MISSING and f.table is not None for f in findings),
        missing_other=sum(f.severity is Severity.MISSING and f.table is None for f in findings),
    )


__all__ = ["TEXT_ONLY", "Context", "Finding", "RULES", "Severity", "Summary", "run_checks", "summarize"]
