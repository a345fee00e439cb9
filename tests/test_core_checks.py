"""Every rule with passing and failing cases, the messages with their labels and numbers, and hypothesis
properties for the sums."""

from __future__ import annotations

import json

import pytest
from core_helpers import APPLICANTS, OUTCOMES, T3_COLUMNS, T3_INPUT_ROWS, T4_GROUPS, T4_OUTCOMES, by_rule, zero_draft
from hypothesis import given, settings
from hypothesis import strategies as st

from app.checks import Severity, run_checks, summarize
from app.compute import computed_cells
from app.draft import new_draft, to_data
from app.storage import loads

FIDS = ["2019", "2021"]
counts = st.integers(min_value=0, max_value=10_000)
SETTINGS = settings(max_examples=200, deadline=None)


def errors(findings):
    return [f for f in findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("fid", FIDS)
def test_clean_draft_has_no_findings(fid):
    assert run_checks(zero_draft(fid)) == []


# ---- rule 1: t3-balance -----------------------------------------------------------------------

@pytest.mark.parametrize("fid", FIDS)
def test_balance_message_names_column_and_numbers(fid):
    d = zero_draft(fid)
    d.set("table3", "new_received", "natural_person", 10)
    d.set("table3", "carried_in", "natural_person", 2)
    d.set("table3", "open", "natural_person", 9)
    d.set("table3", "carried_over", "natural_person", 2)
    found = by_rule(run_checks(d), "t3-balance")
    assert [f.message for f in found] == [
        "表三「自然人」列：一+二=12，（七）总计+四=11，相差1",
        "表三「总计」列：一+二=12，（七）总计+四=11，相差1",
    ]
    assert all(f.severity is Severity.ERROR and f.table == "table3" and f.row == "outcome_total" for f in found)
    assert [f.column for f in found] == ["natural_person", "total"]
    d.set("table3", "open", "natural_person", 10)
    assert by_rule(run_checks(d), "t3-balance") == []


def test_balance_difference_is_absolute():
    d = zero_draft("2021")
    d.set("table3", "unavailable_not_held", "legal_service", 5)
    msgs = [f.message for f in by_rule(run_checks(d), "t3-balance")]
    assert msgs == ["表三「法律服务机构」列：一+二=0，（七）总计+四=5，相差5",
                    "表三「总计」列：一+二=0，（七）总计+四=5，相差5"]


def test_unfinished_column_is_missing_not_an_error():
    d = zero_draft("2021")
    d.set("table3", "new_received", "research", 12)
    d.set("table3", "open", "research", None)  # half-way through the column
    found = run_checks(d)
    assert errors(found) == []
    assert [(f.severity, f.rule, f.row, f.column) for f in found] == [
        (Severity.MISSING, "cell-missing", "open", "research")]


def test_half_filled_report_shows_missing_not_errors():
    d = new_draft(2025, "某局")
    d.set("table3", "new_received", "natural_person", 12)
    d.set("table3", "open", "natural_person", 3)
    d.set("table4", "cases", "review_upheld", 1)
    found = run_checks(d)
    assert errors(found) == []
    assert {f.severity for f in found} == {Severity.MISSING, Severity.WARNING}


# ---- rules 2-4: stated totals -------------------------------------------------------------------

def _load_with(fid, inputs: dict, stated: dict):
    """A draft file written from `inputs` (totals right), then some totals hand-edited to `stated`."""
    d = zero_draft(fid)
    for key, v in inputs.items():
        d.set(*key, v)
    data = to_data(d)
    for (tid, rid, cid), v in stated.items():
        data["tables"][tid][rid][cid] = v
    return loads(json.dumps(data, ensure_ascii=False), "某.nianbao")


@pytest.mark.parametrize("fid", FIDS)
def test_outcome_total_stated_wrong(fid):
    d = _load_with(fid, {("table3", "open", "natural_person"): 3, ("table3", "new_received", "natural_person"): 3},
                   {("table3", "outcome_total", "natural_person"): 2})
    found = errors(run_checks(d))
    assert [(f.rule, f.row, f.column) for f in found] == [("t3-outcome-total", "outcome_total", "natural_person")]
    assert found[0].message == "表三「（七）总计」行「自然人」列：文件中记载为2，按各项办理结果相加应为3"


@pytest.mark.parametrize("fid", FIDS)
def test_grand_total_stated_wrong(fid):
    d = _load_with(fid, {("table3", "open", "natural_person"): 3, ("table3", "new_received", "natural_person"): 3},
                   {("table3", "outcome_total", "total"): 4})
    found = errors(run_checks(d))
    assert [(f.rule, f.row, f.column) for f in found] == [("t3-outcome-total", "outcome_total", "total")]
    assert found[0].message == "表三「（七）总计」行「总计」列：文件中记载为4，按各项办理结果相加应为3"


@pytest.mark.parametrize("fid", FIDS)
def test_row_total_stated_wrong(fid):
    d = _load_with(fid, {("table3", "partial", "commercial"): 4, ("table3", "new_received", "commercial"): 4},
                   {("table3", "partial", "total"): 5})
    found = errors(run_checks(d))
    assert [(f.rule, f.row, f.column) for f in found] == [("t3-row-total", "partial", "total")]
    assert found[0].message.startswith("表三「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」行「总计」列")
    assert "文件中记载为5" in found[0].message and "应为4" in found[0].message


@pytest.mark.parametrize("group,label", [("review", "行政复议"), ("direct_suit", "未经复议直接起诉"),
                                         ("suit_after_review", "复议后起诉")])
def test_t4_total_stated_wrong(group, label):
    d = _load_with("2019", {("table4", "cases", f"{group}_upheld"): 1, ("table4", "cases", f"{group}_pending"): 1},
                   {("table4", "cases", f"{group}_total"): 3})
    found = errors(run_checks(d))
    assert [(f.rule, f.table, f.row, f.column) for f in found] == [("t4-total", "table4", "cases", f"{group}_total")]
    assert label in found[0].message and "总计" in found[0].message
    assert "文件中记载为3" in found[0].message and "应为2" in found[0].message


def test_stated_totals_that_agree_are_fine():
    d = _load_with("2021", {("table4", "cases", "review_upheld"): 1}, {("table4", "cases", "review_total"): 1})
    assert run_checks(d) == []


def test_stated_total_over_unfinished_inputs_is_not_judged():
    data = to_data(zero_draft("2021"))
    data["tables"]["table4"]["cases"]["review_upheld"] = None
    data["tables"]["table4"]["cases"]["review_total"] = 9
    found = run_checks(loads(json.dumps(data)))
    assert [(f.severity, f.rule) for f in found] == [(Severity.MISSING, "cell-missing")]


# ---- rule 5: cell-missing and text-missing ------------------------------------------------------

@pytest.mark.parametrize("fid", FIDS)
def test_new_draft_every_input_cell_missing(fid):
    d = new_draft(2020 if fid == "2019" else 2025, "某局")
    found = run_checks(d)
    missing = by_rule(found, "cell-missing")
    n_inputs = sum(len(t.input_cells()) for t in d.format.tables)
    assert len(missing) == n_inputs
    assert all(f.severity is Severity.MISSING for f in missing)
    assert errors(found) == []
    # no computed cell is ever reported missing
    computed = {(t.id, r.id, c.id) for t in d.format.tables for _, r, c in t.cells() if t.is_computed(r, c)}
    assert not {(f.table, f.row, f.column) for f in missing} & computed
    assert {f.section for f in by_rule(found, "text-missing")} == {"overview", "problems", "other"}
    s = summarize(found)
    assert (s.errors, s.missing_cells, s.missing_other) == (0, n_inputs, 3)


def test_missing_cell_message():
    d = zero_draft("2019")
    d.set("table2", "admin_penalty", "change", None)
    (f,) = run_checks(d)
    assert (f.severity, f.rule, f.table, f.row, f.column) == (Severity.MISSING, "cell-missing", "table2",
                                                              "admin_penalty", "change")
    assert f.message == "表二「第二十条第（六）项」「行政处罚」行「本年增/减」列未填写（没有的请填0）"


def test_text_missing():
    d = zero_draft("2019")
    d.section("problems").text = "  \n"
    (f,) = run_checks(d)
    assert (f.severity, f.rule, f.section) == (Severity.MISSING, "text-missing", "problems")
    assert "「五、存在的主要问题及改进情况」" in f.message
    d.section("problems").text = "一是信息发布不够及时。二是解读形式单一。下一步将加强培训。"
    d.section("overview").text = ""
    d.section("overview").parts = []
    assert [f.section for f in run_checks(d)] == ["overview"]
    from app.draft import SubPart

    d.section("overview").parts = [SubPart(title="主动公开", text="公开了。")]
    assert run_checks(d) == []


# ---- rule 11: fee-statement ----------------------------------------------------------------------

def test_fee_statement_error_when_fee_row_positive():
    d = zero_draft("2021", text=True)
    d.fee_statement = ""
    d.set("table3", "other_no_fee", "natural_person", 1)
    d.set("table3", "new_received", "natural_person", 1)
    found = run_checks(d)
    (f,) = by_rule(found, "fee-statement")
    assert (f.severity, f.table, f.row, f.column, f.section) == (Severity.ERROR, "table3", "other_no_fee", "total",
                                                                 "other")
    assert "1件" in f.message and "信息处理费" in f.message and "六、其他需要报告的事项" in f.message
    assert errors(found) == [f]
    d.section("other").text = "2025年，收取信息处理费0元。"
    assert run_checks(d) == []
    d.section("other").text = "无。"
    d.fee_statement = "2025年，无收取信息处理费情况。"
    assert run_checks(d) == []


def test_fee_statement_warning_when_nothing_dropped():
    d = zero_draft("2021")
    d.fee_statement = ""
    (f,) = run_checks(d)
    assert (f.severity, f.rule, f.section) == (Severity.WARNING, "fee-statement", "other")
    assert "2025年，无收取信息处理费情况。" in f.message


def test_no_fee_rule_in_2019_format():
    d = zero_draft("2019")
    d.set("table3", "other", "natural_person", 1)
    d.set("table3", "new_received", "natural_person", 1)
    assert run_checks(d) == []


def test_findings_sorted_by_severity_and_json_shape():
    d = new_draft(2025, "某局")
    d.set("table3", "open", "natural_person", 1)
    d.set("table3", "new_received", "natural_person", 0)
    d.set("table3", "carried_in", "natural_person", 0)
    d.set("table3", "carried_over", "natural_person", 0)
    for r in OUTCOMES["2021"][1:]:
        d.set("table3", r, "natural_person", 0)
    found = run_checks(d)
    order = [f.severity for f in found]
    assert order == sorted(order, key=[Severity.ERROR, Severity.WARNING, Severity.MISSING].index)
    assert found[0].rule == "t3-balance"
    j = found[0].as_json()
    assert {"severity", "rule", "table", "row", "column", "message"} <= set(j)
    assert j["severity"] == "error"


# ---- hypothesis: the sums ----------------------------------------------------------------------

def _t3_values(fid):
    rows = T3_INPUT_ROWS[fid]
    return st.fixed_dictionaries({r: st.fixed_dictionaries({c: counts for c in APPLICANTS}) for r in rows})


@SETTINGS
@given(fid=st.sampled_from(FIDS), data=st.data())
def test_t3_totals_equal_independent_sums(fid, data):
    values = data.draw(_t3_values(fid))
    d = new_draft(2020 if fid == "2019" else 2025, "某局")
    for r, cols in values.items():
        for c, v in cols.items():
            d.set("table3", r, c, v)
    totals = computed_cells(d, "table3")
    for r, cols in values.items():
        assert totals[(r, "total")].value == sum(cols.values())
        assert totals[(r, "total")].complete
    for c in APPLICANTS:
        assert totals[("outcome_total", c)].value == sum(values[r][c] for r in OUTCOMES[fid])
    grand = sum(values[r][c] for r in OUTCOMES[fid] for c in APPLICANTS)
    assert totals[("outcome_total", "total")].value == grand
    assert set(totals) == ({(r, "total") for r in T3_INPUT_ROWS[fid] + ["outcome_total"]}
                           | {("outcome_total", c) for c in T3_COLUMNS})


@SETTINGS
@given(fid=st.sampled_from(FIDS), data=st.data())
def test_t3_totals_with_unfilled_cells_sum_the_filled_and_say_incomplete(fid, data):
    """A finished table takes a shortcut (each total picked from the flat input values); one unfilled cell
    sends it down the plan. Both must give the sums of the filled inputs, complete only when all are."""
    values = data.draw(_t3_values(fid))
    cells = [(r, c) for r in values for c in APPLICANTS]
    unfilled = data.draw(st.sets(st.sampled_from(cells), max_size=4))
    d = new_draft(2020 if fid == "2019" else 2025, "某局")
    for r, c in cells:
        if (r, c) not in unfilled:
            d.set("table3", r, c, values[r][c])
    table = d.format.table("table3")
    for (r, c), total in computed_cells(d, "table3").items():
        leaves = table.inputs_of(r, c)
        filled = [values[lr][lc] for lr, lc in leaves if (lr, lc) not in unfilled]
        assert total.complete == (len(filled) == len(leaves)), (r, c)
        assert total.value == (sum(filled) if filled else None), (r, c)


@SETTINGS
@given(fid=st.sampled_from(FIDS), values=st.fixed_dictionaries(
    {f"{g}_{o}": counts for g in T4_GROUPS for o in T4_OUTCOMES}))
def test_t4_totals_equal_independent_sums(fid, values):
    d = new_draft(2020 if fid == "2019" else 2025, "某局")
    for c, v in values.items():
        d.set("table4", "cases", c, v)
    totals = computed_cells(d, "table4")
    assert {k: t.value for k, t in totals.items()} == {
        ("cases", f"{g}_total"): sum(values[f"{g}_{o}"] for o in T4_OUTCOMES) for g in T4_GROUPS}


@st.composite
def balanced_column(draw, fid):
    """Values for one table 三 column (input rows only) with 一+二 = （七）总计+四."""
    col = {r: draw(counts) for r in OUTCOMES[fid]}
    col["carried_over"] = draw(counts)
    s = sum(col.values())
    col["carried_in"] = draw(st.integers(min_value=0, max_value=s))
    col["new_received"] = s - col["carried_in"]
    return col


@SETTINGS
@given(fid=st.sampled_from(FIDS), column=st.sampled_from(APPLICANTS), data=st.data())
def test_balanced_column_never_flags(fid, column, data):
    d = zero_draft(fid)
    for r, v in data.draw(balanced_column(fid)).items():
        d.set("table3", r, column, v)
    assert by_rule(run_checks(d), "t3-balance") == []


@SETTINGS
@given(fid=st.sampled_from(FIDS), column=st.sampled_from(APPLICANTS), data=st.data(),
       delta=st.integers(min_value=-10_000, max_value=10_000).filter(bool),
       where=st.sampled_from(["new_received", "carried_in", "open", "other_row", "carried_over"]))
def test_unbalanced_column_always_flags(fid, column, data, delta, where):
    col = data.draw(balanced_column(fid))
    row = {"other_row": OUTCOMES[fid][-1]}.get(where, where)
    if col[row] + delta < 0:
        delta = -delta
    col[row] += delta
    d = zero_draft(fid)
    for r, v in col.items():
        d.set("table3", r, column, v)
    found = by_rule(run_checks(d), "t3-balance")
    assert [f.column for f in found] == [column, "total"]
    assert all(f.severity is Severity.ERROR for f in found)
    assert all(f.message.endswith(f"相差{abs(delta)}") for f in found)
