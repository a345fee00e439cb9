"""Undoable edits of the document: table cells (one or many at once) and text fields.

Commands change the document only; the views follow the document's signals.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtGui import QUndoCommand

from . import fields as fl

CELL_ID = 1001
TEXT_ID = 1002
MERGE_SECONDS = 2.0  # typing pauses longer than this start a new undo step


class CellsCommand(QUndoCommand):
    """Set input cells of one table. `changes`: [(row id, column id, old, new)]."""

    def __init__(self, doc, table_id: str, changes: list[tuple[str, str, Any, Any]], text: str):
        super().__init__(text)
        self.doc = doc
        self.table_id = table_id
        self.changes = changes
        self.first = True

    def redo(self) -> None:
        self.doc.apply_cells(self.table_id, {(r, c): new for r, c, _, new in self.changes}, reveal=not self.first)
        self.first = False

    def undo(self) -> None:
        self.doc.apply_cells(self.table_id, {(r, c): old for r, c, old, _ in reversed(self.changes)}, reveal=True)

    def id(self) -> int:
        return CELL_ID


class TextCommand(QUndoCommand):
    """A change of one text field, kept as a `fields.Delta` (only what changed).

    The change is already in the draft when the command is pushed (the editor made it), so the first
    redo does nothing. Consecutive typing at one place of a field within MERGE_SECONDS is one undo step.
    """

    def __init__(self, doc, key: str, label: str, delta: fl.Delta):
        super().__init__(f"修改{label}")
        self.doc = doc
        self.key = key
        self.delta = delta
        self.first = True
        self.stamp = time.monotonic()

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.doc.apply_text_delta(self.key, self.delta, undo=False)

    def undo(self) -> None:
        self.doc.apply_text_delta(self.key, self.delta, undo=True)

    def id(self) -> int:
        return TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TextCommand):
            return False
        merged = self.merged(other.key, other.delta, other.stamp)
        if merged is None:
            return False
        self.delta, self.stamp = merged, other.stamp
        if self.delta.is_empty():
            self.setObsolete(True)  # typed and deleted again: no step at all
        return True

    def merged(self, key: str, delta: fl.Delta, stamp: float) -> fl.Delta | None:
        """This step and the next change of the field as one delta, if that change goes on with this
        typing (same field, same place, no longer pause than MERGE_SECONDS); None otherwise."""
        if key != self.key or stamp - self.stamp > MERGE_SECONDS or not self.delta.continued_by(delta):
            return None
        if self.delta.old_tail or self.delta.new_tail:
            # One delta from before this step to after the other: go back from the draft's current state.
            now = self.doc.flat(self.key)
            return fl.delta(fl.backward(fl.backward(now, delta), self.delta), now)
        return self.delta.then(delta)
