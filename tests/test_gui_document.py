"""The document and the file flows without a window (a QApplication only), and the Qt-free field specs."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from gui_helpers import Dialogs  # noqa: E402

from app.gui import fields as fl  # noqa: E402
from app.gui import recovery as rec  # noqa: E402
from app.gui.document import ReportDocument  # noqa: E402
from app.gui.files import FileFlows  # noqa: E402
from app.gui.settings import app_settings, recent_files  # noqa: E402
from app.storage import load_draft  # noqa: E402


@pytest.fixture
def doc(qapp, seed_path):
    d = ReportDocument()
    d.replace(load_draft(seed_path), seed_path)
    yield d
    d.close()


def test_cells_undo_redo_and_the_modified_flag(doc):
    states = []
    doc.modified_changed.connect(states.append)
    changed = []
    doc.cells_changed.connect(lambda t, refs, reveal: changed.append((t, refs, reveal)))
    assert not doc.is_modified() and doc.findings == []
    doc.set_cells("table3", {("new_received", "natural_person"): 5}, "填写")
    assert doc.draft.get("table3", "new_received", "natural_person") == 5
    assert doc.is_modified() and states[-1] is True
    assert changed[-1] == ("table3", [("new_received", "natural_person")], False)
    assert any(f.rule == "t3-balance" for f in doc.findings)
    doc.undo_stack.undo()
    assert doc.draft.get("table3", "new_received", "natural_person") == 0
    assert not doc.is_modified() and states[-1] is False and doc.findings == []
    assert changed[-1][2] is True  # undo shows the cell it changed
    doc.undo_stack.redo()
    assert doc.draft.get("table3", "new_received", "natural_person") == 5
    # Setting a cell to what it holds is no step at all.
    count = doc.undo_stack.count()
    doc.set_cells("table3", {("new_received", "natural_person"): 5}, "填写")
    assert doc.undo_stack.count() == count


def test_text_edits_merge_and_undo_puts_the_field_back(doc):
    restored = []
    doc.field_restored.connect(restored.append)
    before = doc.text("problems.text")
    doc.set_text("problems.text", before + "一")
    doc.set_text("problems.text", before + "一二")
    assert doc.undo_stack.count() == 1  # consecutive typing is one step
    assert doc.draft.section("problems").text == before + "一二"
    doc.undo_stack.undo()
    assert doc.draft.section("problems").text == before and restored == ["problems.text"]
    doc.set_text("agency", "另一个局")
    assert doc.undo_stack.count() == 1 and doc.draft.agency == "另一个局"


def test_overview_part_typed_beyond_the_draft_and_undone(doc):
    assert len(doc.draft.section("overview").parts) == 3
    doc.set_text("overview.part.3.text", "第四部分")
    assert len(doc.draft.section("overview").parts) == 4
    doc.undo_stack.undo()
    assert len(doc.draft.section("overview").parts) == 3


def test_save_to_then_reload_and_recovery_copy(doc, tmp_path):
    doc.set_cells("table4", {("cases", "review_upheld"): 3}, "填写")
    doc.write_recovery()
    assert doc.recovery.file.exists()
    doc.recovery.abandon()  # as a crash leaves it
    (copy,) = rec.orphans()
    assert copy.original == str(doc.path)
    doc.recovery.written = True
    out = tmp_path / "saved.nianbao"
    doc.save_to(out)
    assert not doc.is_modified() and doc.path == out and not doc.recovery.file.exists()
    assert load_draft(out).get("table4", "cases", "review_upheld") == 3
    assert rec.orphans() == []


def test_file_flows_without_a_window(doc, monkeypatch, tmp_path, sample2021_path):
    dlg = Dialogs(monkeypatch)
    files = FileFlows(doc, app_settings(), None)
    doc.set_text("preamble", "改过")
    dlg.answers.append("cancel")
    assert not files.maybe_save()
    dlg.answers.append("discard")
    dlg.open_paths.append(str(sample2021_path))
    files.open_dialog()
    assert doc.draft.format_id == "2021" and not doc.is_modified()
    assert recent_files(files.settings)[0] == str(sample2021_path.resolve())
    doc.set_text("preamble", "新导语")
    dlg.save_paths.append(str(tmp_path / "另存"))
    assert files.save_as()
    assert load_draft(tmp_path / "另存.nianbao").preamble == "新导语"


def test_field_specs_are_qt_free_and_count_characters(seed_path):
    d = load_draft(seed_path)
    specs = fl.text_fields(d)
    assert {"agency", "title_lines", "preamble", "overview.text", "overview.part.4.text", "active.text",
            "applications.text", "review.text", "problems.text", "other.text"} <= set(specs)
    assert "fee_statement" not in specs  # the 2019 format has no 信息处理费 line
    specs["title_lines"].write(d, "甲\n乙\n\n")
    assert d.title_lines == ["甲", "乙"]
    assert fl.chars(" 一 二\n三\t") == 3


def test_text_undo_keeps_what_changed_not_the_whole_text(doc, qtbot):
    big = "政务公开工作。" * 15_000  # ~100 000 characters
    doc.set_text("problems.text", big)
    doc.undo_stack.setClean()
    text = big
    for ch in "补充一句话。":
        text += ch
        doc.set_text("problems.text", text)  # one keystroke at a time, merged into one step
    step = doc.undo_stack.command(doc.undo_stack.count() - 1)
    assert step.delta.size() < 20  # the six typed characters, not another 100 000
    steps = doc.undo_stack.count()
    text = text[:50] + "插入" + text[50:]
    doc.set_text("problems.text", text)  # typing elsewhere is a step of its own, small as well
    step = doc.undo_stack.command(doc.undo_stack.count() - 1)
    assert doc.undo_stack.count() == steps + 1 and step.delta.size() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.draft.section("problems").text == big
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    assert doc.draft.section("problems").text == text


def test_typed_and_deleted_again_is_no_step(doc):
    before = doc.text("preamble")
    doc.set_text("preamble", before + "x")
    doc.set_text("preamble", before)
    assert doc.undo_stack.count() == 0 and not doc.is_modified()


def test_text_checks_wait_for_a_pause_in_typing(doc, qtbot):
    doc.set_text("problems.text", "")
    assert not any(f.section == "problems" for f in doc.findings)  # not checked yet while typing
    assert doc.check_timer.isActive()
    with qtbot.waitSignal(doc.findings_changed, timeout=2000):
        pass
    assert any(f.section == "problems" for f in doc.findings)
    # Cell edits and explicit checks run at once and cancel the pending one.
    doc.set_text("problems.text", "有内容。")
    doc.refresh()
    assert not doc.check_timer.isActive()


def test_delta_round_trips_lists_that_grow_and_shrink():
    a = ["lead", "t1", "x1", "t2", "x2"]
    b = ["lead!", "t1", "x1"]
    d = fl.delta(a, b)
    assert fl.forward(a, d) == b and fl.backward(b, d) == a
    assert fl.delta(["abc"], ["abXc"]).changes == ((0, 2, "", "X"),)


def test_a_cell_edit_right_after_typing_checks_the_new_text(doc):
    """A cell edit keeps the findings of the rules that read only the texts, but not past a text change that the
    idle checks have not seen yet."""
    original = doc.text("problems.text")
    cells = [("new_received", "natural_person"), ("new_received", "commercial")]
    before = {c: doc.draft.get("table3", *c) for c in cells}
    rules = lambda: {f.rule for f in doc.findings}  # noqa: E731
    assert "problems-empty" not in rules()
    doc.set_text("problems.text", "无")
    doc.set_cells("table3", {cells[0]: before[cells[0]] + 5}, "填写")  # before the checks' timer fires
    assert {"problems-empty", "t3-balance"} <= rules()
    doc.set_cells("table3", {cells[1]: before[cells[1]] + 5}, "填写")
    assert {"problems-empty", "t3-balance"} <= rules()
    doc.set_text("problems.text", original)
    doc.set_cells("table3", before, "填写")
    assert "problems-empty" not in rules() and "t3-balance" not in rules()
