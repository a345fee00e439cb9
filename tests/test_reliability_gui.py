"""The window's side of issue 12: start never prevented by a draft (2), other people's changes never
silently overwritten (3: external change, a second window, 打开只读副本), read-only drafts (13), stale
recovery locks (15), and a sample of the loader fuzz corpus opened in the real window.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from conftest import ROOT  # noqa: E402
from fuzz_corpus import case, full_run, n_cases  # noqa: E402

from app.gui import names  # noqa: E402
from app.gui import recovery as rec  # noqa: E402
from app.gui.filesafety import lock_path  # noqa: E402
from app.gui.settings import add_recent  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402
from app.storage import load_draft, save_draft  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


def make_window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_force_close", True))
    return w


def opened(qtbot, path) -> MainWindow:
    w = make_window(qtbot)
    assert w.files.open_file(str(path))
    return w


def edit(w: MainWindow, value: int = 7) -> None:
    w.doc.set_cells("table3", {("new_received", "legal_service"): value}, "测试")
    assert w.doc.is_modified()


# ---- 2: a draft never prevents the start ----------------------------------------------------------------

def _with_parts(seed_path: Path, n: int) -> Path:
    data = json.loads(seed_path.read_text("utf-8"))
    data["sections"]["overview"]["parts"] = [{"title": f"第{i + 1}部分", "text": "内容"} for i in range(n)]
    path = seed_path.with_name(f"parts{n}.nianbao")
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_2_ten_sub_parts_open_and_eleven_are_refused_by_name(qtbot, seed_path, dlg):
    w = opened(qtbot, _with_parts(seed_path, 10))
    assert len(w.draft.section("overview").parts) == 10
    w2 = make_window(qtbot)
    assert not w2.files.open_file(str(_with_parts(seed_path, 11)))
    assert "最多10项" in dlg.informed[-1] and "一、总体情况" in dlg.informed[-1]


def test_2_a_broken_most_recent_draft_never_prevents_the_start(qtbot, seed_path, dlg):
    from app.gui.settings import app_settings

    bad = _with_parts(seed_path, 11)
    settings = app_settings()
    add_recent(settings, str(bad))
    settings.sync()
    w = make_window(qtbot)
    assert w.start(None)
    assert w.draft is None and w.stack.currentWidget() is w.start_page  # the start page
    assert dlg.informed == []  # a recent file that no longer opens is skipped quietly


def test_2_even_a_bug_while_opening_never_prevents_the_start(qtbot, seed_path, dlg, monkeypatch, tmp_path):
    from app.gui.document import ReportDocument
    from app.gui.settings import app_settings

    settings = app_settings()
    add_recent(settings, str(seed_path))
    settings.sync()
    real = ReportDocument.replace

    def broken(self, draft, path, *a, **kw):
        if path is not None:
            raise IndexError("a window bug")
        return real(self, draft, path, *a, **kw)

    monkeypatch.setattr(ReportDocument, "replace", broken)
    w = make_window(qtbot)
    assert w.start(None)
    assert w.draft is None and w.stack.currentWidget() is w.start_page
    assert "内部出错" in dlg.informed[-1] and "IndexError" not in dlg.informed[-1]
    logs = list((tmp_path / "data" / "logs").glob("crash-*.txt"))
    assert logs and "IndexError: a window bug" in logs[0].read_text("utf-8")


# ---- 3: changes by another program, a second window ------------------------------------------------------

def test_3_external_change_is_detected_before_saving(qtbot, seed_path, dlg):
    w = opened(qtbot, seed_path)
    edit(w)
    theirs = load_draft(seed_path)
    theirs.agency = "另一个程序改的"
    save_draft(theirs, seed_path)
    external = seed_path.read_bytes()
    dlg.answers.append("cancel")
    w.action(names.ACT_SAVE).trigger()
    assert "修改过" in dlg.asked[-1]
    assert seed_path.read_bytes() == external and w.doc.is_modified()
    dlg.answers.append("overwrite")
    w.action(names.ACT_SAVE).trigger()
    assert load_draft(seed_path).get("table3", "new_received", "legal_service") == 7
    assert not w.doc.is_modified()
    edit(w, 8)
    w.action(names.ACT_SAVE).trigger()  # our own last save is no external change: no question
    assert len(dlg.asked) == 2


def test_3_external_change_saved_elsewhere(qtbot, seed_path, dlg, tmp_path):
    w = opened(qtbot, seed_path)
    edit(w)
    seed_path.write_text(seed_path.read_text("utf-8").replace("盐池分局", "盐池分局（他人修改）"), "utf-8")
    external = seed_path.read_bytes()
    dlg.answers.append("saveas")
    dlg.save_paths.append(str(tmp_path / "我的版本.nianbao"))
    w.action(names.ACT_SAVE).trigger()
    assert seed_path.read_bytes() == external
    assert load_draft(tmp_path / "我的版本.nianbao").get("table3", "new_received", "legal_service") == 7


def test_3_a_touched_file_with_the_same_content_is_no_change(qtbot, seed_path, dlg):
    w = opened(qtbot, seed_path)
    edit(w)
    os.utime(seed_path, (1, 1))
    w.action(names.ACT_SAVE).trigger()
    assert dlg.asked == []


def test_3_deleted_file_asks_too(qtbot, seed_path, dlg):
    w = opened(qtbot, seed_path)
    edit(w)
    seed_path.unlink()
    dlg.answers.append("overwrite")
    w.action(names.ACT_SAVE).trigger()
    assert "删除" in dlg.asked[-1]
    assert load_draft(seed_path).get("table3", "new_received", "legal_service") == 7


def test_3_second_window_offers_a_read_only_copy(qtbot, seed_path, dlg, tmp_path):
    first = opened(qtbot, seed_path)
    assert lock_path(seed_path).exists()
    second = make_window(qtbot)
    dlg.answers.append("cancel")
    assert not second.files.open_file(str(seed_path))
    assert "另一个年报助手窗口" in dlg.asked[-1]
    dlg.answers.append("readonly")
    assert second.files.open_file(str(seed_path))
    assert second.path is None and "只读副本" in second.display_name()
    edit(second)
    dlg.save_paths.append(str(tmp_path / "副本.nianbao"))
    second.action(names.ACT_SAVE).trigger()  # 另存为, never the original
    assert load_draft(tmp_path / "副本.nianbao").get("table3", "new_received", "legal_service") == 7
    assert load_draft(seed_path).get("table3", "new_received", "legal_service") == 0
    # Save as onto the file the first window has open is refused.
    edit(second, 9)
    dlg.save_paths.append(str(seed_path))
    second.action(names.ACT_SAVE_AS).trigger()
    assert "另一个年报助手窗口" in dlg.informed[-1]
    assert load_draft(seed_path).get("table3", "new_received", "legal_service") == 0
    first.close()
    assert not lock_path(seed_path).exists()
    third = opened(qtbot, seed_path)  # free again: no question
    assert third.path == seed_path


def test_3_lock_of_a_crashed_window_is_taken_over(qtbot, seed_path, dlg):
    code = ("import sys, os; from PySide6.QtCore import QLockFile; l = QLockFile(sys.argv[1]); "
            "assert l.tryLock(0); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(lock_path(seed_path))], check=True, timeout=60)
    assert lock_path(seed_path).exists()
    w = opened(qtbot, seed_path)  # no question: its process is gone
    assert w.path == seed_path and dlg.asked == []
    w.close()
    assert not lock_path(seed_path).exists()


# ---- 13: a read-only draft: 另存为 ---------------------------------------------------------------------

def test_13_read_only_draft_offers_save_as(qtbot, seed_path, dlg, tmp_path):
    w = opened(qtbot, seed_path)
    before = seed_path.read_bytes()
    seed_path.chmod(0o444)
    edit(w)
    dlg.answers.append("saveas")
    dlg.save_paths.append(str(tmp_path / "另存.nianbao"))
    w.action(names.ACT_SAVE).trigger()
    assert "只读" in dlg.asked[-1]
    assert seed_path.read_bytes() == before
    assert w.path == tmp_path / "另存.nianbao" and not w.doc.is_modified()
    assert load_draft(w.path).get("table3", "new_received", "legal_service") == 7


# ---- 15: stale recovery locks ----------------------------------------------------------------------------

def test_15_stale_recovery_locks_without_a_copy_are_removed(qtbot, tmp_path):
    folder = rec.recovery_dir()
    folder.mkdir(parents=True)
    code = ("import sys, os; from PySide6.QtCore import QLockFile; l = QLockFile(sys.argv[1]); "
            "assert l.tryLock(0); os._exit(0)")
    stale = folder / "0123456789ab.lock"
    subprocess.run([sys.executable, "-c", code, str(stale)], check=True, timeout=60)
    assert stale.exists()
    live = rec.RecoverySession()
    live._ensure_lock()  # a running window that has not written a copy yet
    assert rec.orphans() == []
    assert not stale.exists()
    assert (folder / f"{live.id}.lock").exists()
    live.close()


# ---- the fuzz corpus in the real window ---------------------------------------------------------------------

def test_window_opens_a_sample_of_the_fuzz_corpus(qtbot, seed_path, dlg, tmp_path):
    w = opened(qtbot, seed_path)
    shown = w.draft
    step = 11 if full_run() else 67
    folder = tmp_path / "fuzz"
    folder.mkdir()
    for i in range(0, n_cases(), step):
        name, raw = case(i)
        path = folder / f"{name}.nianbao"
        path.write_bytes(raw)
        informed = len(dlg.informed)
        ok = w.files.open_file(str(path))
        if ok:
            assert w.path == path
            shown = w.draft
        else:
            msg = dlg.informed[-1]
            assert len(dlg.informed) == informed + 1
            assert CJK.search(msg) and len(msg) <= 400 and "内部出错" not in msg, (name, msg[:300])
            assert w.draft is shown  # what was open stays open
        assert path.read_bytes() == raw
        w.files.guard.release()
    assert not (tmp_path / "data" / "logs").exists()


def test_smoke_start_on_a_hostile_file_exits_cleanly(tmp_path):
    """The real program (as the installer checks it) on a draft with a huge number: exit 2, no traceback."""
    bad = tmp_path / "huge.nianbao"
    bad.write_text((ROOT / "resources/samples/seed-2020-yanchi.nianbao").read_text("utf-8")
                   .replace('"year": 2020', '"year": 1e999999999'), "utf-8")
    env = dict(os.environ, NIANBAO_DATA_DIR=str(tmp_path / "data"), NIANBAO_SETTINGS_DIR=str(tmp_path / "s"),
               QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "app", "gui", "--smoke-test", str(bad)], env=env, capture_output=True,
                       text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 2, r.stderr[-2000:]
    assert "Traceback" not in r.stderr and "huge.nianbao" in r.stderr


# ---- 7, the window's side: a bug while it runs ------------------------------------------------------------

def test_7_a_bug_in_the_window_shows_one_chinese_message_and_a_log(tmp_path, dlg, monkeypatch):
    from app.gui import errorhook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errorhook.install()
    assert sys.excepthook is errorhook._hook
    try:
        {}["missing"]
    except KeyError as e:
        sys.excepthook(type(e), e, e.__traceback__)
    assert len(dlg.informed) == 1 and "内部出错" in dlg.informed[0] and "KeyError" not in dlg.informed[0]
    logs = list((tmp_path / "data" / "logs").glob("crash-*.txt"))
    assert str(logs[0]) in dlg.informed[0] and "KeyError: 'missing'" in logs[0].read_text("utf-8")
