"""The report being edited: draft, file path, undo stack, modified flag, findings, recovery copy.

No widgets here: the window and its pages show the document and follow its signals; commands change it.
Tested without a window (tests/test_gui_document.py).
"""

from __future__ import annotations

import time
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
CHECK_DELAY_MS = 300  # text typing: the checks run once typing pauses this long


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
        self.draft: Draft | None = None
        self.path: Path | None = None
        self.untitled_name = "未命名"
        self.forced_dirty = False  # restored from a recovery copy: unsaved though nothing was undone
        self.fields: dict[str, fl.FieldSpec] = {}
        self.findings: list[Finding] = []
        self.totals: dict = {}  # table id -> {(row id, column id): Total}, as the checks computed them
        self._chars: dict[str, tuple[str, int]] = {}  # field key -> (its text, its character count)
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
    def replace(self, draft: Draft, path: Path | None, untitled_name: str = "未命名", dirty: bool = False) -> None:
        self.draft = draft
        self.path = Path(path) if path else None
        self.untitled_name = untitled_name
        self.fields = fl.text_fields(draft)
        self._chars.clear()
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
        return self.forced_dirty or not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.path.name if self.path else self.untitled_name

    def _update_modified(self, *_args) -> None:
        self.modified_changed.emit(self.is_modified())

    def refresh(self, cells_only: bool = False) -> None:
        """Re-run the checks (now, and no more when typing pauses). `cells_only`: nothing but cells changed
        since the last run, so the findings of the rules that read only the texts are kept."""
        self.check_timer.stop()
        if self.draft is None:
            return
        if not cells_only:
            self._text_memo = {}
        self._run_checks()
        self.findings_changed.emit()

    def _run_checks(self) -> None:
        ctx = Context(self.draft)
        self.findings = run_checks(self.draft, ctx, self._text_memo)
        self.totals = ctx.totals  # computed once per edit: the grids show these, they do not sum again

    # ---- edits ---------------------------------------------------------------------------------
    def set_cells(self, table_id: str, values: dict[tuple[str, str], Any], text: str) -> bool:
        """Set input cells of one table as one undo step; unchanged ones are left out."""
        changes = []
        for (rid, cid), new in values.items():
            old = self.draft.get(table_id, rid, cid)
            if old != new:
                changes.append((rid, cid, old, new))
        if changes:
            self.undo_stack.push(CellsCommand(self, table_id, changes, text))
        return True

    def apply_cells(self, table_id: str, values: dict[tuple[str, str], Any], reveal: bool = False) -> None:
        """Called by the undo commands only."""
        for (rid, cid), v in values.items():
            self.draft.set(table_id, rid, cid, v)
        self.cells_changed.emit(table_id, list(values), reveal)
        self.refresh(cells_only=True)

    def text(self, key: str) -> str:
        return self.fields[key].read(self.draft)

    def chars(self, key: str) -> int:
        """The field's characters without white space, kept up to date by what is typed: counting a long
        text again on every keystroke would cost as much as the rest of the keystroke."""
        text = self.text(key)
        counted = self._chars.get(key)
        if counted is None or counted[0] != text:
            counted = self._chars[key] = (text, fl.chars(text))
        return counted[1]

    def flat(self, key: str) -> list[str]:
        return fl.flat(self.draft, self.fields[key])

    def set_text(self, key: str, value: str, change: tuple[int, str, str, str] | None = None) -> None:
        """The clerk typed into the field `key`: the draft changes at once, undo keeps what changed, and
        the checks run when typing pauses (CHECK_DELAY_MS), not on every keystroke. `change`: what the
        editor changed, (position, removed, inserted, its text before), so that the long text need not be
        compared."""
        spec = self.fields[key]
        before = fl.flat(self.draft, spec)
        spec.write(self.draft, value)
        after = fl.flat(self.draft, spec)
        known = None
        if change is not None:
            i, (pos, removed, inserted, basis) = fl.flat_index(spec), change
            old = before[i] if i < len(before) else None
            # Trusted when the field took the text as typed and the editor changed the very text the field
            # held (or, if not that object, one that leads there).
            if len(before) == len(after) and after[i] == value and old is not None and (
                    old is basis or (old[pos:pos + len(removed)] == removed
                                     and old[:pos] + inserted + old[pos + len(removed):] == value)):
                known = (i, pos, removed, inserted)
        d = fl.delta(before, after, known)
        if d.is_empty():
            return
        self._text_memo = {}
        counted = self._chars.get(key)
        if known is not None and counted is not None and counted[0] == before[known[0]]:
            self._chars[key] = (after[known[0]], counted[1] - fl.chars(removed) + fl.chars(inserted))
        if not self._type_on(key, d):
            self.undo_stack.push(TextCommand(self, key, spec.label, d))
        self.text_changed.emit(key)
        self.check_timer.start()

    def _type_on(self, key: str, d: fl.Delta) -> bool:
        """Typing on: the text step on top of the undo stack takes the change in, as QUndoStack.push would
        merge it (not into the step that was saved, not to nothing), without a new command and the
        stack's signals on every keystroke. False when the change must be pushed."""
        stack = self.undo_stack
        i = stack.index()
        if i == 0 or i != stack.count() or i == stack.cleanIndex():
            return False
        top = stack.command(i - 1)
        if not isinstance(top, TextCommand):
            return False
        stamp = time.monotonic()
        merged = top.merged(key, d, stamp)
        if merged is None or merged.is_empty():
            return False
        top.delta, top.stamp = merged, stamp
        return True

    def apply_text_delta(self, key: str, delta: fl.Delta, undo: bool) -> None:
        """Called by the undo commands only."""
        spec = self.fields.get(key)
        if spec is None or self.draft is None:
            return
        values = fl.flat(self.draft, spec)
        fl.put_flat(self.draft, spec, fl.backward(values, delta) if undo else fl.forward(values, delta))
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
        self.recovery.close()
