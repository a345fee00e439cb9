"""The text rules: text-vs-table (numbers in the text against the tables), year-in-text, problems-empty,
and fee-statement's "say what was charged". Precision first: the bundled samples give no warning, and
sentences that only look like claims (other years, estimates, comparisons, published-information
counts) give none either."""

from __future__ import annotations

import pytest
from core_helpers import by_rule

from app.checks import Severity, run_checks
from app.storage import load_draft

# Table values of the 2025 sample: new 51, carried in 2, handled 50, open 23, partial 6, 不予公开 3,
# 无法提供 12, 不予处理 4, carried over 3, 行政复议 4, 行政诉讼 2 (direct) + 0, 现行有效规范性文件 27,
# 制发 3, 废止 1, 行政许可 1286, 行政处罚 214, 行政强制 9, 行政事业性收费 12.456300 万元.


@pytest.fixture
def sample(sample2021_path):
    return load_draft(sample2021_path)


def _say(draft, sentence: str, where: str = "overview.part.1.text"):
    if where == "other.text":
        draft.section("other").text = sentence
    elif where.startswith("overview.part."):
        draft.section("overview").parts[int(where.split(".")[2])].text = sentence
    else:
        draft.section(where.split(".")[0]).text = sentence
    return by_rule(run_checks(draft), "text-vs-table")


@pytest.mark.parametrize("path", ["sample2021_path", "seed_path"])
def test_bundled_samples_give_no_warning_at_all(path, request):
    findings = run_checks(load_draft(request.getfixturevalue(path)))
    assert [f.message for f in findings if f.severity is not Severity.MISSING] == []


@pytest.mark.parametrize("sentence,cell,needle", [
    ("共收到政府信息公开申请58件。", ("table3", "new_received", "total"), "为51件"),
    ("全年受理政府信息公开申请75件，其中自然人申请60件。", ("table3", "new_received", "total"), "75件"),
    ("全年新收政府信息公开申请五十八件。", ("table3", "new_received", "total"), "五十八件"),
    ("办结政府信息公开申请49件。", ("table3", "outcome_total", "total"), "为50件"),
    ("其中予以公开42件。", ("table3", "open", "total"), "为23件"),
    ("部分公开3件。", ("table3", "partial", "total"), "为6件"),
    ("不予公开5件。", ("table3", "withheld_secret", "total"), "为3件"),
    ("结转下年度办理6件。", ("table3", "carried_over", "total"), "为3件"),
    ("上年结转政府信息公开申请十二件。", ("table3", "carried_in", "total"), "为2件"),
    ("发生政府信息公开行政复议2起。", ("table4", "cases", "review_total"), "为4起"),
    ("因政府信息公开被提起行政诉讼5宗。", ("table4", "cases", "direct_suit_total"), "5宗"),
    ("现行有效行政规范性文件30件。", ("table2", "normative_docs", "in_force"), "为27件"),
    ("全年制发行政规范性文件4件，废止1件。", ("table2", "normative_docs", "issued"), "为3件"),
    ("作出行政处罚决定200件。", ("table2", "admin_penalty", "decisions"), "为214件"),
    ("全年行政事业性收费12.5万元。", ("table2", "admin_fees", "fee_amount"), "12.456300万元"),
])
def test_a_clear_claim_that_disagrees_warns_quoting_the_sentence(sample, sentence, cell, needle):
    found = _say(sample, sentence)
    assert [(f.table, f.row, f.column) for f in found][:1] == [cell]
    f = found[0]
    assert f.severity is Severity.WARNING and needle in f.message and sentence.rstrip("。") in f.message
    # the window can select the sentence: field key and offsets into that field's text
    assert f.field == "overview.part.1.text" and f.section == "overview"
    assert sample.section("overview").parts[1].text[f.start:f.end].rstrip("。") in sentence
    assert set(f.as_json()) >= {"field", "start", "end", "message"}


def test_a_topic_named_in_the_clause_before_carries_over(sample):
    found = _say(sample, "因政府信息公开被申请行政复议4件，被提起行政诉讼5件。")
    assert [(f.column, "5件" in f.message) for f in found] == [("direct_suit_total", True)]


def test_several_claims_in_one_sentence(sample):
    found = _say(sample, "全年新收申请51件，予以公开42件、部分公开3件。")
    assert {f.row for f in found} == {"open", "partial"}


