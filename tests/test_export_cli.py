"""`nianbao export` and export_docx's handling of targets it cannot write: exit codes, messages, and a
draft that is never touched."""

from __future__ import annotations

import os
import stat
import zipfile

import pytest
from docx import Document

from app import storage
from app.cli import main
from app.draft import new_draft
from app.errors import ExportError
from app.export import export_docx
from app.storage import load_draft, save_draft


def snapshot(path):
    st_ = path.stat()
    return path.read_bytes(), st_.st_mtime_ns


def test_export_writes_a_valid_docx(seed_path, tmp_path, capsys):
    out = tmp_path / "报告.docx"
    before = snapshot(seed_path)
    assert main(["export", str(seed_path), "-o", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    assert zipfile.is_zipfile(out)
    assert Document(str(out)).paragraphs[0].text == "吴忠市生态环境局盐池分局"
    assert snapshot(seed_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # not private like the temporary file was


def test_default_output_is_beside_the_draft(sample2021_path):
    assert main(["export", str(sample2021_path)]) == 0
    assert sample2021_path.with_suffix(".docx").exists()


def test_incomplete_draft_is_exported_with_findings_printed_first(tmp_path, capsys):
    draft_path = tmp_path / "新.nianbao"
    save_draft(new_draft(2025, "某某局"), draft_path)
    out = tmp_path / "新.docx"
    assert main(["export", str(draft_path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "未填写" in err and "格未填" in err
    assert out.exists()


def test_strict_refuses_missing_cells(tmp_path, capsys):
    draft_path = tmp_path / "新.nianbao"
    save_draft(new_draft(2025, "某某局"), draft_path)
    out = tmp_path / "新.docx"
    assert main(["export", str(draft_path), "-o", str(out), "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err
    assert not out.exists()


def test_strict_refuses_errors(sample2021_path, tmp_path):
    d = load_draft(sample2021_path)
    d.set("table3", "new_received", "natural_person", 40)  # 一+二 no longer equals （七）+四
    save_draft(d, sample2021_path)
    out = tmp_path / "x.docx"
    assert main(["export", str(sample2021_path), "-o", str(out), "--strict"]) == 1
    assert not out.exists()
    assert main(["export", str(sample2021_path), "-o", str(out)]) == 0  # without --strict: exported
    assert out.exists()


def test_strict_exports_a_clean_draft(seed_path, tmp_path):
    out = tmp_path / "x.docx"
    assert main(["export", str(seed_path), "-o", str(out), "--strict"]) == 0
    assert out.exists()


def test_unreadable_draft_exits_2(tmp_path, capsys):
    bad = tmp_path / "坏.nianbao"
    bad.write_text("{不是json", encoding="utf-8")
    assert main(["export", str(bad), "-o", str(tmp_path / "x.docx")]) == 2
    assert "不是有效的草稿文件" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "没有.nianbao")]) == 2


def test_missing_folder_exits_2(seed_path, tmp_path, capsys):
    before = snapshot(seed_path)
    out = tmp_path / "没有这个文件夹" / "报告.docx"
    assert main(["export", str(seed_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "不存在" in err and "报告.docx" in err
    assert snapshot(seed_path) == before


def test_read_only_target_exits_2_and_is_unchanged(seed_path, tmp_path, capsys):
    out = tmp_path / "只读.docx"
    out.write_bytes(b"old report")
    out.chmod(0o444)
    try:
        assert main(["export", str(seed_path), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert "只读" in err and "只读.docx" in err
        assert out.read_bytes() == b"old report"
    finally:
        out.chmod(0o644)


def test_target_held_open_gives_a_clear_message(seed_path, tmp_path, monkeypatch):
    """Windows refuses to replace a file Word has open: os.replace raises PermissionError."""
    out = tmp_path / "打开中.docx"
    out.write_bytes(b"old report")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    before = snapshot(seed_path)
    with pytest.raises(ExportError) as e:
        export_docx(load_draft(seed_path), out)
    assert "打开中.docx" in e.value.message and "正在Word/WPS中打开" in e.value.message
    assert out.read_bytes() == b"old report"
    assert snapshot(seed_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unwritable_folder_gives_exit_2(seed_path, tmp_path, monkeypatch, capsys):
    def denied(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage, "atomic_write", denied)
    assert main(["export", str(seed_path), "-o", str(tmp_path / "x.docx")]) == 2
    assert "没有写入权限" in capsys.readouterr().err


def test_refuses_to_overwrite_the_draft_or_a_folder(seed_path, tmp_path):
    before = snapshot(seed_path)
    assert main(["export", str(seed_path), "-o", str(seed_path)]) == 2
    assert snapshot(seed_path) == before
    with pytest.raises(ExportError, match="文件夹"):
        export_docx(load_draft(seed_path), tmp_path)


def test_replacing_an_existing_report_keeps_its_permissions(seed_path, tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    export_docx(load_draft(seed_path), out)
    assert zipfile.is_zipfile(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
