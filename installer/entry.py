"""Entry script of the frozen program (PyInstaller): the same `app.cli.main` as the `nianbao` command.

Only what the installed program needs beyond the source run lives here, so the GUI code stays untouched:
- Windows: a named mutex "nianbao-running" held while the program runs; the Inno Setup installer's AppMutex
  refuses to upgrade or uninstall while it exists.
- Windowed builds (console=False) have no stdout/stderr on Windows; give them a sink so `print` and argparse
  never fail.
- An unexpected error never ends in PyInstaller's traceback dialog (the spec turns it off: a headless run such as
  a silent install's smoke start or a script calling `nianbao.exe export` would hang on it): the traceback goes
  to stderr and to crash.log in the user's log folder, and the program exits with 3.
- Linux: the bundled Qt has no fcitx input-method plugin (only ibus and compose); fcitx5 speaks the ibus
  protocol, so fall back to the ibus plugin instead of having no Chinese input at all.
"""

from __future__ import annotations

import os
import sys
import traceback

MUTEX_NAME = "nianbao-running"


def _hold_mutex():
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.CreateMutexW.restype = ctypes.c_void_p
        kernel32.CreateMutexW.argtypes = (ctypes.c_void_p, ctypes.c_bool, ctypes.c_wchar_p)
        # Not owned (bInitialOwner=False): several windows may run at once; the mutex only has to exist.
        return kernel32.CreateMutexW(None, False, MUTEX_NAME)
    except Exception:  # never keep the clerk from working because of the installer's guard
        return None


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _input_method_fallback() -> None:
    if not sys.platform.startswith("linux"):
        return
    im = os.environ.get("QT_IM_MODULE", "")
    if im.startswith("fcitx"):
        # Tell Qt to use the bundled ibus plugin instead (fcitx5's ibus frontend answers it).
        os.environ["QT_IM_MODULE"] = "ibus"


def _report_crash() -> None:
    text = traceback.format_exc()
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except Exception:
        pass
    try:
        from platformdirs import user_log_path

        log = user_log_path("nianbao", appauthor=False, ensure_exists=True) / "crash.log"
        with open(log, "a", encoding="utf-8") as f:
            f.write(text + "\n")
    except Exception:
        pass


def main() -> int:
    _ensure_streams()
    _input_method_fallback()
    mutex = _hold_mutex()  # noqa: F841 - kept alive until the process ends
    try:
        from app.cli import main as cli_main

        return cli_main()
    except Exception:
        _report_crash()
        return 3


if __name__ == "__main__":
    sys.exit(main())
