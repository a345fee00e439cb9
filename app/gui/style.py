"""Colours of the grids, in one place. Errors and warnings are also marked by an icon and a border."""

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

INPUT_BG = QColor("#ffffff")
COMPUTED_BG = QColor("#fff4cc")  # totals: computed, read-only
LABEL_BG = QColor("#f4f6f8")
HEADER_BG = QColor("#e3eaf2")
TITLE_BG = QColor("#d2dded")
ERROR_BG = QColor("#ffd4d4")
ERROR_BORDER = QColor("#d0021b")
WARNING_BG = QColor("#ffe8bf")
WARNING_BORDER = QColor("#e08a00")
GRID_LINE = QColor("#9aa7b5")


def icon(severity: str) -> QIcon:
    """The icon that marks a cell with an error or a warning (so colour is not the only mark)."""
    pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical if severity == "error" else (
        QStyle.StandardPixmap.SP_MessageBoxWarning)
    return QApplication.style().standardIcon(pixmap)
