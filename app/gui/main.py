"""Starting the window: QApplication, Chinese translations for Qt's own dialogs, fonts, icon."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_NAME
from ..paths import resource
from . import dialogs, translations
from .settings import ORGANIZATION


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own buttons and dialogs in Chinese (see translations.py)."""
    return translations.install(app)


def setup_application(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    icon = resource("icons", "nianbao.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translations(app)
    font = app.font()
    if sys.platform.startswith("win"):
        font = QFont("Microsoft YaHei UI")
    if font.pointSizeF() < 10.5:
        font.setPointSizeF(10.5)
    app.setFont(font)


def _quiet_inform(parent, title, text, icon="info"):
    print(f"{title}：{text}", file=sys.stderr)


def _quiet_ask(parent, title, text, choices, default=None, icon="question", details=""):
    print(f"{title}：{text}", file=sys.stderr)
    return choices[-1][0]


def run(args) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)
    from .window import MainWindow

    file = getattr(args, "file", None)
    smoke = bool(getattr(args, "smoke_test", False))
    if not smoke:
        from . import errorhook

        errorhook.install()
        window = MainWindow()
        window.start(file, sample=bool(getattr(args, "sample", False)))
        window.show()
        return app.exec()
    # The installer's check: open the window on the file (or sample) and close it; nothing may wait for
    # a click, so questions are answered "cancel" and messages go to stderr.
    saved = dialogs.inform, dialogs.ask
    dialogs.inform, dialogs.ask = _quiet_inform, _quiet_ask
    try:
        window = MainWindow()
        ok = window.start(file, offer_recovery=False)
        window.show()
        app.processEvents()
        window.close_without_asking()
        app.processEvents()
        print(f"{APP_NAME}：窗口已打开并关闭（{window.display_name()}）")
        window.deleteLater()
        return 0 if ok else 2
    finally:
        dialogs.inform, dialogs.ask = saved
