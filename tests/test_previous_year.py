"""Starting this year's draft from last year's, the previous-year record, and the cross-year rules
(carry-over, in-force-rollforward, prev-items, same-as-last-year), from the command line too."""

from __future__ import annotations

import json

import pytest
from core_helpers import by_rule

from app.checks import run_checks
from app.cli import main
from app.errors import DraftError
from app.export import export_docx
from app.previous import record_of, start_from, unchanged_sections
from app.storage import load_draft, loads, save_draft


@pytest.fixture
def sample(sample2021_path):
    return load_draft(sample2021_path)


@pytest.fixture
def seed(seed_path):
    return load_draft(seed_path)


def test_start_from_carries_title_dates_text_and_carry_over(sample):
    d = start_from(sample, 2026, "sample-2025.nianbao")
    assert d.year == 2026 and d.format_id == "2021" and d.agency == sample.agency
    assert d.title_lines == ["某某市某某区市场监督管理局", "2026年政府信息公开工作年度报告"]
    assert "自2026年1月1日起至2026年12月31日止" in d.preamble
    assert "国办公开办函〔2021〕30号" in d.preamble  # a document number is not a date
    assert d.section("overview").parts[1].text == sample.section("overview").parts[1].text
    # 二、上年结转 = last year's 四、结转下年度继续办理, column by column (2, 1, 0, 0, 0, 0; total 3)
    for col in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other"):
        assert d.get("table3", "carried_in", col) == sample.get("table3", "carried_over", col)
    assert d.get("table3", "carried_in", "commercial") == 1
    assert d.get("table3", "new_received", "natural_person") is None  # this year's numbers start empty
    assert d.previous.in_force == {"regulations": 0, "normative_docs": 27}
    assert d.previous.carried_over["total"] == 3
    assert run_checks(d) and not by_rule(run_checks(d), "carry-over")


def test_sections_copied_from_last_year_are_marked_unchanged(sample):
    d = start_from(sample, 2026)
    same = unchanged_sections(d)
    assert same["overview"] == (9, 9) and same["problems"] == (4, 4)
    warned = {f.section for f in by_rule(run_checks(d), "same-as-last-year")}
    assert warned == {"overview", "problems"}  # 六 is one short sentence: not judged
    d.section("problems").text = ("一是基层公开标准化工作推进不平衡。二是政策解读回应社会关切不够及时。\n"
                                  "下一步，我局将开展专项培训，建立解读与文件同步起草机制。")
    assert "problems" not in {f.section for f in by_rule(run_checks(d), "same-as-last-year")}
    assert unchanged_sections(d)["problems"] == (0, 3)


def test_carry_over_warns_per_column_with_numbers(sample):
    d = start_from(sample, 2026)
    d.set("table3", "carried_in", "commercial", 0)
    found = by_rule(run_checks(d), "carry-over")
    cols = {f.column for f in found}
    assert cols == {"commercial", "total"}
    f = next(f for f in found if f.column == "commercial")
    assert "为0件" in f.message and "2025年度报告" in f.message and "为1件" in f.message
    assert (f.table, f.row) == ("table3", "carried_in")


def test_in_force_rollforward(sample):
    d = start_from(sample, 2026)
    d.set("table2", "normative_docs", "issued", 4)
    d.set("table2", "normative_docs", "repealed", 2)
    d.set("table2", "normative_docs", "in_force", 29)  # 27 + 4 - 2
    assert not by_rule(run_checks(d), "in-force-rollforward")
    d.set("table2", "normative_docs", "in_force", 30)
    [f] = by_rule(run_checks(d), "in-force-rollforward")
    assert "30件" in f.message and "27件" in f.message and "4件" in f.message and "2件" in f.message
    assert "29件" in f.message and (f.row, f.column) == ("normative_docs", "in_force")


def test_2020_to_2021_change_of_format(seed):
    d = start_from(seed, 2021)
    assert d.format_id == "2021" and d.previous.format_id == "2019"
    assert "table2" not in d.tables  # the 2021 table 二 starts empty
    assert d.get("table3", "carried_in", "natural_person") == seed.get("table3", "carried_over", "natural_person")
    d.set("table2", "normative_docs", "issued", 1)
    d.set("table2", "normative_docs", "repealed", 0)
    d.set("table2", "normative_docs", "in_force", 50)
    assert not by_rule(run_checks(d), "in-force-rollforward")  # no last year's 现行有效件数 to roll


def _seed_as_2019(seed):
    last = seed.copy_draft()
    last.year = 2019
    return last


