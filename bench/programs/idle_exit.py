"""Leave the process the moment its event loop is idle with a window shown (the start-up figures' finish line).

The event dispatcher's aboutToBlock says the loop has nothing left to do and is about to wait: every posted
event, layout and paint of the first show is done. The process then ends at once (os._exit), so neither
side's figure includes tearing down the interpreter.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QAbstractEventDispatcher
from PySide6.QtWidgets import QApplication


def exit_when_idle(app: QApplication) -> None:
    def about_to_block():
        if any(w.isVisible() for w in app.topLevelWidgets()):
            titles = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
            sys.stdout.write("shown: " + " | ".join(titles) + "\n")
            sys.stdout.flush()
            os._exit(0)

    dispatcher = QAbstractEventDispatcher.instance()
    dispatcher.aboutToBlock.connect(about_to_block)
    app._bench_idle = about_to_block  # keep the slot alive
