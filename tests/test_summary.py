"""汇总 of a folder of units' reports (app/summary.py, `nianbao summary`): the status table, the sum cell by
cell, incomplete cells, the checks on the sum, the hierarchy check against an area report."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from core_helpers import APPLICANTS, by_rule
from summary_helpers import input_values, unit_draft

from app.checks import Severity
from app.cli import main
from app.draft import Draft
from app.export import export_docx, export_html
from app.storage import load_draft, save_draft
from app.summary import Cancelled, input_cells, summarize_folder

GOOD = ["甲局", "乙局", "丙局", "丁局"]
IMPORTED = {"癸局": "癸局.docx", "子局": "子局.html"}


def _save(folder: Path, name: str, draft: Draft) -> Draft:
    save_draft(draft, folder / name)
    return draft


@pytest.fixture
def units(tmp_path) -> tuple[Path, dict[str, Draft]]:
    """A county's folder: four clean units, one with a table error, one with an unfilled cell, a Word
    report and a web page, one of another year, a broken file and a PDF."""
    folder = tmp_path / "各单位"
    folder.mkdir()
    drafts = {}
    for i, name in enumerate(GOOD):
        drafts[name] = _save(folder, f"{i}-{name}.nianbao", unit_draft(i, agency=name))
    bad = unit_draft(10, agency="戊局")
    bad.set("table3", "carried_over", "natural_person", bad.get("table3", "carried_over", "natural_person") + 5)
    drafts["戊局"] = _save(folder, "戊局.nianbao", bad)
    gap = unit_draft(11, agency="己局")
    gap.set("table2", "regulations", "issued", None)
    drafts["己局"] = _save(folder, "己局.nianbao", gap)
    # Units that sent their Word file or the page on their portal instead of a draft.
    drafts["癸局"] = unit_draft(13, agency="癸局")
    export_docx(drafts["癸局"], folder / "癸局.docx")
    drafts["子局"] = unit_draft(14, agency="子局")
    export_html(drafts["子局"], folder / "子局.html")
    _save(folder, "庚局-去年.nianbao", unit_draft(12, agency="庚局", year=2024))
    (folder / "辛局.nianbao").write_text('{"schema_version": 2, "format_id": "2021", "year": 2025, "tables": ',
                                         "utf-8")
    (folder / "壬局.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "甲局.nianbao.bak").write_text("old backup", "utf-8")
    return folder, drafts


def _unit(result, name):
    return next(u for u in result.units if u.name == name)


def test_status_table(units):
    folder, drafts = units
    result = summarize_folder(folder)
    assert (result.year, result.format_id) == (2025, "2021")
    names = [u.path.name for u in result.units]
    assert "甲局.nianbao.bak" not in names
    assert len(result.units) == 11
    assert sorted(u.name for u in result.included) == sorted([*GOOD, *IMPORTED, "戊局", "己局"])
    # Attention first: the unreadable file, the unit with errors, the files left out, then the incomplete one.
    order = [u.path.name for u in result.units]
    assert order[0] == "辛局.nianbao"
    assert order[1] == "戊局.nianbao"
    assert set(order[2:4]) == {"庚局-去年.nianbao", "壬局.pdf"}
    assert order[4] == "己局.nianbao"
    assert set(order[5:]) == {f"{i}-{n}.nianbao" for i, n in enumerate(GOOD)} | set(IMPORTED.values())
    for name, file in IMPORTED.items():
        u = _unit(result, name)
        assert (u.path.name, u.year, u.format_id, u.errors, u.warnings, u.missing) == (file, 2025, "2021", 0, 0, 0)
        assert u.kind == ("Word" if file.endswith(".docx") else "网页")

    broken = _unit(result, "辛局")
    assert broken.unreadable and broken.excluded.startswith("无法读取：") and "辛局.nianbao" in broken.excluded
    assert (broken.year, broken.format_id) == (None, None)
    assert "2024年度" in _unit(result, "庚局").excluded and "2025年度" in _unit(result, "庚局").excluded
    assert "不是可汇总的文件类型" in _unit(result, "壬局").excluded

    bad = _unit(result, "戊局")
    assert bad.included and bad.errors == 2 and bad.warnings == 0 and bad.missing == 0  # 自然人 and 总计 columns
    assert "t3" not in bad.messages[0] and "一+二" in bad.messages[0]
    gap = _unit(result, "己局")
    assert (gap.errors, gap.missing) == (0, 1)
    for name in GOOD:
        u = _unit(result, name)
        assert (u.errors, u.warnings, u.missing, u.excluded) == (0, 0, 0, None)

    d = drafts["甲局"]
    figures = _unit(result, "甲局").figures

    def t3(row):
        return sum(d.get("table3", row, a) for a in APPLICANTS)

    assert figures["new_received"] == t3("new_received")
    assert figures["carried_over"] == t3("carried_over")
    assert figures["handled"] == t3("new_received") + t3("carried_in") - t3("carried_over")
    assert figures["review_total"] == sum(d.get("table4", "cases", f"review_{o}")
                                          for o in ("upheld", "corrected", "other", "pending"))
    assert figures["suit_total"] == sum(d.get("table4", "cases", f"{g}_{o}")
                                        for g in ("direct_suit", "suit_after_review")
                                        for o in ("upheld", "corrected", "other", "pending"))
    assert figures["normative_docs"] == d.get("table2", "normative_docs", "in_force")
    assert _unit(result, "己局").figures["new_received"] is not None


def test_sum_cell_by_cell(units):
    folder, drafts = units
    result = summarize_folder(folder, agency="某某县人民政府办公室")
    s = result.draft
    assert (s.year, s.format_id, s.agency) == (2025, "2021", "某某县人民政府办公室")
    assert "8个单位汇总" in s.title_lines[1]
    summed = list(drafts.values())
    cells = input_cells(s.format)
    assert len(cells) > 150
    for t, r, c, kind in cells:
        values = [d.get(t, r, c) for d in summed]
        if None in values:
            assert s.get(t, r, c) is None
            continue
        if kind.value == "money":
            expected = sum(Decimal(v) for v in values)
            assert Decimal(s.get(t, r, c)) == expected and s.get(t, r, c) == format(expected, "f")
        else:
            assert s.get(t, r, c) == sum(values), (t, r, c)
    # Totals are recomputed from the summed cells, so the sum's 勾稽关系 fails exactly where a unit's does.
    assert [f.column for f in by_rule(result.findings, "t3-balance")] == ["natural_person", "total"]
    assert by_rule(result.findings, "t3-balance")[0].message.endswith("相差5")


def test_unfilled_cell_makes_the_sum_incomplete(units):
    folder, drafts = units
    result = summarize_folder(folder)
    assert [(i.table, i.row, i.column) for i in result.incomplete] == [("table2", "regulations", "issued")]
    inc = result.incomplete[0]
    assert inc.lacking == ("己局",)
    assert inc.partial == sum(drafts[n].get("table2", "regulations", "issued") for n in [*GOOD, *IMPORTED, "戊局"])
    assert "己局" in inc.message and "本年制发件数" in inc.message and "合计不完整" in inc.message
    assert result.draft.get("table2", "regulations", "issued") is None
    missing = [f for f in result.findings if f.severity is Severity.MISSING and f.table]
    assert [(f.table, f.row, f.column) for f in missing] == [("table2", "regulations", "issued")]


def test_money_sums_exactly(tmp_path):
    folder = tmp_path / "u"
    folder.mkdir()
    for i, amount in enumerate(["24252.311082", "0.1", "0.2", "100"]):
        d = unit_draft(i, agency=f"单位{i}")
        d.set("table2", "admin_fees", "fee_amount", amount)
        save_draft(d, folder / f"{i}.nianbao")
    result = summarize_folder(folder)
    assert result.draft.get("table2", "admin_fees", "fee_amount") == "24352.611082"


def test_2019_format_adds_signed_changes(tmp_path):
    folder = tmp_path / "u"
    folder.mkdir()
    drafts = [unit_draft(i, "2019", agency=f"单位{i}") for i in range(3)]
    drafts[0].set("table2", "admin_license", "change", -18)
    drafts[1].set("table2", "admin_license", "change", 2)
    drafts[2].set("table2", "admin_license", "change", 5)
    for i, d in enumerate(drafts):
        save_draft(d, folder / f"{i}.nianbao")
    result = summarize_folder(folder)
    assert (result.year, result.format_id) == (2020, "2019")
    assert result.draft.get("table2", "admin_license", "change") == -11
    assert result.draft.get("table2", "admin_license", "prev_items") == sum(
        d.get("table2", "admin_license", "prev_items") for d in drafts)
    assert any("采购总金额" in n for n in result.notes)


def test_same_agency_twice_is_counted_once(tmp_path):
    folder = tmp_path / "u"
    folder.mkdir()
    save_draft(unit_draft(1, agency="甲局"), folder / "甲局-第一次.nianbao")
    save_draft(unit_draft(2, agency="甲局"), folder / "甲局-修改后.nianbao")
    save_draft(unit_draft(3, agency="乙局"), folder / "乙局.nianbao")
    result = summarize_folder(folder)
    assert len(result.included) == 2
    dup = next(u for u in result.units if not u.included)
    assert dup.path.name == "甲局-第一次.nianbao" and "同一单位" in dup.excluded and "甲局-修改后" in dup.excluded


def test_another_format_of_the_same_year_is_left_out(tmp_path):
    folder = tmp_path / "u"
    folder.mkdir()
    for i in range(2):
        save_draft(unit_draft(i, agency=f"单位{i}"), folder / f"{i}.nianbao")
    save_draft(unit_draft(5, "2019", agency="旧格式局", year=2025), folder / "old.nianbao")
    result = summarize_folder(folder)
    old = next(u for u in result.units if u.name == "旧格式局")
    assert "2019年试行格式" in old.excluded and "2021年格式" in old.excluded


def test_area_report_hierarchy_findings(units, tmp_path):
    folder, drafts = units
    # The county's own report: the units' sum with the missing cell filled in and two cells typed wrongly.
    area = summarize_folder(folder).draft.copy_draft()
    area.agency = "某某县"
    area.set("table2", "regulations", "issued", 7)
    right = area.get("table3", "open", "natural_person")
    area.set("table3", "open", "natural_person", right + 3)
    area.set("table4", "cases", "review_upheld", 0)
    area_path = tmp_path / "全县.nianbao"
    save_draft(area, area_path)
    result = summarize_folder(folder, area=area_path)
    assert result.draft.agency == "某某县"
    found = by_rule(result.area_findings, "summary-mismatch")
    assert [(f.table, f.row, f.column) for f in found] == [("table3", "open", "natural_person"),
                                                           ("table4", "cases", "review_upheld")]
    assert all(f.severity is Severity.ERROR for f in found)
    open_msg = found[0].message
    assert f"本地区报告为{right + 3}，各单位合计为{right}，相差+3" in open_msg
    assert "表三「（一）予以公开」行「自然人」列" in open_msg
    for name, d in drafts.items():
        v = d.get("table3", "open", "natural_person")
        assert (f"{name}{v}" in open_msg) == (v != 0)
    review_sum = sum(d.get("table4", "cases", "review_upheld") for d in drafts.values())
    assert f"本地区报告为0，各单位合计为{review_sum}，相差-{review_sum}" in found[1].message
    # The incomplete cell is not compared: the units' sum there is not known.
    assert not any(f.row == "regulations" for f in found)


def test_area_report_that_agrees_has_no_findings(units, tmp_path):
    folder, _ = units
    area_path = tmp_path / "全县.nianbao"
    save_draft(summarize_folder(folder).draft, area_path)
    assert summarize_folder(folder, area=area_path).area_findings == []


def test_area_report_sets_the_year(units, tmp_path):
    folder, _ = units
    area_path = tmp_path / "全县2024.nianbao"
    save_draft(unit_draft(99, agency="某某县", year=2024), area_path)
    result = summarize_folder(folder, area=area_path)
    assert result.year == 2024 and [u.name for u in result.included] == ["庚局"]
    assert len(result.area_findings) > 0


def test_progress_and_cancel(units):
    folder, _ = units
    seen = []
    summarize_folder(folder, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 11) for i in range(1, 12)]
    with pytest.raises(Cancelled):
        summarize_folder(folder, progress=lambda done, total: done == 3)


def test_cycle_collection_is_off_only_while_the_folder_is_read(units):
    """汇总 turns Python's automatic cycle collection off while it reads (and collects the young objects
    itself); it must be back on afterwards, also when the clerk cancels, and stay off if it was off."""
    import gc

    folder, _ = units
    during = []
    summarize_folder(folder, progress=lambda done, total: during.append(gc.isenabled()))
    assert during and not any(during) and gc.isenabled()
    with pytest.raises(Cancelled):
        summarize_folder(folder, progress=lambda done, total: True)
    assert gc.isenabled()
    gc.disable()
    try:
        summarize_folder(folder)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_folder_errors(tmp_path):
    from app.errors import NianbaoError

    with pytest.raises(NianbaoError, match="找不到文件夹"):
        summarize_folder(tmp_path / "nope")
    (tmp_path / "f").write_text("x")
    with pytest.raises(NianbaoError, match="不是文件夹"):
        summarize_folder(tmp_path / "f")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = summarize_folder(empty)
    assert result.draft is None and result.units == [] and "没有可以汇总" in result.notes[0]


def test_oversized_file_is_listed_not_read(tmp_path, monkeypatch):
    import app.summary as summary

    folder = tmp_path / "u"
    folder.mkdir()
    save_draft(unit_draft(1, agency="甲局"), folder / "a.nianbao")
    (folder / "huge.nianbao").write_bytes(b" " * 2048)
    monkeypatch.setattr(summary, "MAX_DRAFT_BYTES", 1500)
    result = summarize_folder(folder)
    huge = next(u for u in result.units if u.path.name == "huge.nianbao")
    assert huge.unreadable and "文件过大" in huge.excluded and "huge.nianbao" in huge.excluded


# ---- the command line ------------------------------------------------------------------------------

def test_cli_summary_json(units, tmp_path, capsys):
    folder, drafts = units
    out = tmp_path / "汇总.nianbao"
    code = main(["summary", str(folder), "-o", str(out), "--json"])
    captured = capsys.readouterr()
    assert code == 1  # a unit has errors and a file is unreadable
    status = json.loads(captured.out)
    assert len(status) == 11
    assert set(status[0]) >= {"file", "agency", "year", "format", "errors", "warnings", "missing", "excluded"}
    by_file = {Path(s["file"]).name: s for s in status}
    assert by_file["戊局.nianbao"]["errors"] == 2 and by_file["戊局.nianbao"]["excluded"] is None
    assert by_file["辛局.nianbao"]["excluded"].startswith("无法读取")
    assert by_file["庚局-去年.nianbao"]["year"] == 2024 and "2024" in by_file["庚局-去年.nianbao"]["excluded"]
    assert by_file["0-甲局.nianbao"]["format"] == "2021" and by_file["0-甲局.nianbao"]["agency"] == "甲局"
    assert "11/11" in captured.err
    saved = load_draft(out)
    assert input_values(saved) == input_values(summarize_folder(folder).draft)


def test_cli_summary_text_and_area(units, tmp_path, capsys):
    folder, _ = units
    out = tmp_path / "汇总.nianbao"
    area = summarize_folder(folder).draft
    area.set("table2", "regulations", "issued", 1)
    area.set("table4", "cases", "review_upheld", 999)
    save_draft(area, tmp_path / "全县.nianbao")
    code = main(["summary", str(folder), "-o", str(out), "--area", str(tmp_path / "全县.nianbao")])
    text = capsys.readouterr().out
    assert code == 1
    assert "戊局" in text and "无法读取" in text and "summary-mismatch" not in text
    assert "本地区报告为999" in text
    assert "己局" in text and "合计不完整" in text
    assert out.exists()


def test_cli_summary_clean_folder_exits_0(tmp_path, capsys):
    folder = tmp_path / "u"
    folder.mkdir()
    for i in range(3):
        save_draft(unit_draft(i, agency=f"单位{i}"), folder / f"{i}.nianbao")
    assert main(["summary", str(folder), "-o", str(tmp_path / "s.nianbao")]) == 0
    assert "3个单位" in capsys.readouterr().out
    # The sum and the workbook written into the folder itself are not taken for units on the next run.
    for _ in range(2):
        assert main(["summary", str(folder), "-o", str(folder / "汇总.nianbao"), "--xlsx",
                     str(folder / "汇总.xlsx")]) == 0
        out = capsys.readouterr().out
        assert "3个单位，另有0个文件未计入" in out


def test_the_outputs_are_passed_over_however_they_are_reached(tmp_path):
    """The sum written into the folder is not read as a unit, also when the folder is named through a link
    or a link in the folder points at it."""
    folder = tmp_path / "u"
    folder.mkdir()
    save_draft(unit_draft(1, agency="甲局"), folder / "1.nianbao")
    out = folder / "汇总.nianbao"
    save_draft(unit_draft(2, agency="汇总"), out)
    (folder / "链接.nianbao").symlink_to(out)
    alias = tmp_path / "别名"
    alias.symlink_to(folder)
    for where in (folder, alias):
        result = summarize_folder(where, skip=[out])
        assert [u.path.name for u in result.units] == ["1.nianbao"]
    assert len(summarize_folder(alias).units) == 3


def test_cli_summary_bad_folder_and_area(tmp_path, capsys):
    assert main(["summary", str(tmp_path / "nope"), "-o", str(tmp_path / "s.nianbao")]) == 2
    assert "找不到文件夹" in capsys.readouterr().err
    folder = tmp_path / "u"
    folder.mkdir()
    assert main(["summary", str(folder), "-o", str(tmp_path / "s.nianbao"), "--area", str(tmp_path / "x.nianbao")]) == 2
    assert "x.nianbao" in capsys.readouterr().err


def test_unreadable_word_and_web_files_are_listed(tmp_path):
    folder = tmp_path / "u"
    folder.mkdir()
    save_draft(unit_draft(1, agency="甲局"), folder / "甲局.nianbao")
    (folder / "乙局.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "丙局.html").write_text("<html><body><p>网站首页</p></body></html>", "utf-8")
    (folder / "丁局.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = summarize_folder(folder)
    assert [u.name for u in result.included] == ["甲局"]
    for name in ("乙局.docx", "丙局.html"):
        u = next(u for u in result.units if u.path.name == name)
        assert u.unreadable and u.excluded.startswith("无法读取：") and name in u.excluded
    doc = next(u for u in result.units if u.path.name == "丁局.doc")
    assert not doc.unreadable and "另存为.docx" in doc.excluded


def test_units_without_findings_are_listed_in_the_order_a_clerk_counts(tmp_path):
    """第2单位 before 第10单位: numbers inside names are compared by value, not character by character."""
    for n in (10, 2, 1, 100):
        save_draft(unit_draft(n, agency=f"某县第{n}单位"), tmp_path / f"u{n}.nianbao")
    result = summarize_folder(tmp_path)
    assert [u.name for u in result.units] == [f"某县第{n}单位" for n in (1, 2, 10, 100)]


def test_an_unreadable_unit_is_explained_in_chinese(tmp_path, monkeypatch):
    """An OS error while reading a unit's file gives the shared Chinese reason, never the system's English."""
    import errno

    import app.summary as summary

    save_draft(unit_draft(1), tmp_path / "u1.nianbao")

    def failing(path, notes=None):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(summary, "read_report", failing)
    unit = summarize_folder(tmp_path).units[0]
    assert unit.unreadable and "读写设备出错" in unit.excluded and "Input/output" not in unit.excluded


def test_cli_summary_names_units_without_problems_on_one_line(tmp_path, capsys):
    folder = tmp_path / "u"
    folder.mkdir()
    for i in range(25):
        save_draft(unit_draft(i, agency=f"单位{i + 1}"), folder / f"{i + 1:02d}.nianbao")
    bad = unit_draft(30, agency="错表局")
    bad.set("table3", "carried_over", "commercial", 999)  # 一+二 ≠ 办结+结转
    save_draft(bad, folder / "99.nianbao")
    assert main(["summary", str(folder), "-o", str(tmp_path / "s.nianbao")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("错表局（99.nianbao）：") and "错误" in line for line in out)
    fine = [line for line in out if line.startswith("无问题")]
    assert fine == ["无问题（25个单位）：" + "、".join(f"单位{i}" for i in range(1, 21)) + "等25个单位"]
    assert not any("单位21" in line for line in out)  # the rest are in --json and the workbook
