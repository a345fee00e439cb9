"""Starting the window: QApplication, Chinese translations for Qt's own dialogs, fonts, icon."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QIcon
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
    else:
        font = with_chinese_family(font)
    if font.pointSizeF() < 10.5:
        font.setPointSizeF(10.5)
    app.setFont(font)


CHINESE_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                    "Droid Sans Fallback")


def with_chinese_family(font: QFont) -> QFont:
    """The font with an installed Chinese family right after its own, when its own has no Chinese (a
    system not set up for Chinese: DejaVu Sans). Otherwise Qt looks for a fallback font character by
    character each time a text is laid out, which made repainting the findings twice as slow."""
    db = QFontDatabase
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    if chinese in db.writingSystems(QFontInfo(font).family()):
        return font
    extra = next((f for f in CHINESE_FAMILIES if db.hasFamily(f) and chinese in db.writingSystems(f)), None)
    if extra is None:
        return font
    font = QFont(font)
    font.setFamilies([*font.families(), extra])
    return font


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
