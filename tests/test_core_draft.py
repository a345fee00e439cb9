"""The draft model: input cells only, "not filled" distinct from 0, totals computed never stored, stated
totals from a file, and what the clerk types parsed into cell values."""

from __future__ import annotations

import json

import pytest
from core_helpers import APPLICANTS, zero_draft

from app.cells import check_stored, display, parse_input
from app.checks import run_checks
from app.compute import computed_cells
from app.draft import SCHEMA_VERSION, new_draft, to_data
from app.errors import CellInputError
from app.formats import CellKind
from app.storage import loads


def test_new_draft_is_empty_and_follows_the_year():
    d = new_draft(2026, "某某局")
    assert d.schema_version == SCHEMA_VERSION
    assert (d.format_id, d.year, d.agency) == ("2021", 2026, "某某局")
    assert d.title_lines == ["某某局", "2026年政府信息公开工作年度报告"]
    assert "2026年1月1日" in d.preamble and "2026年12月31日" in d.preamble
    assert d.tables == {}
    assert set(d.sections) == {"overview", "active", "applications", "review", "problems", "other"}
    assert [p.title for p in d.section("overview").parts] == ["主动公开", "依申请公开", "政府信息管理", "平台建设",
                                                              "监督保障"]
    assert all(s.is_empty() for s in d.sections.values())


def test_get_set_and_not_filled_vs_zero():
    d = new_draft(2025, "某局")
    assert d.get("table3", "open", "natural_person") is None
    d.set("table3", "open", "natural_person", 0)
    assert d.get("table3", "open", "natural_person") == 0
    d.set("table3", "open", "natural_person", None)
    assert d.get("table3", "open", "natural_person") is None
    d.set("table2", "admin_fees", "fee_amount", "0.50")
    assert d.get("table2", "admin_fees", "fee_amount") == "0.50"


@pytest.mark.parametrize("row,col", [("open", "total"), ("outcome_total", "natural_person"),
                                     ("outcome_total", "total")])
def test_computed_cells_cannot_be_set(row, col):
    d = new_draft(2025, "某局")
    with pytest.raises(CellInputError) as e:
        d.set("table3", row, col, 1)
    assert "自动计算" in e.value.message


def test_table4_totals_cannot_be_set():
    d = new_draft(2025, "某局")
    for g in ("review", "direct_suit", "suit_after_review"):
        with pytest.raises(CellInputError):
            d.set("table4", "cases", f"{g}_total", 1)


@pytest.mark.parametrize("value", [-1, "abc", 1.5, True])
def test_set_rejects_invalid_counts(value):
    d = new_draft(2025, "某局")
    with pytest.raises(CellInputError):
        d.set("table3", "open", "natural_person", value)
    assert d.get("table3", "open", "natural_person") is None


def test_totals_are_computed_not_stored():
    d = new_draft(2025, "某局")
    d.set("table3", "open", "natural_person", 3)
    d.set("table3", "open", "commercial", 4)
    totals = computed_cells(d, "table3")
    # partly filled: the sum so far, marked incomplete
    assert totals[("open", "total")].value == 7 and not totals[("open", "total")].complete
    assert "total" not in d.tables["table3"]["open"]
    for c in APPLICANTS[2:]:
        d.set("table3", "open", c, 0)
    assert totals != computed_cells(d, "table3")
    assert computed_cells(d, "table3")[("open", "total")].complete
    # an untouched total is "not filled", not 0
    assert computed_cells(d, "table3")[("partial", "total")].value is None


def test_to_data_writes_complete_totals_only():
    d = new_draft(2025, "某局")
    for c in APPLICANTS:
        d.set("table3", "open", c, 2)
    d.set("table3", "partial", "natural_person", 1)
    data = to_data(d)
    assert data["tables"]["table3"]["open"]["total"] == 12
    assert data["tables"]["table3"]["partial"]["total"] is None
    assert data["tables"]["table3"]["partial"]["natural_person"] == 1
    assert data["tables"]["table3"]["partial"]["commercial"] is None


def _with_stated(changes: dict, fid: str = "2021"):
    data = to_data(zero_draft(fid))
    for (tid, rid, cid), v in changes.items():
        data["tables"][tid][rid][cid] = v
    return loads(json.dumps(data, ensure_ascii=False))


