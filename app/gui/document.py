"""The report being edited: draft, file path, undo stack, modified flag, findings, recovery copy.

No widgets here: the window and its pages show the document and follow its signals; commands change it.
Tested without a window (tests/test_gui_document.py).

Typing in a long text costs nothing per keystroke here: the editor says once that its text changed
(`typing`), and the draft takes the text when anyone reads the draft (`draft` flushes), when the document
changes otherwise (cells, undo, save) or CHECK_DELAY_MS later; undo keeps the difference.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..checks import Context, Finding, run_checks
from ..draft import Draft
from ..errors import os_error_text
from ..storage import save_draft
from . import fields as fl
from . import recovery as rec
from .commands import CellsCommand, TextCommand

RECOVERY_INTERVAL_MS = 30_000
CHECK_DELAY_MS = 300  # typing: this long after the first keystroke the draft takes the text and the checks run


class ReportDocument(QObject):
    replaced = Signal()  # a new draft (opened, new, restored): pages are rebuilt
    findings_changed = Signal()
    modified_changed = Signal(bool)
    cells_changed = Signal(str, object, bool)  # table id, [(row id, column id)], reveal (undo/redo)
    text_changed = Signal(str)  # a field key: typed, undone or redone
    field_restored = Signal(str)  # undo/redo put a field back: editors show it and it gets the focus
    problem = Signal(str)  # something went wrong in the background (recovery copy), in Chinese

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._draft: Draft | None = None
        self._pending: dict[str, tuple[Callable[[], str], Callable[[], None]]] = {}  # key -> (read, taken)
        self.path: Path | None = None
        self.untitled_name = "未命名"
        self.forced_dirty = False  # restored from a recovery copy: unsaved though nothing was undone
        self.fields: dict[str, fl.FieldSpec] = {}
        self.findings: list[Finding] = []
        self.totals: dict = {}  # table id -> {(row id, column id): Total}, as the checks computed them
        self._text_memo: dict = {}  # the text-only rules' findings while no text changed (checks.TEXT_ONLY)
        self.recovery = rec.RecoverySession()
        self.recovery_timer = QTimer(self)
        self.recovery_timer.setInterval(RECOVERY_INTERVAL_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.recovery_timer.start()
        self.undo_stack.cleanChanged.connect(self._update_modified)
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.refresh)

    # ---- state ---------------------------------------------------------------------------------
    @property
    def draft(self) -> Draft | None:
        """The draft, with what is being typed taken into it first."""
        if self._pending:
            self.flush()
        return self._draft

    def is_open(self) -> bool:
        """A draft is open (asking does not take in what is being typed)."""
        return self._draft is not None

    def replace(self, draft: Draft, path: Path | None, untitled_name: str = "未命名", dirty: bool = False) -> None:
        self._pending.clear()  # the editors of the pages being replaced (their text was saved or discarded)
        self._draft = draft
        self.path = Path(path) if path else None
        self.untitled_name = untitled_name
        self.fields = fl.text_fields(draft)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.forced_dirty = dirty
        self.check_timer.stop()
        self._text_memo = {}
        self._run_checks()
        self.replaced.emit()
        self.findings_changed.emit()
        self._update_modified()

    def is_modified(self) -> bool:
        if not shiboken6.isValid(self.undo_stack):
            return False  # being destroyed
        return self.forced_dirty or bool(self._pending) or not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.path.name if self.path else self.untitled_name

    def _update_modified(self, *_args) -> None:
        self.modified_changed.emit(self.is_modified())

    def refresh(self, cells_only: bool = False) -> None:
        """Re-run the checks (now, and no more when typing pauses). `cells_only`: nothing but cells changed
        since the last run, so the findings of the rules that read only the texts are kept."""
        draft = self.draft  # (what was typed is taken in first)
        self.check_timer.stop()
        if draft is None:
            return
        if not cells_only:
            self._text_memo = {}
        self._run_checks()
        self.findings_changed.emit()

    def _run_checks(self) -> None:
        ctx = Context(self._draft)
        self.findings = run_checks(self._draft, ctx, self._text_memo)
        self.totals = ctx.totals  # computed once per edit: the grids show these, they do not sum again

    # ---- edits ---------------------------------------------------------------------------------
    def set_cells(self, table_id: str, values: dict[tuple[str, str], Any], text: str) -> bool:
        """Set input cells of one table as one undo step; unchanged ones are left out."""
        changes = []
        draft = self.draft  # what was typed before becomes its undo step before this one
        for (rid, cid), new in values.items():
            old = draft.get(table_id, rid, cid)
            if old != new:
                changes.append((rid, cid, old, new))
        if changes:
            self.undo_stack.push(CellsCommand(self, table_id, changes, text))
        return True

    def apply_cells(self, table_id: str, values: dict[tuple[str, str], Any], reveal: bool = False) -> None:
        """Called by the undo commands only."""
        for (rid, cid), v in values.items():
            self._draft.set(table_id, rid, cid, v)
        self.cells_changed.emit(table_id, list(values), reveal)
        self.refresh(cells_only=True)

    def text(self, key: str) -> str:
        return self.fields[key].read(self.draft)

    def flat(self, key: str) -> list[str]:
        return fl.flat(self.draft, self.fields[key])

    def set_text(self, key: str, value: str) -> None:
        """The field `key` holds `value` now: the draft changes, undo keeps what changed (consecutive typing
        at one place is one step), and the checks run CHECK_DELAY_MS later."""
        spec = self.fields[key]
        draft = self.draft
        before = fl.flat(draft, spec)
        spec.write(draft, value)
        d = fl.delta(before, fl.flat(draft, spec))
        if d.is_empty():
            return
        self._text_memo = {}
        self.undo_stack.push(TextCommand(self, key, spec.label, d))
        self.text_changed.emit(key)
        self.check_timer.start()

    def typing(self, key: str, read: Callable[[], str], taken: Callable[[], None]) -> None:
        """An editor's text changed since the draft last took it (said once, not per keystroke): `read`
        gives its text, `taken` tells it the draft has it. The draft takes it when it is next read."""
        first = not self._pending
        self._pending[key] = (read, taken)
        if first:
            self.check_timer.start()
            self._update_modified()

    def has_pending(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        """Take what was typed into the draft (one read of each changed editor's text)."""
        if not self._pending:
            return
        while self._pending:
            key, (read, taken) = self._pending.popitem()
            taken()
            self.set_text(key, read())
        self._update_modified()

    def undo(self) -> None:
        self.flush()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.flush()
        self.undo_stack.redo()

    def apply_text_delta(self, key: str, delta: fl.Delta, undo: bool) -> None:
        """Called by the undo commands only."""
        spec = self.fields.get(key)
        if spec is None or self._draft is None:
            return
        values = fl.flat(self._draft, spec)
        fl.put_flat(self._draft, spec, fl.backward(values, delta) if undo else fl.forward(values, delta))
        self.field_restored.emit(key)
        self.text_changed.emit(key)
        self.refresh()

    # ---- files ---------------------------------------------------------------------------------
    def save_to(self, path: Path) -> None:
        """Write the draft to `path` (atomically, by storage); raises DraftError. Then the document is clean."""
        save_draft(self.draft, path)
        self.path = Path(path)
        self.forced_dirty = False
        self.undo_stack.setClean()
        self.recovery.remove()
        self._update_modified()

    def write_recovery(self) -> None:
        """While there are unsaved changes, keep a copy that survives a crash; without, remove it."""
        if self.draft is None:
            return
        if not self.is_modified():
            if self.recovery.written:
                self.recovery.remove()
            return
        try:
            self.recovery.write(self.draft, str(self.path) if self.path else None, self.display_name())
        except OSError as e:
            self.problem.emit(f"无法写入恢复副本：{os_error_text(e)}")

    def close(self) -> None:
        """A normal end: no recovery copy is left behind."""
        self.recovery_timer.stop()
        self.check_timer.stop()
        self._pending.clear()
        self.recovery.close()
