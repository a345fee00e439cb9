"""Qt's own dialogs fully in Chinese: qtbase_zh_CN.qm from Qt's translations, plus the few strings that
catalogue lacks (QFileDialog's 「查找范围」「文件类型」 labels carry a mnemonic the catalogue does not
have, the file type 「文件夹」 …), installed last so that it is asked first."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..paths import resource

MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Computer"): "计算机",
    ("QFileDialog", "Alias for %1"): "%1 的别名",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QFileSystemModel", "Folder"): "文件夹",
    ("QFileIconProvider", "Folder"): "文件夹",
}


class Supplement(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        return MISSING.get((context, source))  # None: "not mine", the next catalogue answers

    def isEmpty(self) -> bool:
        return False


def install(app: QApplication) -> list[QTranslator]:
    """Qt's own buttons and dialogs (文件对话框, 确定/取消, 右键菜单) in Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(resource("translations"))]
    installed: list[QTranslator] = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        for folder in folders:
            t = QTranslator(app)
            if t.load(name, folder):
                app.installTranslator(t)
                installed.append(t)
                break
    extra = Supplement(app)
    app.installTranslator(extra)
    installed.append(extra)
    app._nianbao_translators = installed  # keep them alive
    return installed
