"""Undoable edits of the document: table cells (one or many at once) and text fields.

Commands change the document only; the views follow the document's signals.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtGui import QUndoCommand

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
    """A change of one text field, from snapshot `old` to `new` (see fields.snapshot).

    The change is already in the draft when the command is pushed (the editor made it), so the first
    redo does nothing. Consecutive typing in the same field within MERGE_SECONDS is one undo step.
    """

    def __init__(self, doc, key: str, label: str, old: Any, new: Any):
        super().__init__(f"修改{label}")
        self.doc = doc
        self.key = key
        self.old = old
        self.new = new
        self.first = True
        self.stamp = time.monotonic()

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.doc.restore_field(self.key, self.new)

    def undo(self) -> None:
        self.doc.restore_field(self.key, self.old)

    def id(self) -> int:
        return TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TextCommand) or other.key != self.key:
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        self.new = other.new
        self.stamp = other.stamp
        return True
