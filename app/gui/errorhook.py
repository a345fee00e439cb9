"""An error in the window's own code (a bug) while it runs: the clerk gets one Chinese message saying
where the details were written, never a traceback (a frozen program on Windows has no console), and
the window stays open so the work can be saved."""

from __future__ import annotations

import sys

from . import dialogs

_showing = False


def _hook(exc_type, exc, tb) -> None:
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    from ..crashlog import write_crash_log

    where = write_crash_log(exc.with_traceback(tb) if exc is not None else None)
    if _showing:  # an error while the message is up: logged, not shown twice
        return
    _showing = True
    try:
        dialogs.inform(None, "年报助手内部出错",
                       f"刚才的操作没有完成（年报助手内部出错）。已填写的内容仍在窗口中，建议先保存。\n\n{where}",
                       icon="error")
    finally:
        _showing = False


def install() -> None:
    sys.excepthook = _hook