@pytest.mark.parametrize("sentence", [
    "共收到政府信息公开申请51件。",  # agrees
    "全年受理政府信息公开申请53件（含上年结转2件）。",  # new + carried in
    "全年共受理政府信息公开申请53件，均已按时答复。",
    "较上年收到申请58件有所减少。",
    "2024年收到政府信息公开申请58件。",  # another year
    "2024年，我局共收到政府信息公开申请58件。",  # a sentence opened by another year
    "受理行政复议申请3件，其中涉及政府信息公开的1件。",  # the 3 are not all about 信息公开
    "全年受理各类申请300件，其中政府信息公开申请51件。",
    "全年受理行政许可申请560件，办结560件。",
    "办理人大代表建议15件、政协委员提案22件，办复率100%。",
    "自2019年以来，累计收到政府信息公开申请300件。",
    "收到政府信息公开申请100余件。",  # an estimate
    "全年收到政府信息公开申请近百件。",
    "收到行政复议申请2件。",  # not about 信息公开
    "全年共办理行政复议案件12件，行政诉讼案件8件。",  # the agency's cases in general
    "因政府信息公开引起的行政复议和行政诉讼案件共6件。",  # both together
    "主动公开政府信息1552条，其中公开行政处罚信息9条。",  # published items, not decisions
    "公开行政处罚决定书200份。",
    "每月收到政府信息公开申请5件左右。",
    "制发规范性文件前均进行合法性审查，清理规范性文件20件。",
    "予以公开23件，占总数的46%。",
    "本年度无其他需要报告的事项。",
])
def test_sentences_that_only_look_like_claims_do_not_warn(sample, sentence):
    assert _say(sample, sentence) == []


def test_unfilled_table_cell_gives_no_comparison(sample):
    sample.set("table3", "new_received", "natural_person", None)
    assert _say(sample, "共收到政府信息公开申请58件。") == []


def test_claims_in_other_sections_point_to_their_field(sample):
    [f] = _say(sample, "全年作出行政处罚决定100件。", "other.text")
    assert f.field == "other.text" and f.section == "other" and f.start == 0


# ---- year-in-text ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,warns", [
    ("2024年，我局深入贯彻落实《条例》。", True),
    ("2024年全年共组织培训3次。", True),
    ("本报告统计期限自2024年1月1日起至2024年12月31日止。", True),
    ("2025年，我局深入贯彻落实《条例》。", False),
    ("自2024年以来，我局持续推进公开工作。", False),
    ("认真落实《2024年政务公开工作要点》。", False),
    ("依申请公开数量较2024年增长10%。", False),
    ("2026年将继续加强培训。", False),
    ("2023年，我局被评为先进单位。", False),  # older years are history
    ("对照2024年度政务公开第三方评估发现的问题，逐项整改。", False),
    ("深入学习贯彻2024年中央经济工作会议精神。", False),
    ("2024年我局获评政务公开先进单位。", False),
    ("2024年12月，我局组织开展了政务公开专项检查。", False),  # a moment, not the year's work
    ("2024年，全年主动公开信息1200条。", True),
])
def test_year_in_text(sample, sentence, warns):
    sample.section("overview").text = sentence
    found = by_rule(run_checks(sample), "year-in-text")
    assert bool(found) is warns
    if warns:
        assert "2024" in found[0].message and found[0].field == "overview.text"


def test_leftover_period_in_the_preamble(sample):
    sample.preamble = sample.preamble.replace("2025年1月1日", "2024年1月1日").replace("2025年12月", "2024年12月")
    [f] = by_rule(run_checks(sample), "year-in-text")
    assert f.field == "preamble" and "统计期限" in sample.preamble[f.start:f.end]


# ---- problems-empty ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,warns", [
    ("无", True), ("无。", True), ("暂无。", True), ("工作还有不足。", True),
    ("", False),  # empty: text-missing reports it
    ("一是信息发布不够及时。二是解读形式单一。下一步将加强培训。", False),
])
def test_problems_empty(sample, text, warns):
    sample.section("problems").text = text
    assert bool(by_rule(run_checks(sample), "problems-empty")) is warns
    if not text:
        assert any(f.section == "problems" for f in by_rule(run_checks(sample), "text-missing"))


# ---- fee-statement: say what was charged ----------------------------------------------------------

@pytest.mark.parametrize("statement,warns", [
    ("2025年，我局依规收取信息处理费。", True),  # charged, but how much?
    ("2025年，我局向1名申请人发出收费通知，共收取信息处理费300元。", False),
    ("2025年，未收取信息处理费。", False),
    ("2025年，无收取信息处理费情况。", False),
])
def test_fee_statement_says_what_was_charged(sample, statement, warns):
    sample.fee_statement = statement
    found = by_rule(run_checks(sample), "fee-statement")
    assert bool(found) is warns
    if warns:
        assert found[0].severity is Severity.WARNING and found[0].field == "fee_statement"


def test_fee_notice_in_table_needs_an_amount(sample):
    # table 三 counts one application dropped for an unpaid fee; the statement names the fee but no amount
    sample.fee_statement = "2025年，我局按照规定执行信息处理费管理办法。"
    [f] = by_rule(run_checks(sample), "fee-statement")
    assert "为1件" in f.message and "没有写明" in f.message