def test_prev_items_in_the_2019_format(seed):
    last = _seed_as_2019(seed)  # 行政处罚: 上一年项目数量 7, 本年增/减 +2
    d = start_from(last, 2020)
    assert d.format_id == "2019"
    assert d.get("table2", "admin_penalty", "prev_items") == 9
    assert d.previous.items["admin_penalty"] == {"prev_items": 7, "change": 2}
    assert not by_rule(run_checks(d), "prev-items")
    d.set("table2", "admin_penalty", "prev_items", 7)
    [f] = by_rule(run_checks(d), "prev-items")
    assert "为7" in f.message and "上一年项目数量7+2" in f.message and "＝9" in f.message


def test_previous_record_survives_save_and_load(sample, tmp_path):
    d = start_from(sample, 2026, "上年.docx")
    path = tmp_path / "2026.nianbao"
    save_draft(d, path)
    data = json.loads(path.read_text("utf-8"))
    assert data["schema_version"] == 3 and data["previous"]["source"] == "上年.docx"
    back = load_draft(path)
    assert back.previous == d.previous
    d.set("table3", "carried_in", "natural_person", 5)
    save_draft(d, path)
    assert by_rule(run_checks(load_draft(path)), "carry-over")  # works without last year's file


def test_schema_2_draft_migrates_without_previous(sample2021_path):
    data = json.loads(sample2021_path.read_text("utf-8"))
    assert data["schema_version"] == 2
    d = loads(json.dumps(data, ensure_ascii=False))
    assert d.schema_version == 3 and d.previous is None


def test_bad_previous_record_is_a_chinese_error(sample2021_path):
    data = json.loads(sample2021_path.read_text("utf-8"))
    data["schema_version"] = 3
    data["previous"] = {"year": 2024, "format_id": "2021", "carried_over": {"total": -1}}
    with pytest.raises(DraftError, match="上年记录"):
        loads(json.dumps(data, ensure_ascii=False), "坏.nianbao")


def test_record_never_takes_a_blank_as_zero(sample):
    sample.set("table3", "carried_over", "research", None)
    rec = record_of(sample)
    assert "research" not in rec.carried_over and "total" not in rec.carried_over
    d = start_from(sample, 2026)
    assert d.get("table3", "carried_in", "research") is None


# ---- command line ------------------------------------------------------------------------------

def test_cli_new_from_word_report(sample, tmp_path, capsys):
    last = export_docx(sample, tmp_path / "2025年报.docx")
    out = tmp_path / "2026.nianbao"
    assert main(["new", "--from", str(last), "--year", "2026", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "读取 166 格" in printed and "上年结转" in printed
    d = load_draft(out)
    assert d.year == 2026 and d.get("table3", "carried_in", "natural_person") == 2
    assert d.previous.source == "2025年报.docx"


def test_cli_new_requires_year_and_agency_without_from(tmp_path, capsys):
    assert main(["new", "-o", str(tmp_path / "x")]) == 2
    assert "--year" in capsys.readouterr().err


def test_cli_new_from_refuses_an_earlier_year(sample2021_path, tmp_path, capsys):
    assert main(["new", "--from", str(sample2021_path), "--year", "2024", "-o", str(tmp_path / "x")]) == 2
    assert "应晚于" in capsys.readouterr().err


def test_cli_check_previous_supplies_the_record(sample, sample2021_path, tmp_path, capsys):
    d = start_from(sample, 2026)
    d.previous = None
    d.set("table3", "carried_in", "natural_person", 4)
    path = tmp_path / "2026.nianbao"
    save_draft(d, path)
    assert main(["check", str(path), "--json"]) == 0
    assert "carry-over" not in {f["rule"] for f in json.loads(capsys.readouterr().out)}
    assert main(["check", str(path), "--previous", str(sample2021_path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    rules = {f["rule"] for f in found}
    assert {"carry-over", "same-as-last-year"} <= rules
    carry = [f for f in found if f["rule"] == "carry-over"]
    assert {f["column"] for f in carry} == {"natural_person", "total"}
    assert set(carry[0]) == {"severity", "rule", "table", "row", "column", "section", "message"}
    assert load_draft(path).previous is None  # check never writes


def test_cli_check_previous_must_be_an_earlier_year(sample2021_path, capsys):
    assert main(["check", str(sample2021_path), "--previous", str(sample2021_path)]) == 2
    assert "不是2025年度的上一年度报告" in capsys.readouterr().err


def test_advance_years_in_arabic_and_chinese_numerals():
    from app.previous import advance_years

    assert advance_years("二〇二五年政府信息公开工作年度报告", 2025, 2026) == "二〇二六年政府信息公开工作年度报告"
    assert advance_years("二零二五年度", 2025, 2026) == "二零二六年度"
    assert advance_years("2025 年，国办公开办函〔2025〕30号", 2025, 2026) == "2026 年，国办公开办函〔2025〕30号"
