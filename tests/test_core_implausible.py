"""implausible-value: a warning for figures no agency has (an extra digit), and for ten times last year's."""

from __future__ import annotations

from core_helpers import zero_draft

from app.checks import Context, Severity, run_checks
from app.checks.implausible import implausible_values


def test_more_than_a_million_applications_is_a_warning():
    d = zero_draft("2021")
    d.set("table3", "new_received", "natural_person", 99_999_999_999)
    fs = [f for f in run_checks(d) if f.rule == "implausible-value"]
    assert len(fs) == 1
    f = fs[0]
    assert f.severity is Severity.WARNING and (f.table, f.row, f.column) == ("table3", "new_received",
                                                                             "natural_person")
    assert "99999999999" in f.message and "一百万" in f.message and "表三" in f.message
    d.set("table3", "new_received", "natural_person", 1_000_000)
    assert not any(f.rule == "implausible-value" for f in run_checks(d))


def test_table_two_counts_are_not_limited():
    d = zero_draft("2021")
    table2 = d.format.table("table2")
    _, row, col = next((b, r, c) for b, r, c in table2.input_cells() if c.kind.value == "count")
    d.set("table2", row.id, col.id, 5_000_000)
    assert not any(f.rule == "implausible-value" for f in run_checks(d))


def test_ten_times_last_year_when_last_year_is_known():
    d = zero_draft("2021")
    last = zero_draft("2021")
    last.set("table4", "cases", "review_upheld", 12)
    d.set("table4", "cases", "review_upheld", 121)
    d.set("table3", "new_received", "natural_person", 40)  # last year 0, but under the floor of 100
    ctx = Context(d)
    assert implausible_values(ctx) == []  # last year unknown: no comparison
    ctx.previous = last
    fs = implausible_values(ctx)
    assert [(f.table, f.row, f.column) for f in fs] == [("table4", "cases", "review_upheld")]
    assert "十倍" in fs[0].message and "12" in fs[0].message
    d.set("table4", "cases", "review_upheld", 120)
    assert implausible_values(ctx) == []


def test_ten_times_last_year_from_the_drafts_previous_year_record(tmp_path):
    """Started from last year (new --from, check --previous), the draft keeps tables 三/四 cell by cell,
    so the comparison works without last year's file, also after a save and reload."""
    from app.previous import record_of
    from app.storage import load_draft, save_draft

    last = zero_draft("2021")
    last.set("table3", "new_received", "natural_person", 30)
    d = zero_draft("2021")
    d.previous = record_of(last)
    d.set("table3", "new_received", "natural_person", 301)
    path = tmp_path / "本年.nianbao"
    save_draft(d, path)
    fs = [f for f in run_checks(load_draft(path)) if f.rule == "implausible-value"]
    assert [(f.table, f.row, f.column) for f in fs] == [("table3", "new_received", "natural_person")]
    assert "30" in fs[0].message and "十倍" in fs[0].message
    d.set("table3", "new_received", "natural_person", 300)
    assert not any(f.rule == "implausible-value" for f in run_checks(d))
