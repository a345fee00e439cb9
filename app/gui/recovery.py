"""Recovery copies: while a draft has unsaved changes, a copy is written to the user data folder, so a
crash or a power cut loses at most the last half minute. A normal save or close removes the copy.

Each running window holds a lock file next to its copy; a copy whose lock is not held (stale) belongs
to a program that ended without closing, and is offered at the next start.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from ..paths import user_data_dir
from ..storage import atomic_write, clean_stale_temps, dumps

SUFFIX = ".recovery.json"


def recovery_dir() -> Path:
    return user_data_dir() / "recovery"


@dataclass
class RecoveryCopy:
    file: Path
    original: str | None  # the draft file it was a copy of (None: never saved)
    saved_at: str  # local time, "2026-01-20 14:32"
    name: str  # how the draft was named in the window title
    text: str  # the draft, as storage.dumps wrote it

    def remove(self) -> None:
        for p in (self.file, _lock_path(self.file)):
            try:
                p.unlink()
            except OSError:
                pass


def _lock_path(copy_file: Path) -> Path:
    return copy_file.with_name(copy_file.name[: -len(SUFFIX)] + ".lock")


class RecoverySession:
    """The recovery copy of this window."""

    def __init__(self):
        self.id = uuid.uuid4().hex[:12]
        self.lock: QLockFile | None = None
        self.written = False

    @property
    def file(self) -> Path:
        return recovery_dir() / f"{self.id}{SUFFIX}"

    def _ensure_lock(self) -> None:
        if self.lock is None:
            recovery_dir().mkdir(parents=True, exist_ok=True)
            self.lock = QLockFile(str(_lock_path(self.file)))
            self.lock.setStaleLockTime(0)
            self.lock.tryLock(0)

    def write(self, draft, original: str | None, name: str) -> Path:
        self._ensure_lock()
        data = {
            "original": original,
            "name": name,
            "saved_at": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "draft": dumps(draft),
        }
        atomic_write(self.file, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        self.written = True
        return self.file

    def remove(self) -> None:
        """After a save or a normal close: the copy is no longer needed."""
        try:
            self.file.unlink()
        except OSError:
            pass
        self.written = False

    def close(self) -> None:
        self.remove()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None

    def abandon(self) -> None:
        """What a crash does: the copy stays, the lock goes stale (used by tests)."""
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def remove_stale_locks(folder: Path) -> None:
    """Locks of windows that crashed before writing any copy: nothing to offer, so nothing to keep."""
    for f in folder.glob("*.lock"):
        if f.with_name(f.name[: -len(".lock")] + SUFFIX).exists():
            continue  # its copy is offered (and removed with its lock) by orphans()
        lock = QLockFile(str(f))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):  # the window that made it is gone
            lock.unlock()  # removes the file


def orphans() -> list[RecoveryCopy]:
    """Copies left by windows that ended without closing, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    remove_stale_locks(folder)
    clean_stale_temps(folder / f"any{SUFFIX}")  # copies cut off while being written (kill -9)
    out = []
    for f in folder.glob(f"*{SUFFIX}"):
        lock = QLockFile(str(_lock_path(f)))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another running window owns it
        lock.unlock()
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            out.append(RecoveryCopy(f, data.get("original"), data.get("saved_at", ""), data.get("name", ""),
                                    data["draft"]))
        except (OSError, ValueError, KeyError, TypeError):
            try:
                f.unlink()  # unreadable (e.g. cut off by the crash): nothing to offer
            except OSError:
                pass
    return sorted(out, key=lambda c: c.saved_at, reverse=True)
