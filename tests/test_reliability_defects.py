"""The defects of issue 12 that live in the core, one test (or a few) each; every one of them failed
before its fix. The numbers in the test names are the issue's.

A hang guard (`bounded`) turns what used to run for minutes into a failure instead of a stuck suite; it is
a ceiling far above the real cost, not a timing assertion.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import stat
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SAMPLE_2021, SEED
from core_helpers import zero_draft

from app.cells import MAX_COUNT, parse_input
from app.checks import run_checks
from app.cli import main
from app.errors import CellInputError, DraftError, ReadOnlyDraftError
from app.formats.types import CellKind
from app.storage import TEMP_SUFFIX, backup_path, clean_stale_temps, dumps, load_draft, loads, save_draft

CJK = re.compile(r"[\u4e00-\u9fff]")
T3_NP = ("table3", "new_received", "natural_person")
MESSAGE_LIMIT = 300  # characters: a message names the file and the cell and quotes a few dozen of the value


@contextmanager
def bounded(seconds: int = 20):
    """Fail (instead of hanging the suite) if the block runs away."""
    def expire(*_):
        raise AssertionError(f"did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def seed_text_with(**replacements) -> str:
    """The seed sample as text, with raw JSON snippets put in (numbers that json.dumps cannot write)."""
    data = json.loads(SEED.read_text("utf-8"))
    marks = {}
    for i, (key, raw) in enumerate(replacements.items()):
        mark = f"@@{i}@@"
        marks[mark] = raw
        if key == "year":
            data["year"] = mark
        elif key == "count":
            data["tables"][T3_NP[0]][T3_NP[1]][T3_NP[2]] = mark
        elif key == "money":
            data["tables"]["table2"]["central_procurement"]["purchase_amount"] = mark
        elif key == "agency":
            data["agency"] = mark
    text = json.dumps(data, ensure_ascii=False)
    for mark, raw in marks.items():
        text = text.replace(f'"{mark}"', raw)
    return text


def load_error(text: str) -> str:
    with bounded(), pytest.raises(DraftError) as e:
        loads(text, "x.nianbao")
    msg = e.value.message
    assert CJK.search(msg) and len(msg) < MESSAGE_LIMIT, msg[:500]
    return msg


# ---- 1: huge numbers are bounded before anything converts or formats them -------------------------

@pytest.mark.parametrize("key,raw", [("count", "1e999999999"), ("count", "1E99999999999999999"),
                                     ("money", "1e999999999"), ("money", "1E-99999999"),
                                     ("year", "1e999999999"), ("year", "1E99999999999999999"),
                                     ("count", "NaN"), ("money", "Infinity"), ("year", "-Infinity")])
def test_1_huge_exponents_are_refused_quickly_with_a_short_message(key, raw):
    msg = load_error(seed_text_with(**{key: raw}))
    assert "x.nianbao" in msg


def test_1_moderate_exponents_name_the_cell():
    msg = load_error(seed_text_with(money="1e30"))
    assert "采购总金额" in msg and "超出范围" in msg
    msg = load_error(seed_text_with(year="1e30"))
    assert "年度" in msg


def test_1_cli_check_json_on_a_huge_exponent(tmp_path, capsys):
    path = tmp_path / "huge.nianbao"
    path.write_text(seed_text_with(count="1e999999999"), "utf-8")
    with bounded():
        assert main(["check", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert len(err) < MESSAGE_LIMIT and "huge.nianbao" in err


# ---- 4: one upper bound for counts: loader, cell parser, paste path -------------------------------

def test_4_huge_counts_are_refused_by_the_loader():
    for digits in (13, 100, 4300):
        msg = load_error(seed_text_with(count="9" * digits))
        assert "x.nianbao" in msg
    msg = load_error(seed_text_with(count=str(MAX_COUNT + 1)))
    assert "自然人" in msg and "太大" in msg


def test_4_the_largest_count_goes_through_check_save_and_export(tmp_path):
    from app.export import export_docx

    d = loads(seed_text_with(count=str(MAX_COUNT)))
    assert d.get(*T3_NP) == MAX_COUNT
    run_checks(d)
    save_draft(d, tmp_path / "max.nianbao")
    assert load_draft(tmp_path / "max.nianbao").get(*T3_NP) == MAX_COUNT
    export_docx(d, tmp_path / "max.docx")


@pytest.mark.parametrize("text", ["9" * 4301, "9" * 14, str(MAX_COUNT + 1), "1" + "0" * 1_000_000])
def test_4_huge_typed_counts_are_refused_with_a_message(text):
    for kind in (CellKind.COUNT, CellKind.SIGNED):
        with bounded(), pytest.raises(CellInputError) as e:
            parse_input(kind, text)
        assert "太大" in e.value.message and len(e.value.message) < MESSAGE_LIMIT
    assert parse_input(CellKind.COUNT, str(MAX_COUNT)) == MAX_COUNT
    assert parse_input(CellKind.SIGNED, f"-{MAX_COUNT}") == -MAX_COUNT


def test_4_money_is_bounded_too():
    with pytest.raises(CellInputError):
        parse_input(CellKind.MONEY, "9" * 4301)
    with pytest.raises(CellInputError):
        parse_input(CellKind.MONEY, "1." + "1" * 50)
    assert parse_input(CellKind.MONEY, "999999999999.25") == "999999999999.25"


# ---- 5: a long agency name exports --------------------------------------------------------------------

@pytest.mark.parametrize("length", [238, 255, 256, 2000])
def test_5_long_agency_name_exports(tmp_path, length):
    from docx import Document

    from app.export import export_docx

    d = load_draft(SEED)
    d.agency = "某" * length
    d.title_lines = [d.agency, "2020年政府信息公开工作年度报告"]
    export_docx(d, tmp_path / "long.docx")
    doc = Document(str(tmp_path / "long.docx"))
    assert doc.core_properties.author == "某" * min(length, 255)
    assert len(doc.core_properties.title) <= 255
    assert "某" * length in "".join(p.text for p in doc.paragraphs)


# ---- 6: messages quote a few dozen characters of a bad value ------------------------------------------

def test_6_long_bad_values_are_quoted_briefly():
    million = "x" * 1_000_000
    for text in (seed_text_with(count=json.dumps(million)), seed_text_with(money=json.dumps(million)),
                 SEED.read_text("utf-8").replace('"new_received"', json.dumps(million), 1),
                 SEED.read_text("utf-8").replace('"format_id": "2019"', f'"format_id": "{million}"', 1),
                 SEED.read_text("utf-8").replace('"sections": {', f'"sections": {{"{million}": {{}},', 1)):
        msg = load_error(text)
        assert "xxxxxxxxxx" in msg and "1000000个字符" in msg
    for kind in CellKind:
        with bounded(), pytest.raises(CellInputError) as e:
            parse_input(kind, million)
        assert len(e.value.message) < MESSAGE_LIMIT


# ---- 7: an internal error exits 3 with a Chinese line and where the details are ------------------------

def test_7_internal_error_exits_3_without_a_traceback(tmp_path, capsys, monkeypatch):
    import app.checks

    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "data"))

    def broken(draft):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(app.checks, "run_checks", broken)
    assert main(["check", str(SEED)]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ZeroDivisionError" not in err
    assert "内部出错" in err
    logs = list((tmp_path / "data" / "logs").glob("crash-*.txt"))
    assert len(logs) == 1 and str(logs[0]) in err
    assert "ZeroDivisionError: a bug" in logs[0].read_text("utf-8")


def test_7_a_report_with_errors_still_exits_1(tmp_path):
    d = zero_draft("2021")
    d.set("table3", "new_received", "natural_person", 5)
    save_draft(d, tmp_path / "e.nianbao")
    assert main(["check", str(tmp_path / "e.nianbao")]) == 1


# ---- 8: no English in messages ------------------------------------------------------------------------

def _without_path(msg: str, path: Path) -> str:
    return msg.replace(str(path), "").replace(path.name, "")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.ENAMETOOLONG, errno.EROFS,
                                  errno.EFBIG, 9999])
def test_8_os_errors_of_a_save_are_chinese(tmp_path, monkeypatch, code):
    path = tmp_path / "r.nianbao"
    save_draft(zero_draft("2021"), path)

    def failing(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(DraftError) as e:
        save_draft(zero_draft("2021"), path)
    rest = _without_path(e.value.message, path)
    assert CJK.search(rest) and not re.search(r"[A-Za-z]{2,}", rest), e.value.message


@pytest.mark.parametrize("edit,fragment", [
    (lambda d: d.__setitem__("year", 2020.5), "「年度」应为整数"),
    (lambda d: d["sections"]["overview"]["parts"][1].__setitem__("title", 5),
     "「正文·一、总体情况·（二）·小标题」应为文字"),
    (lambda d: d["sections"]["overview"].__setitem__("parts", [{}] * 11), "「正文·一、总体情况·分项」最多10项"),
    (lambda d: d["sections"]["problems"].__setitem__("text", None),
     "「正文·五、存在的主要问题及改进情况·文字」应为文字"),
    (lambda d: d.__setitem__("title_lines", ["a", 3]), "「标题·第2项」应为文字"),
    (lambda d: d["tables"].__setitem__("table3", 7), "「表格·表三」应为对象"),
])
def test_8_validation_messages_name_things_by_their_headings(edit, fragment):
    data = json.loads(SEED.read_text("utf-8"))
    edit(data)
    msg = load_error(json.dumps(data, ensure_ascii=False))
    assert fragment in msg
    rest = msg.replace("x.nianbao", "")
    assert not re.search(r"[A-Za-z]{3,}", rest), msg


def test_8_pydantic_english_never_reaches_the_clerk():
    from app.draft import _chinese

    msg = _chinese({"type": "some_new_pydantic_type", "loc": ("agency",), "msg": "Input should be nice"})
    assert msg == "「机关名称」的值无效"


# ---- 9: a failed save keeps the older backup ------------------------------------------------------------

def _two_saves(tmp_path):
    path = tmp_path / "r.nianbao"
    d = zero_draft("2021")
    d.agency = "第一版"
    save_draft(d, path)
    d.agency = "第二版"
    save_draft(d, path)
    return path, path.read_bytes(), backup_path(path).read_bytes()


@pytest.mark.parametrize("step", ["write", "fsync", "close", "replace"])
def test_9_failed_save_keeps_file_and_older_backup(tmp_path, monkeypatch, step):
    path, current, older = _two_saves(tmp_path)
    assert "第一版" in older.decode() and "第二版" in current.decode()
    real = getattr(os, step)

    def failing(*args, **kw):
        if step == "close":
            real(*args)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, step, failing)
    d = zero_draft("2021")
    d.agency = "第三版"
    with pytest.raises(DraftError):
        save_draft(d, path)
    monkeypatch.undo()
    assert path.read_bytes() == current
    assert backup_path(path).read_bytes() == older
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]


# ---- 10: stale temporary files of killed saves are cleaned --------------------------------------------

def test_10_stale_temps_are_removed_and_live_ones_kept(tmp_path):
    import fcntl

    path, current, _ = _two_saves(tmp_path)
    stale = [tmp_path / f".r.nianbao~{i:012x}{TEMP_SUFFIX}" for i in range(3)]
    legacy = [tmp_path / ".r.nianbao.ab12cd_x.tmp", tmp_path / "r.nianbao.bak.tmp"]
    for p in stale + legacy:
        p.write_bytes(b"half a draft")
    for p in legacy:
        os.utime(p, (1, 1))  # earlier versions did not lock: only old ones are surely stale
    live = tmp_path / f".r.nianbao~live00000000{TEMP_SUFFIX}"
    live.write_bytes(b"being written")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    unrelated = tmp_path / ".other.tmp"
    unrelated.write_bytes(b"not ours")
    try:
        save_draft(zero_draft("2021"), path)
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == sorted(["r.nianbao", "r.nianbao.bak", live.name, unrelated.name])
    finally:
        os.close(fd)
    assert clean_stale_temps(path) == [live]


# ---- 11: simultaneous saves never collide ---------------------------------------------------------------

def test_11_simultaneous_saves_of_one_file(tmp_path):
    path = tmp_path / "r.nianbao"
    save_draft(zero_draft("2021"), path)
    errors = []

    def saver(n):
        d = zero_draft("2021")
        d.agency = f"线程{n}"
        for _ in range(15):
            try:
                save_draft(d, path)
            except Exception as e:  # noqa: BLE001 - collected and asserted below
                errors.append(e)

    threads = [threading.Thread(target=saver, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert load_draft(path).agency.startswith("线程")
    assert load_draft(backup_path(path)).agency.startswith("线程")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]


# ---- 12: long names (up to the 255-byte limit) can be saved, with a backup --------------------------------

@pytest.mark.parametrize("chars", [78, 80, 82])
def test_12_long_names_save_with_backup(tmp_path, chars):
    name = "年" * chars + ".nianbao"  # 3 bytes a character: 242 to 254 bytes
    assert len(name.encode()) <= 255
    path = tmp_path / name
    d = zero_draft("2021")
    save_draft(d, path)
    d.agency = "第二版"
    save_draft(d, path)
    assert load_draft(path).agency == "第二版"
    assert backup_path(path).exists() and load_draft(backup_path(path)).agency == "某某局"
    assert all(len(p.name.encode()) <= 255 for p in tmp_path.iterdir())
    assert len(list(tmp_path.iterdir())) == 2


# ---- 13: a read-only draft is not overwritten -------------------------------------------------------------

def test_13_read_only_draft_is_refused(tmp_path):
    path = tmp_path / "r.nianbao"
    save_draft(zero_draft("2021"), path)
    before = path.read_bytes()
    path.chmod(0o444)
    d = zero_draft("2021")
    d.agency = "改过"
    with pytest.raises(ReadOnlyDraftError) as e:
        save_draft(d, path)
    assert "只读" in e.value.message and "另存为" in e.value.message
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao"]


# ---- 14: a file system without chmod (FAT USB sticks, shares) still saves, with a backup ---------------

def test_14_chmod_failing_everywhere_still_saves(tmp_path, monkeypatch):
    import shutil

    path, current, _ = _two_saves(tmp_path)

    def no_chmod(*args, **kw):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", no_chmod)
    monkeypatch.setattr(shutil, "copymode", no_chmod)
    monkeypatch.setattr(shutil, "copystat", no_chmod)
    d = zero_draft("2021")
    d.agency = "第三版"
    save_draft(d, path)
    assert load_draft(path).agency == "第三版"
    assert backup_path(path).read_bytes() == current


# ---- 16: what clerks type ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind,text,value", [
    (CellKind.COUNT, "1,234", 1234), (CellKind.COUNT, "1,234,567", 1234567), (CellKind.COUNT, "１，２３４", 1234),
    (CellKind.COUNT, "\u200b12", 12), (CellKind.COUNT, "12\ufeff", 12), (CellKind.COUNT, "\u00a01\u20092", 12),
    (CellKind.COUNT, "\u200e7\u200f", 7), (CellKind.COUNT, "007", 7), (CellKind.COUNT, "١٢", 12),
    (CellKind.COUNT, "१२", 12), (CellKind.SIGNED, "-0", 0), (CellKind.SIGNED, "+0", 0), (CellKind.SIGNED, "-007", -7),
    (CellKind.MONEY, "١٢", "12"), (CellKind.MONEY, "００１２", "12"), (CellKind.MONEY, "0012.50", "12.50"),
    (CellKind.MONEY, "000.5", "0.5"), (CellKind.MONEY, "1,234.5", "1234.5"), (CellKind.MONEY, "\u200b３", "3"),
])
def test_16_accepted_input(kind, text, value):
    assert parse_input(kind, text) == value


@pytest.mark.parametrize("kind,text", [
    (CellKind.COUNT, "12,5"), (CellKind.COUNT, "1,23"), (CellKind.COUNT, ",123"), (CellKind.COUNT, "1,2345"),
    (CellKind.COUNT, "1,,234"), (CellKind.MONEY, "12,5"), (CellKind.COUNT, "-0"), (CellKind.COUNT, "+5"),
    (CellKind.COUNT, "-５"), (CellKind.MONEY, "1.2,345"),
])
def test_16_refused_input(kind, text):
    with pytest.raises(CellInputError) as e:
        parse_input(kind, text)
    assert text in e.value.message


def test_16_invisible_characters_never_show_up_in_a_message():
    with pytest.raises(CellInputError) as e:
        parse_input(CellKind.COUNT, "\u200b1x")
    assert CJK.search(e.value.message)


def test_16_stored_money_with_other_digits_is_normalised():
    d = loads(seed_text_with(money='"١٢"'))
    assert d.get("table2", "central_procurement", "purchase_amount") == "12"
    d = loads(seed_text_with(money='"0012.5"'))
    assert d.get("table2", "central_procurement", "purchase_amount") == "12.5"


# ---- 17: drafts re-saved as GBK, GB18030 or UTF-16 ----------------------------------------------------

@pytest.mark.parametrize("codec,bom", [("gbk", b""), ("gb18030", b""), ("utf-16-le", b"\xff\xfe"),
                                       ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-16-be", b""),
                                       ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-8", b"\xef\xbb\xbf")])
@pytest.mark.parametrize("sample", [SEED, SAMPLE_2021])
def test_17_other_encodings_are_read(tmp_path, codec, bom, sample):
    expected = load_draft(sample)
    path = tmp_path / "notepad.nianbao"
    path.write_bytes(bom + sample.read_text("utf-8").encode(codec))
    assert dumps(load_draft(path)) == dumps(expected)
    save_draft(load_draft(path), path)  # saved back as UTF-8
    assert dumps(load_draft(path)) == dumps(expected)
    path.read_bytes().decode("utf-8")


def test_17_gb18030_only_characters(tmp_path):
    path = tmp_path / "gb.nianbao"
    text = SEED.read_text("utf-8").replace("吴忠市生态环境局盐池分局", "𠀀㐀局")
    path.write_bytes(text.encode("gb18030"))
    assert load_draft(path).agency == "𠀀㐀局"


@pytest.mark.parametrize("raw,what", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版Word或Excel"),
    (b"%PDF-1.7\n\xe2\xe3\xcf\xd3", "PDF"),
    (b"\xff\xfe" + "{\"a\": \"".encode("utf-16-le") + b"\x00\xd8", "UTF-16"),
])
def test_17_other_files_are_named(tmp_path, raw, what):
    path = tmp_path / "x.nianbao"
    path.write_bytes(raw)
    with pytest.raises(DraftError) as e:
        load_draft(path)
    assert what in e.value.message


def test_4_totals_of_the_largest_counts_save_and_load_again(tmp_path):
    """Found by the fuzz corpus: input cells within the bound add up to a total above it, and the file
    with that total written into it must still load."""
    d = zero_draft("2021")
    d.set(*T3_NP, MAX_COUNT)
    d.set("table3", "carried_in", "natural_person", MAX_COUNT)
    save_draft(d, tmp_path / "big.nianbao")
    assert load_draft(tmp_path / "big.nianbao").get(*T3_NP) == MAX_COUNT
