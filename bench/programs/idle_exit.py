"""Leave the process the moment its event loop is idle with a window shown (the start-up figures' finish line).

The event dispatcher's aboutToBlock says the loop has nothing left to do and is about to wait: every posted
event, layout and paint of the first show is done. The process then ends at once (os._exit), so neither
side's figure includes tearing down the interpreter.

`exit_when_idle_once_started()` hooks QApplication.exec as soon as the program itself imports PySide6, so the
measured program imports what it imports in the order it does (this script imports no Qt before it).
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys


def exit_when_idle(app) -> None:
    from PySide6.QtCore import QAbstractEventDispatcher

    def about_to_block():
        if any(w.isVisible() for w in app.topLevelWidgets()):
            titles = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
            sys.stdout.write("shown: " + " | ".join(titles) + "\n")
            sys.stdout.flush()
            os._exit(0)

    dispatcher = QAbstractEventDispatcher.instance()
    dispatcher.aboutToBlock.connect(about_to_block)
    app._bench_idle = about_to_block  # keep the slot alive


def _hook_exec(qapplication) -> None:
    original = qapplication.exec

    def exec_(self, *args):
        exit_when_idle(self)
        return original(*args)  # a static method in PySide6

    qapplication.exec = exec_


class _AfterQtWidgets(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            _hook_exec(module.QApplication)

        spec.loader.exec_module = exec_module
        return spec


def exit_when_idle_once_started() -> None:
    sys.meta_path.insert(0, _AfterQtWidgets())
