"""Entry script of the frozen program (PyInstaller): the same `app.cli.main` as the `nianbao` command.

Only what the installed program needs beyond the source run lives here, so the GUI code stays untouched:
- Windows: a named mutex "nianbao-running" held while the program runs; the Inno Setup installer's AppMutex
  refuses to upgrade or uninstall while it exists.
- Windowed builds (console=False) have no stdout/stderr on Windows; give them a sink so `print` and argparse
  never fail.
- Linux: the bundled Qt has no fcitx input-method plugin (only ibus and compose); fcitx5 speaks the ibus
  protocol, so fall back to the ibus plugin instead of having no Chinese input at all.
"""

from __future__ import annotations

import os
import sys

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


def main() -> int:
    _ensure_streams()
    _input_method_fallback()
    mutex = _hold_mutex()  # noqa: F841 - kept alive until the process ends
    from app.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
