"""Keeping other people's changes: a lock file beside an open draft that a second window respects, and
the file's fingerprint at open compared with the file at save, so that a change made meanwhile by another
program (or a colleague on a shared folder) is never overwritten without asking.

The lock is `.~<name>.lock` beside the draft (QLockFile: host and process id inside; a lock whose
process is gone is stale and taken over). A folder where no lock can be made (read-only media) just
goes without one; the fingerprint check still applies.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from ..storage import NAME_MAX_BYTES, _fit

LOCK_PREFIX, LOCK_SUFFIX = ".~", ".lock"


def lock_path(draft: Path) -> Path:
    draft = Path(draft)
    room = NAME_MAX_BYTES - len((LOCK_PREFIX + LOCK_SUFFIX).encode())
    return draft.with_name(f"{LOCK_PREFIX}{_fit(draft.name, room)}{LOCK_SUFFIX}")


@dataclass(frozen=True)
class Fingerprint:
    mtime_ns: int
    size: int
    sha256: str

    def describe_change(self, now: Fingerprint | None) -> str:
        if now is None:
            return "文件已被删除或移走"
        return "文件在打开后被修改过"


def fingerprint(path: Path) -> Fingerprint | None:
    """What the file is now (None: it is gone or unreadable)."""
    try:
        st = os.stat(path)
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return Fingerprint(st.st_mtime_ns, st.st_size, h.hexdigest())


def same_content(a: Fingerprint | None, b: Fingerprint | None) -> bool:
    """Unchanged for our purpose: the same bytes (a touch or a copy with the same content is no change)."""
    if a is None or b is None:
        return a is b
    return a.size == b.size and a.sha256 == b.sha256


class DraftLock:
    """The lock of one open draft."""

    def __init__(self, draft: Path):
        self.draft = Path(draft)
        self.lock = QLockFile(str(lock_path(self.draft)))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age

    def acquire(self) -> bool | None:
        """True: ours now. False: another running window holds it. None: no lock possible here."""
        if self.lock.tryLock(0):
            return True
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            return False
        return None

    def holder(self) -> str:
        try:
            info = self.lock.getLockInfo()  # PySide6: (pid, host, app); some versions lead with a bool
        except (RuntimeError, ValueError):
            return ""
        info = [x for x in (info if isinstance(info, tuple) else ()) if not isinstance(x, bool)]
        if len(info) < 2 or not info[1]:
            return ""
        return f"（电脑「{info[1]}」上，进程号 {info[0]}）"

    def release(self) -> None:
        if self.lock.isLocked():
            self.lock.unlock()


class FileGuard:
    """What this window knows about the draft file it has open: its lock and its fingerprint."""

    def __init__(self):
        self.path: Path | None = None
        self.lock: DraftLock | None = None
        self.seen: Fingerprint | None = None

    def try_claim(self, path: Path) -> bool:
        """Lock `path` for this window. False when another window of this program has it open."""
        path = Path(path)
        if self.lock is not None and self.lock.draft == path:
            return True
        lock = DraftLock(path)
        got = lock.acquire()
        if got is False:
            self._other = lock
            return False
        self.release()
        self.path = path
        self.lock = lock if got else None
        return True

    def other_holder(self) -> str:
        other = getattr(self, "_other", None)
        return other.holder() if other is not None else ""

    def opened(self, path: Path, seen: Fingerprint | None) -> None:
        """The draft now shown is `path` as it was when `seen` was taken."""
        if self.path != Path(path):
            self.try_claim(path)
        self.path = Path(path)
        self.seen = seen

    def changed_since_seen(self, path: Path) -> Fingerprint | None | bool:
        """False when `path` is as this window last saw it; else its fingerprint now (None: gone)."""
        if self.path is None or Path(path) != self.path or self.seen is None:
            return False
        now = fingerprint(path)
        if same_content(now, self.seen):
            return False
        return now

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
        self.lock = None
        self.path = None
        self.seen = None
