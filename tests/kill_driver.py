"""The real window in a process of its own, for the kill tests (tests/test_reliability_kill.py).

    python tests/kill_driver.py edit FILE     opens FILE and edits it on a timer: every edit sets 表三
                                              「新收申请」「法律服务机构」 to its number; every 7th edit is
                                              saved, every 3rd (otherwise) written to the recovery copy.
                                              Prints "E k", "S k", "R k" after each is done.
    python tests/kill_driver.py verify FILE   starts as after a crash (recovery offered, answered 恢复),
                                              prints RESULT {json}, closes normally.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.gui import dialogs
from app.gui.main import setup_application
from app.gui.window import MainWindow

CELL = ("table3", "new_received", "legal_service")
EDIT_MS = 15


def edit(path: str) -> None:
    w = MainWindow()
    assert w.start(path, offer_recovery=False)
    w.show()
    doc = w.doc
    doc.recovery_timer.stop()  # recovery copies are written by the steps below, at known moments
    state = {"k": 0}

    def step():
        k = state["k"] = state["k"] + 1
        doc.set_cells(CELL[0], {CELL[1:]: k}, "编辑")
        print(f"E {k}", flush=True)
        if k % 7 == 0:
            assert w.files.save()
            print(f"S {k}", flush=True)
        elif k % 3 == 0:
            doc.write_recovery()
            print(f"R {k}", flush=True)

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(EDIT_MS)
    print("READY", flush=True)
    QApplication.instance().exec()


def verify(path: str) -> None:
    asked: list[str] = []

    def ask(parent, title, text, choices, default=None, icon="question", details=""):
        asked.append(text)
        keys = [k for k, _ in choices]
        return "restore" if "restore" in keys else keys[-1]

    def inform(parent, title, text, icon="info"):
        asked.append("INFORM " + text)

    dialogs.ask, dialogs.inform = ask, inform
    w = MainWindow()
    ok = w.start(path)
    d = w.draft
    result = {"ok": ok, "asked": asked, "path": str(w.path) if w.path else None,
              "value": d.get(*CELL) if d else None, "modified": w.doc.is_modified()}
    w.close_without_asking()
    QApplication.instance().processEvents()
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    setup_application(app)
    {"edit": edit, "verify": verify}[sys.argv[1]](sys.argv[2])
