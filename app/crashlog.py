"""Where the details of an internal error go: a log file in the user data folder, never the console of
the clerk (a frozen program on Windows has none, and a traceback means nothing to a clerk)."""

from __future__ import annotations

import datetime
import sys
import traceback
from pathlib import Path

from . import __version__
from .paths import user_data_dir

KEEP = 20  # the newest crash logs kept


def log_dir() -> Path:
    return user_data_dir() / "logs"


def write_crash_log(exc: BaseException | None = None) -> str:
    """Write the current (or given) exception with its traceback; returns a Chinese sentence saying where."""
    exc = exc if exc is not None else sys.exc_info()[1]
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)) if exc else "（无异常信息）\n"
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.txt"
        path.write_text(f"年报助手 {__version__}\nPython {sys.version}\n{' '.join(sys.argv)}\n\n{text}",
                        encoding="utf-8")
        for old in sorted(folder.glob("crash-*.txt"))[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return "详细信息无法写入日志文件。"
    return f"详细信息已写入「{path}」，请把这个文件发给技术支持。"
