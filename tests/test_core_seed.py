"""The seed report (../shared/seeds/000_2e5524cc18545b14.txt: 吴忠市生态环境局盐池分局, 2020 report, 2019 format)
as a bundled sample: each of its numbers in the right cell, every paragraph of its text in the draft, and a
clean check. The expected numbers are copied by hand from the seed text. Also the invented 2021 sample."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, SAMPLE_2021, SEED
from core_helpers import APPLICANTS, OUTCOMES, T3_COLUMNS, T3_INPUT_ROWS, T4_GROUPS, T4_OUTCOMES

from app.cells import display
from app.checks import run_checks
from app.compute import computed_cells
from app.draft import to_data
from app.storage import load_draft

# A verbatim copy of ../shared/seeds/000_2e5524cc18545b14.txt, so the test runs on a clean clone.
SEED_TEXT = ROOT / "tests" / "data" / "seed-000_2e5524cc18545b14.txt"

# Table 二 of the seed, row by row as printed ("+2" is the signed change 2).
SEED_TABLE2 = {
    "regulations": {"new_made": 0, "new_published": 0, "total_published": 0},  # 规章 0 0 0
    "normative_docs": {"new_made": 0, "new_published": 0, "total_published": 0},  # 规范性文件 0 0 0
    "admin_license": {"prev_items": 0, "change": 0, "decisions": 0},  # 行政许可 0 0 0
    "other_services": {"prev_items": 0, "change": 0, "decisions": 0},  # 其他对外管理服务事项 0 0 0
    "admin_penalty": {"prev_items": 7, "change": 2, "decisions": 16},  # 行政处罚 7 +2 16
    "admin_coercion": {"prev_items": 1, "change": 0, "decisions": 2},  # 行政强制 1 0 2
    "admin_fees": {"prev_items": 0, "change": 0},  # 行政事业性收费 0 0
    "central_procurement": {"purchase_items": 0, "purchase_amount": "0"},  # 政府集中采购 0 0
}
# Table 四 of the seed: 0 0 0 0 0 | 0 0 0 0 0 | 1 0 0 1 2
SEED_TABLE4 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2]


@pytest.fixture(scope="module")
def seed():
    return load_draft(SEED)


def test_seed_metadata(seed):
    assert (seed.format_id, seed.year, seed.agency) == ("2019", 2020, "吴忠市生态环境局盐池分局")
    assert seed.title_lines == ["吴忠市生态环境局盐池分局", "2020 年政府信息公开工作年度报告"]
    assert seed.preamble == "根据《中华人民共和国政府信息公开条例》第五十条之规定，制作本报告。"


def test_seed_table2_numbers(seed):
    for row, cols in SEED_TABLE2.items():
        for col, value in cols.items():
            assert seed.get("table2", row, col) == value, (row, col)
    assert display(seed.format.table("table2").column("admin_penalty", "change").kind,
                   seed.get("table2", "admin_penalty", "change")) == "+2"
    # nothing else in table 二
    assert {r: set(c) for r, c in seed.tables["table2"].items()} == {r: set(c) for r, c in SEED_TABLE2.items()}


def test_seed_table3_all_zero(seed):
    for row in T3_INPUT_ROWS["2019"]:
        for col in APPLICANTS:
            assert seed.get("table3", row, col) == 0, (row, col)
    totals = computed_cells(seed, "table3")
    assert all(t.value == 0 and t.complete for t in totals.values())
    assert len(totals) == len(T3_INPUT_ROWS["2019"]) + len(T3_COLUMNS)  # 总计 column + （七）总计 row
    # the seed prints every total as 0 too, and the sample states them
    for row in T3_INPUT_ROWS["2019"] + ["outcome_total"]:
        assert seed.stated("table3", row, "total") == 0
    assert OUTCOMES["2019"][-1] == "other"


def test_seed_table4_numbers(seed):
    cols = [f"{g}_{o}" for g in T4_GROUPS for o in T4_OUTCOMES + ["total"]]
    totals = computed_cells(seed, "table4")
    got = [totals[("cases", c)].value if c.endswith("_total") else seed.get("table4", "cases", c) for c in cols]
    assert got == SEED_TABLE4
    assert seed.get("table4", "cases", "suit_after_review_upheld") == 1
    assert seed.get("table4", "cases", "suit_after_review_pending") == 1
    assert totals[("cases", "suit_after_review_total")].value == 2
    assert seed.stated("table4", "cases", "suit_after_review_total") == 2


def test_seed_written_totals_match_the_seed(seed):
    data = to_data(seed)
    assert data["tables"]["table4"]["cases"]["suit_after_review_total"] == 2
    assert data["tables"]["table4"]["cases"]["review_total"] == 0
    assert data["tables"]["table3"]["outcome_total"]["total"] == 0


def _paragraphs() -> list[str]:
    """The seed's prose paragraphs (not table lines, headings or the title), with the page break that
    splits one paragraph ("…进行巡" / "查，…") joined again."""
    text = SEED_TEXT.read_text("utf-8")
    start = text.index("根据《中华人民共和国政府信息公开条例》")
    body = text[start:]
    body = body[:body.index("二、主动公开政府信息情况")] + body[body.index("五、存在的主要问题及改进情况"):]
    body = body.replace("进行巡\n\n查，", "进行巡查，")
    headings = {"一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}
    return [p.strip() for p in body.split("\n") if p.strip() and p.strip() not in headings]


def test_every_seed_paragraph_is_in_the_draft(seed):
    paragraphs = _paragraphs()
    assert len(paragraphs) == 8
    overview = seed.section("overview")
    in_draft = [seed.preamble, overview.text]
    in_draft += [f"{p.title}{p.text}" for p in overview.parts]
    in_draft += seed.section("problems").text.split("\n")
    in_draft.append(seed.section("other").text)
    numbering = re.compile(r"^[（(][一二三四五][)）]\s*")
    assert [numbering.sub("", p) for p in paragraphs] == in_draft
    assert [p.title for p in overview.parts] == [
        "切实加强组织领导，完善政务公开机制。",
        "严把公开信息质量，积极回应社会关切。",
        "强化内部监督约束，确保公开制度落到实处。",
    ]


def test_seed_checks_clean(seed):
    assert run_checks(seed) == []


# ---- the 2021-format sample ------------------------------------------------------------------------

def test_sample_2021_checks_clean_and_consistent():
    d = load_draft(SAMPLE_2021)
    assert d.format_id == "2021"
    assert run_checks(d) == []
    t3 = computed_cells(d, "table3")
    for col in T3_COLUMNS:
        def v(row, col=col):
            return t3[(row, col)].value if (row, col) in t3 else d.get("table3", row, col)
        assert v("new_received") + v("carried_in") == v("outcome_total") + v("carried_over"), col
    # totals stated in the file agree with the computed ones
    for table in d.format.tables:
        totals = computed_cells(d, table.id)
        for (row, col), total in totals.items():
            assert total.complete
            assert d.stated(table.id, row, col) in (None, total.value)
    # every input cell filled
    for table in d.format.tables:
        for _, row, col in table.input_cells():
            assert d.get(table.id, row.id, col.id) is not None
    # the narrative's numbers agree with the tables (rule 10, by hand)
    overview = "".join(p.text for p in d.section("overview").parts)
    assert "新收政府信息公开申请51件" in overview and t3[("new_received", "total")].value == 51
    assert "上年结转2件" in overview and t3[("carried_in", "total")].value == 2
    assert "现行有效行政规范性文件27件" in overview and d.get("table2", "normative_docs", "in_force") == 27
    assert "复议4件" in overview and computed_cells(d, "table4")[("cases", "review_total")].value == 4
    assert d.get("table2", "admin_fees", "fee_amount") == "12.456300"
    assert t3[("other_no_fee", "total")].value == 1 and "信息处理费" in d.fee_statement
