"""Saving and loading drafts: round trips, readable UTF-8 JSON, the .bak backup, atomic writes, every
load-error path (a DraftError in Chinese, the file left byte for byte as it was), and the migration chain."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_2021, SEED
from core_helpers import zero_draft

from app.checks import run_checks
from app.draft import SCHEMA_VERSION, new_draft
from app.errors import DraftError
from app.storage import MIGRATIONS, backup_path, dumps, load_draft, loads, save_draft

CJK = re.compile(r"[\u4e00-\u9fff]")


def roundtrip(draft, tmp_path, name="r.nianbao"):
    path = tmp_path / name
    save_draft(draft, path)
    return load_draft(path)


# ---- round trips ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", [SEED, SAMPLE_2021])
def test_samples_roundtrip(sample, tmp_path):
    d = load_draft(sample)
    again = roundtrip(d, tmp_path)
    assert again.model_dump() == d.model_dump()
    assert dumps(again) == dumps(d)


@pytest.mark.parametrize("money", ["24252.311082", "0.50", "0", "12", "0.000001", "100000000.10"])
def test_money_kept_exactly(money, tmp_path):
    d = zero_draft("2021")
    d.set("table2", "admin_fees", "fee_amount", money)
    again = roundtrip(d, tmp_path)
    assert again.get("table2", "admin_fees", "fee_amount") == money
    text = (tmp_path / "r.nianbao").read_text("utf-8")
    assert f'"fee_amount": "{money}"' in text


def test_money_2019_and_signed_values(tmp_path):
    d = zero_draft("2019")
    d.set("table2", "central_procurement", "purchase_amount", "24252.311082")
    d.set("table2", "admin_penalty", "change", 2)
    d.set("table2", "admin_license", "change", -18)
    d.set("table2", "admin_fees", "change", 0)
    again = roundtrip(d, tmp_path)
    assert again.get("table2", "central_procurement", "purchase_amount") == "24252.311082"
    assert again.get("table2", "admin_penalty", "change") == 2
    assert again.get("table2", "admin_license", "change") == -18
    assert again.get("table2", "admin_fees", "change") == 0


def test_not_filled_stays_distinct_from_zero(tmp_path):
    d = new_draft(2025, "某局")
    d.set("table3", "open", "natural_person", 0)
    again = roundtrip(d, tmp_path)
    assert again.get("table3", "open", "natural_person") == 0
    assert again.get("table3", "open", "commercial") is None
    assert again.get("table2", "admin_fees", "fee_amount") is None
    assert len([f for f in run_checks(again) if f.rule == "cell-missing"]) == \
        len([f for f in run_checks(d) if f.rule == "cell-missing"])


def test_text_roundtrip(tmp_path):
    d = new_draft(2025, "某局")
    d.section("overview").text = "第一段。\n第二段，含“引号”和〔2021〕30号。"
    d.section("overview").parts[2].text = "政府信息管理的内容。"
    d.section("other").text = "2025年，无收取信息处理费情况。"
    d.title_lines = ["某局", "2025年政府信息公开", "工作年度报告"]
    again = roundtrip(d, tmp_path)
    assert again.model_dump() == d.model_dump()


def test_file_is_readable_utf8_json(tmp_path):
    path = tmp_path / "r.nianbao"
    save_draft(load_draft(SEED), path)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert "\\u" not in text  # not ASCII-escaped
    assert "吴忠市生态环境局盐池分局" in text
    assert "\n  " in text  # indented
    data = json.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["format_id"] == "2019"
    assert data["tables"]["table2"]["admin_penalty"] == {"prev_items": 7, "change": 2, "decisions": 16}


def test_backup_of_previous_version(tmp_path):
    path = tmp_path / "r.nianbao"
    d = zero_draft("2021")
    save_draft(d, path)
    assert not backup_path(path).exists()
    first = path.read_bytes()
    d.agency = "第二版"
    save_draft(d, path)
    assert backup_path(path) == tmp_path / "r.nianbao.bak"
    assert backup_path(path).read_bytes() == first
    second = path.read_bytes()
    assert "第二版" in second.decode("utf-8")
    d.agency = "第三版"
    save_draft(d, path)
    assert backup_path(path).read_bytes() == second
    assert load_draft(backup_path(path)).agency == "第二版"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]


# ---- atomic writes ------------------------------------------------------------------------------

def _saved(tmp_path):
    path = tmp_path / "r.nianbao"
    save_draft(zero_draft("2021"), path)
    save_draft(zero_draft("2021"), path)  # so that a .bak exists too
    return path, path.read_bytes(), backup_path(path).read_bytes()


def test_failed_replace_leaves_old_file(tmp_path, monkeypatch):
    path, old, _ = _saved(tmp_path)
    real_replace = os.replace

    def failing(src, dst):
        if Path(dst) == path:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    d = zero_draft("2021")
    d.agency = "新内容"
    with pytest.raises(DraftError) as e:
        save_draft(d, path)
    assert "无法保存" in e.value.message and CJK.search(e.value.message)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]  # no stray temp file


def test_every_replace_failing_leaves_old_file(tmp_path, monkeypatch):
    path, old, _ = _saved(tmp_path)

    def failing(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(DraftError) as e:
        save_draft(zero_draft("2019"), path)
    assert "没有写入权限" in e.value.message
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]


def test_failed_fsync_leaves_old_file(tmp_path, monkeypatch):
    path, old, _ = _saved(tmp_path)

    def failing(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(DraftError):
        save_draft(zero_draft("2019"), path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]


def test_failed_serialisation_leaves_old_file(tmp_path, monkeypatch):
    path, old, bak = _saved(tmp_path)

    def failing(*a, **k):
        raise TypeError("boom")

    monkeypatch.setattr(json, "dumps", failing)
    with pytest.raises(TypeError):
        save_draft(zero_draft("2019"), path)
    assert path.read_bytes() == old
    assert backup_path(path).read_bytes() == bak


def test_save_into_missing_folder(tmp_path):
    with pytest.raises(DraftError) as e:
        save_draft(zero_draft("2019"), tmp_path / "nope" / "r.nianbao")
    assert "不存在" in e.value.message


# ---- load errors ----------------------------------------------------------------------------------

def _seed_data() -> dict:
    return json.loads(SEED.read_text("utf-8"))


def _seed_with(edit) -> bytes:
    data = _seed_data()
    edit(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _set(*path, value):
    def edit(data):
        node = data
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
    return edit


ZIP_BYTES = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb7\x8a\xd3\xff\x94\x01\x00\x00[Content_Types].xml"
T3_NP = ("tables", "table3", "new_received", "natural_person")
T3_NP_NAME = "表三「一、本年新收政府信息公开申请数量」行「自然人」列"

BAD_FILES = {
    "docx": (ZIP_BYTES, ["压缩包", "docx"]),
    # GBK text is read (a draft re-saved by Notepad); this one is then simply not a draft
    "gbk": ("{\"agency\": \"某局\"}".encode("gbk"), ["不是年报助手的草稿"]),
    "binary": (bytes(range(128, 256)) * 4, ["不是文本文件"]),
    "invalid-json": (b'{\n  "schema_version": 2,\n  "format_id": "2019",,\n}', ["第3行第23列"]),
    "empty": (b"", ["第1行第1列"]),
    "list": (b"[1, 2, 3]", ["不是年报助手的草稿"]),
    "unrelated-object": (json.dumps({"name": "x", "version": "1.0"}).encode(), ["不是年报助手的草稿"]),
    "null": (b"null", ["不是年报助手的草稿"]),
    "newer": (_seed_with(_set("schema_version", value=SCHEMA_VERSION + 1)),
              [f"文件版本{SCHEMA_VERSION + 1}", "升级"]),
    "version-not-int": (_seed_with(_set("schema_version", value="2")), ["版本号"]),
    "unknown-format": (_seed_with(_set("format_id", value="2030")), ["未知的报告格式「2030」"]),
    "unknown-table": (_seed_with(_set("tables", "table9", value={})), ["table9"]),
    "unknown-row": (_seed_with(_set("tables", "table3", "bogus_row", value={})), ["表三", "bogus_row"]),
    "unknown-column": (_seed_with(_set("tables", "table3", "open", "bogus_col", value=1)), ["表三", "bogus_col"]),
    "count-negative": (_seed_with(_set(*T3_NP, value=-1)),
                       [T3_NP_NAME, "-1"]),
    "count-text": (_seed_with(_set(*T3_NP, value="abc")), [T3_NP_NAME, "abc"]),
    "count-fraction": (_seed_with(_set(*T3_NP, value=1.5)), [T3_NP_NAME, "1.5"]),
    "count-bool": (_seed_with(_set(*T3_NP, value=True)), [T3_NP_NAME]),
    "total-negative": (_seed_with(_set("tables", "table3", "open", "total", value=-3)), ["「总计」列", "-3"]),
    "signed-text": (_seed_with(_set("tables", "table2", "admin_penalty", "change", value="+2")),
                    ["表二「第二十条第（六）项」「行政处罚」行「本年增/减」列"]),
    "money-negative": (_seed_with(_set("tables", "table2", "central_procurement", "purchase_amount", value="-1")),
                       ["「政府集中采购」行「采购总金额」列"]),
    "money-text": (_seed_with(_set("tables", "table2", "central_procurement", "purchase_amount", value="一万")),
                   ["「采购总金额」列"]),
    "year-too-early": (_seed_with(_set("year", value=2018)), ["年度", "2019"]),
    "year-text": (_seed_with(_set("year", value="二〇二〇")), ["年度"]),
    "unknown-section": (_seed_with(_set("sections", "seventh", value={"text": ""})), ["seventh"]),
    "extra-field": (_seed_with(_set("colour", value="red")), ["colour", "不认识"]),
    "agency-null": (_seed_with(_set("agency", value=None)), ["机关名称"]),
    "table-not-object": (_seed_with(_set("tables", "table3", value=[1])), ["表格"]),
    "deeply-nested": (b"[" * 100_000 + b"]" * 100_000, ["不是"]),
    "lone-surrogate": (SEED.read_bytes().replace(b'"agency": "', b'"agency": "\\ud800', 1),
                       ["无法识别的字符"]),
    "huge-integer": (b'{"schema_version": ' + b"9" * 5000 + b', "format_id": "2019"}', ["不是"]),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_load_errors_are_chinese_and_leave_the_file_alone(name, tmp_path):
    raw, fragments = BAD_FILES[name]
    path = tmp_path / "bad.nianbao"
    path.write_bytes(raw)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DraftError) as e:
        load_draft(path)
    msg = e.value.message
    assert CJK.search(msg), msg
    assert "Traceback" not in msg
    for frag in fragments:
        assert frag in msg, (frag, msg)
    assert path.read_bytes() == raw
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_missing_file(tmp_path):
    with pytest.raises(DraftError) as e:
        load_draft(tmp_path / "nope.nianbao")
    assert "找不到文件" in e.value.message
    assert not (tmp_path / "nope.nianbao").exists()


def test_directory(tmp_path):
    with pytest.raises(DraftError) as e:
        load_draft(tmp_path)
    assert "文件夹" in e.value.message


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.nianbao"
    path.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes())
    assert load_draft(path).agency == "吴忠市生态环境局盐池分局"


@pytest.mark.parametrize("number,expected", [("24252.311082", "24252.311082"), ("0.50", "0.50"),
                                             ("12", "12"), ("1E+3", "1000")])
def test_float_money_stays_exact(number, expected):
    text = SEED.read_text("utf-8").replace('"purchase_amount": "0"', f'"purchase_amount": {number}')
    assert number in text
    assert loads(text).get("table2", "central_procurement", "purchase_amount") == expected


def test_stated_totals_null_are_not_filled():
    data = _seed_data()
    data["tables"]["table3"]["open"]["total"] = None
    d = loads(json.dumps(data))
    assert d.stated("table3", "open", "total") is None
    assert run_checks(d) == []


# ---- migration chain ----------------------------------------------------------------------------

def test_migrations_cover_every_older_version():
    assert set(MIGRATIONS) == set(range(1, SCHEMA_VERSION))


def _schema1() -> dict:
    data = _seed_data()
    data["schema_version"] = 1
    data["format"] = data.pop("format_id")
    data["sections"] = {"overview": "总体情况正文。", "problems": "一是公开不够及时。二是解读不足。下一步将加强培训。",
                        "other": "无"}
    return data


def test_schema1_file_loads_and_migrates(tmp_path):
    path = tmp_path / "old.nianbao"
    raw = json.dumps(_schema1(), ensure_ascii=False, indent=2).encode("utf-8")
    path.write_bytes(raw)
    d = load_draft(path)
    assert path.read_bytes() == raw  # loading never writes, not even to migrate
    assert d.schema_version == SCHEMA_VERSION
    assert d.format_id == "2019"
    assert d.section("overview").text == "总体情况正文。"
    assert d.section("problems").text == "一是公开不够及时。二是解读不足。下一步将加强培训。"
    assert d.section("other").text == "无"
    assert d.get("table2", "admin_penalty", "prev_items") == 7
    assert run_checks(d) == []
    save_draft(d, path)
    assert json.loads(path.read_text("utf-8"))["schema_version"] == SCHEMA_VERSION
    assert backup_path(path).read_bytes() == raw


def test_schema1_with_bad_value_reports_the_cell():
    data = _schema1()
    data["tables"]["table3"]["open"]["natural_person"] = -1
    with pytest.raises(DraftError) as e:
        loads(json.dumps(data))
    assert "表三「（一）予以公开」行「自然人」列" in e.value.message


def test_copy_of_sample_loads(seed_path, sample2021_path):
    assert shutil.os.path.exists(seed_path)
    assert load_draft(seed_path).year == 2020
    assert load_draft(sample2021_path).format_id == "2021"


def test_saved_files_keep_the_permissions_of_the_file_they_replace(tmp_path):
    import stat as _stat

    from app.draft import new_draft
    from app.storage import save_draft

    path = tmp_path / "r.nianbao"
    save_draft(new_draft(2026, "某局"), path)
    assert _stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's private 0600
    path.chmod(0o664)
    save_draft(new_draft(2026, "某局"), path)
    assert _stat.S_IMODE(path.stat().st_mode) == 0o664
