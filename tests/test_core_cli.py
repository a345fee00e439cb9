"""The command line (`nianbao new/check/formats`): exit codes 0/1/2, Chinese messages on stderr, the JSON
list of findings; and the core never importing Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_2021, SEED
from core_helpers import zero_draft

from app.cli import main
from app.draft import to_data
from app.storage import load_draft, save_draft

KEYS = {"severity", "rule", "table", "row", "column", "message"}


def run_app(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


# ---- new ----------------------------------------------------------------------------------------

def test_new_creates_a_draft(tmp_path, capsys):
    out = tmp_path / "报告"
    assert main(["new", "--year", "2026", "--agency", "某某局", "-o", str(out)]) == 0
    path = tmp_path / "报告.nianbao"
    assert path.exists()
    assert "已新建" in capsys.readouterr().out
    d = load_draft(path)
    assert (d.year, d.agency, d.format_id) == (2026, "某某局", "2021")
    assert "某某局" in path.read_text("utf-8")


def test_new_format_override_and_year(tmp_path):
    assert main(["new", "--year", "2020", "--agency", "甲", "-o", str(tmp_path / "a.nianbao")]) == 0
    assert load_draft(tmp_path / "a.nianbao").format_id == "2019"
    assert main(["new", "--year", "2025", "--agency", "乙", "--format", "2019", "-o", str(tmp_path / "b.nianbao")]) == 0
    assert load_draft(tmp_path / "b.nianbao").format_id == "2019"


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "a.nianbao"
    assert main(["new", "--year", "2025", "--agency", "甲", "-o", str(path)]) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["new", "--year", "2024", "--agency", "乙", "-o", str(path)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert main(["new", "--year", "2024", "--agency", "乙", "-o", str(path), "--force"]) == 0
    assert load_draft(path).agency == "乙"


def test_new_rejects_year_before_2019(tmp_path, capsys):
    assert main(["new", "--year", "2018", "--agency", "甲", "-o", str(tmp_path / "a.nianbao")]) == 2
    assert "2019" in capsys.readouterr().err
    assert not (tmp_path / "a.nianbao").exists()


# ---- check --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", [SEED, SAMPLE_2021])
def test_check_clean_sample_exits_0(sample, capsys):
    assert main(["check", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "0 处错误" in out and "0 格未填" in out
    assert main(["check", str(sample), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_new_draft_is_missing_not_errors(tmp_path, capsys):
    path = tmp_path / "a.nianbao"
    main(["new", "--year", "2025", "--agency", "甲", "-o", str(path)])
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert findings and all(KEYS <= set(f) for f in findings)
    assert {f["severity"] for f in findings} <= {"missing", "warning"}
    assert main(["check", str(path)]) == 0
    assert "[未填]" in capsys.readouterr().out


def _with_errors(tmp_path) -> Path:
    d = zero_draft("2021")
    d.set("table3", "new_received", "natural_person", 12)
    d.set("table3", "open", "natural_person", 11)
    path = tmp_path / "err.nianbao"
    save_draft(d, path)
    return path


def test_check_errors_exit_1(tmp_path, capsys):
    path = _with_errors(tmp_path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "[错误] 表三「自然人」列：一+二=12，（七）总计+四=11，相差1" in out
    assert main(["check", str(path), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert isinstance(findings, list)
    assert all(isinstance(f, dict) and KEYS <= set(f) for f in findings)
    assert findings[0] == {**findings[0], "severity": "error", "rule": "t3-balance", "table": "table3",
                           "row": "outcome_total", "column": "natural_person",
                           "message": "表三「自然人」列：一+二=12，（七）总计+四=11，相差1"}


def test_check_stated_total_from_file(tmp_path, capsys):
    data = to_data(zero_draft("2019"))
    data["tables"]["table4"]["cases"]["review_total"] = 1
    path = tmp_path / "stated.nianbao"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["check", str(path), "--json"]) == 1
    (f,) = json.loads(capsys.readouterr().out)
    assert (f["rule"], f["column"]) == ("t4-total", "review_total")


@pytest.mark.parametrize("content", [None, b"PK\x03\x04\x00\x00binary", b"{not json", b"[]"])
def test_check_unreadable_exit_2(tmp_path, capsys, content):
    path = tmp_path / "x.nianbao"
    if content is not None:
        path.write_bytes(content)
    for extra in ([], ["--json"]):
        assert main(["check", str(path), *extra]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert any("\u4e00" <= ch <= "\u9fff" for ch in captured.err)
        assert "Traceback" not in captured.err
    if content is not None:
        assert path.read_bytes() == content


# ---- python -m app, in a subprocess -----------------------------------------------------------------

def test_subprocess_exit_codes(tmp_path):
    r = run_app("check", str(SEED), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []
    r = run_app("check", str(_with_errors(tmp_path)), "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)[0]["rule"] == "t3-balance"
    r = run_app("check", str(tmp_path / "nope.nianbao"))
    assert r.returncode == 2
    assert "找不到文件" in r.stderr and "Traceback" not in r.stderr
    r = run_app("new", "--year", "2026", "--agency", "某某局", "-o", str(tmp_path / "n.nianbao"))
    assert r.returncode == 0, r.stderr
    r = run_app("formats", "--json")
    assert r.returncode == 0 and [f["id"] for f in json.loads(r.stdout)] == ["2019", "2021"]


def test_core_never_imports_qt():
    modules = ["app.cli", "app.draft", "app.storage", "app.checks", "app.formats", "app.formats.describe",
               "app.compute", "app.cells"]
    try:
        import importlib.util

        if importlib.util.find_spec("app.export") is not None:
            modules.append("app.export")
    except ImportError:
        pass
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "from app.cli import main\n"
        "from app.storage import load_draft\n"
        "from app.checks import run_checks\n"
        f"run_checks(load_draft({str(SEED)!r}))\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "assert not qt, qt\n"
        "print('ok')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"
