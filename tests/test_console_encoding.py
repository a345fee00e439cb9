"""Console output never crashes the program: a console that cannot show Chinese (cp1252 on an English Windows, a
CI runner with stdout piped) gets 「?」 for those characters, and the work (the exported .docx) is done and reported
with exit code 0. Also the frozen program's entry script: an unexpected error is reported (stderr, crash.log) and
ends with exit code 3 instead of PyInstaller's modal traceback dialog."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT, SEED


def run_cp1252(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="cp1252")
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=120)


def test_export_with_a_cp1252_console_writes_the_report_and_exits_0(tmp_path):
    out = tmp_path / "年报.docx"
    r = run_cp1252("export", str(SEED), "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode("cp1252", "replace")
    assert b"Traceback" not in r.stderr
    with zipfile.ZipFile(out) as z:
        assert "盐池" in z.read("word/document.xml").decode("utf-8")
    # 「已导出 …」 in cp1252: the Chinese becomes '?', the path's ASCII part survives
    assert r.stdout.decode("cp1252").startswith("??? ")
    assert b".docx" in r.stdout


def test_check_and_errors_with_a_cp1252_console(tmp_path):
    r = run_cp1252("check", str(SEED), cwd=tmp_path)
    assert r.returncode == 0 and b"Traceback" not in r.stderr
    assert b"?" in r.stdout
    # a Chinese error message on stderr (file missing) is exit 2, not a crash
    r = run_cp1252("check", str(tmp_path / "没有.nianbao"), cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert b"Traceback" not in r.stderr and b"?" in r.stderr


def _entry_module():
    spec = importlib.util.spec_from_file_location("nianbao_entry", ROOT / "installer" / "entry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_frozen_entry_reports_an_unexpected_error_and_exits_3(tmp_path, monkeypatch, capsys):
    entry = _entry_module()
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # platformdirs' user log folder on Linux
    monkeypatch.setenv("HOME", str(tmp_path))

    def broken_main():
        raise RuntimeError("意外的内部错误")

    import app.cli

    monkeypatch.setattr(app.cli, "main", broken_main)
    assert entry.main() == 3
    err = capsys.readouterr().err
    assert "RuntimeError: 意外的内部错误" in err
    logs = list(tmp_path.rglob("crash.log"))
    assert len(logs) == 1 and "意外的内部错误" in logs[0].read_text("utf-8")


def test_console_fix_survives_a_stream_that_cannot_be_reconfigured(monkeypatch):
    """_console_never_fails must not itself fail on a stream that cannot be reconfigured."""
    import io

    from app import cli

    class Detached(io.TextIOWrapper):
        def reconfigure(self, **kw):
            raise ValueError("underlying buffer has been detached")

    monkeypatch.setattr(sys, "stdout", Detached(io.BytesIO(), encoding="cp1252"))
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # no reconfigure at all
    cli._console_never_fails()
