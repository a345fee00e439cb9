"""The desktop window (PySide6). Everything Qt lives in this package; the core under app/ stays Qt-free."""

from __future__ import annotations

import sys


def _guard_none_refcount() -> None:
    """Work around a PySide6 6.12 reference-counting bug on Python 3.11 and older.

    PySide6-Essentials 6.12.0 returns None from every void method (setText, setData, setWindowTitle, …)
    without taking a reference to it. From Python 3.12 on None is immortal and this is harmless; on 3.11
    each such call takes one reference away from None, and after a few thousand calls (a minute of typing
    in the window) Python aborts with "Fatal Python error: none_dealloc". None is never freed in a
    correct program, so giving it a large reserve of references is safe and keeps the window alive.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    refcnt = ctypes.c_ssize_t.from_address(id(None))
    if refcnt.value < 1 << 40:
        refcnt.value += 1 << 40


_guard_none_refcount()