def test_stated_totals_are_kept_apart_from_inputs():
    d = _with_stated({("table3", "outcome_total", "total"): 5})
    assert d.stated("table3", "outcome_total", "total") == 5
    assert d.get("table3", "outcome_total", "total") is None
    assert d.copy_draft().stated("table3", "outcome_total", "total") == 5


@pytest.mark.parametrize("stated,edited", [
    (("table3", "outcome_total", "total"), ("table3", "open", "natural_person")),  # the grand total
    (("table3", "outcome_total", "total"), ("table3", "withheld_secret", "legal_service")),
    (("table3", "outcome_total", "natural_person"), ("table3", "partial", "natural_person")),
    (("table3", "carried_over", "total"), ("table3", "carried_over", "other")),
    (("table4", "cases", "direct_suit_total"), ("table4", "cases", "direct_suit_pending")),
])
def test_editing_a_cell_clears_stale_stated_totals(stated, edited):
    d = _with_stated({stated: 7})
    assert [f.rule for f in run_checks(d) if f.severity.value == "error"]
    d.set(*edited, 0)
    assert d.stated(*stated) is None
    assert not [f for f in run_checks(d) if f.severity.value == "error"]


def test_editing_an_unrelated_cell_keeps_a_stated_total():
    d = _with_stated({("table3", "open", "total"): 7, ("table3", "outcome_total", "natural_person"): 9,
                      ("table4", "cases", "suit_after_review_total"): 3})
    d.set("table3", "partial", "commercial", 0)
    d.set("table3", "new_received", "natural_person", 0)  # not an outcome row: （七）总计 does not add it
    d.set("table4", "cases", "review_upheld", 0)
    assert d.stated("table3", "open", "total") == 7
    assert d.stated("table3", "outcome_total", "natural_person") == 9
    assert d.stated("table4", "cases", "suit_after_review_total") == 3


# ---- what the clerk types -------------------------------------------------------------------------

@pytest.mark.parametrize("kind,text,value", [
    (CellKind.COUNT, "12", 12), (CellKind.COUNT, "0", 0), (CellKind.COUNT, " １２ ", 12), (CellKind.COUNT, "", None),
    (CellKind.COUNT, "1,234", 1234),
    (CellKind.SIGNED, "+2", 2), (CellKind.SIGNED, "-18", -18), (CellKind.SIGNED, "0", 0), (CellKind.SIGNED, "－３", -3),
    (CellKind.SIGNED, "−5", -5),
    (CellKind.MONEY, "24252.311082", "24252.311082"), (CellKind.MONEY, "0.50", "0.50"), (CellKind.MONEY, "12", "12"),
    (CellKind.MONEY, "１２．５", "12.5"),
])
def test_parse_input(kind, text, value):
    assert parse_input(kind, text) == value


@pytest.mark.parametrize("kind,text", [
    (CellKind.COUNT, "-1"), (CellKind.COUNT, "+2"), (CellKind.COUNT, "1.5"), (CellKind.COUNT, "abc"),
    (CellKind.COUNT, "/"), (CellKind.SIGNED, "2.5"), (CellKind.SIGNED, "+-2"), (CellKind.MONEY, "-1"),
    (CellKind.MONEY, "1e3"), (CellKind.MONEY, "12."), (CellKind.MONEY, "abc"),
])
def test_parse_input_rejects(kind, text):
    with pytest.raises(CellInputError) as e:
        parse_input(kind, text)
    assert text in e.value.message


def test_display():
    assert display(CellKind.SIGNED, 2) == "+2"
    assert display(CellKind.SIGNED, -18) == "-18"
    assert display(CellKind.SIGNED, 0) == "0"
    assert display(CellKind.COUNT, 0) == "0"
    assert display(CellKind.COUNT, None) == ""
    assert display(CellKind.MONEY, "24252.311082") == "24252.311082"


def test_check_stored():
    assert check_stored(CellKind.MONEY, 5) == "5"
    assert check_stored(CellKind.SIGNED, -3) == -3
    assert check_stored(CellKind.COUNT, None) is None
    for kind, bad in ((CellKind.COUNT, -1), (CellKind.COUNT, "3"), (CellKind.MONEY, True), (CellKind.MONEY, "-2"),
                      (CellKind.SIGNED, 1.0)):
        with pytest.raises(CellInputError):
            check_stored(kind, bad)
