"""The real main window for the in-process figures: offscreen, the given draft loaded, shown."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget  # noqa: E402


def application() -> QApplication:
    app = QApplication.instance() or QApplication([])
    from app.gui.main import setup_application

    setup_application(app)
    return app


def main_window(path: Path):
    """The window as `nianbao FILE` opens it (no recovery question: the settings folder is the bench's own)."""
    from app.gui.window import MainWindow

    window = MainWindow()
    window.start(str(path), offer_recovery=False)
    window.show()
    QApplication.processEvents()
    return window


def find(window, cls, name: str):
    ensure = getattr(window, "ensure_pages", None)
    if ensure is not None:
        ensure()  # the window builds a page when it is first needed
    w = window.findChild(cls, name)
    if w is None:
        raise LookupError(f"no {cls.__name__} named {name!r} in the window")
    return w


def show_page_of(window, widget: QWidget) -> None:
    """Bring the tab that holds `widget` to the front, as a clerk working in it would have it."""
    for tabs in window.findChildren(QTabWidget):
        for i in range(tabs.count()):
            page = tabs.widget(i)
            if page is widget or page.isAncestorOf(widget):
                tabs.setCurrentIndex(i)
    QApplication.processEvents()


def close(window) -> None:
    """Close without the save question (the bench's edits are not worth keeping)."""
    closer = getattr(window, "close_without_asking", None)
    if closer is not None:
        closer()
    else:
        window.setWindowModified(False)
        window.close()
