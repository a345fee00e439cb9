"""Undoable edits: table cells (one or many at once) and text fields (consecutive typing merges)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

CELL_ID = 1001
TEXT_ID = 1002
MERGE_SECONDS = 2.0  # typing pauses longer than this start a new undo step


class CellsCommand(QUndoCommand):
    """Set one or more input cells of one table. `changes`: [(row id, column id, old, new)]."""

    def __init__(self, model, changes: list[tuple[str, str, Any, Any]], text: str):
        super().__init__(text)
        self.model = model
        self.changes = changes
        self.first = True

    def redo(self) -> None:
        self.model.apply({(r, c): new for r, c, _, new in self.changes}, reveal=not self.first)
        self.first = False

    def undo(self) -> None:
        self.model.apply({(r, c): old for r, c, old, _ in reversed(self.changes)}, reveal=True)

    def id(self) -> int:
        return CELL_ID


class TextCommand(QUndoCommand):
    """A change of one text field. `restore(snapshot)` puts a field back; the editor is refreshed by it.

    The change is already in the draft when the command is pushed (the editor made it), so the first
    redo does nothing. Consecutive typing in the same field within MERGE_SECONDS is one undo step.
    """

    def __init__(self, key: str, label: str, old: Any, new: Any, restore: Callable[[str, Any], None]):
        super().__init__(f"修改{label}")
        self.key = key
        self.old = old
        self.new = new
        self.restore = restore
        self.first = True
        self.stamp = time.monotonic()

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.restore(self.key, self.new)

    def undo(self) -> None:
        self.restore(self.key, self.old)

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
