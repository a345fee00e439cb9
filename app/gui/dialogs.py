"""Every dialog the window opens goes through a function of this module.

Tests replace these functions (monkeypatch) so that no modal dialog ever blocks them; the window calls
them as `dialogs.ask(...)`, never by a name imported elsewhere.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..formats import FIRST_YEAR, format_for_year
from . import names

_ICONS = {
    "question": QMessageBox.Icon.Question,
    "warning": QMessageBox.Icon.Warning,
    "error": QMessageBox.Icon.Critical,
    "info": QMessageBox.Icon.Information,
}


def ask(parent: QWidget | None, title: str, text: str, choices: list[tuple[str, str]],
        default: str | None = None, icon: str = "question", details: str = "") -> str | None:
    """Ask a question with buttons `choices` ([(key, 按钮文字)]); returns the key chosen.

    The last choice is the escape button (the answer when the box is closed).
    """
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(text)
    box.setIcon(_ICONS.get(icon, QMessageBox.Icon.Question))
    if details:
        box.setInformativeText(details)
    buttons = {}
    for i, (key, label) in enumerate(choices):
        role = QMessageBox.ButtonRole.AcceptRole if i == 0 else (
            QMessageBox.ButtonRole.RejectRole if i == len(choices) - 1 else QMessageBox.ButtonRole.DestructiveRole)
        b = box.addButton(label, role)
        buttons[b] = key
        if key == default:
            box.setDefaultButton(b)
    escape = list(buttons)[-1]
    box.setEscapeButton(escape)
    box.exec()
    return buttons.get(box.clickedButton(), buttons[escape])


def inform(parent: QWidget | None, title: str, text: str, icon: str = "info") -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(text)
    box.setIcon(_ICONS.get(icon, QMessageBox.Icon.Information))
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


FILTER_DRAFT = "年报草稿 (*.nianbao);;所有文件 (*)"
FILTER_DOCX = "Word 文档 (*.docx)"


def open_path(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "打开草稿", folder, FILTER_DRAFT)
    return path or None


def save_path(parent: QWidget | None, suggested: str, title: str = "保存草稿",
              file_filter: str = FILTER_DRAFT) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


class NewReportDialog(QDialog):
    """新建: the report year (the format follows it) and the agency."""

    def __init__(self, parent: QWidget | None = None, agency: str = "", year: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("新建年度报告")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setObjectName(names.NEW_YEAR)
        self.year.setRange(FIRST_YEAR, 2100)
        # From July on the clerk prepares this year's report, before July last year's.
        today = datetime.date.today()
        self.year.setValue(year or (today.year if today.month >= 7 else today.year - 1))
        self.agency = QLineEdit(agency)
        self.agency.setObjectName(names.NEW_AGENCY)
        self.agency.setPlaceholderText("例如：某某县人民政府办公室")
        self.agency.setMinimumWidth(320)
        self.format_label = QLabel()
        self.format_label.setWordWrap(True)
        form.addRow("报告年度：", self.year)
        form.addRow("机关名称：", self.agency)
        form.addRow("适用格式：", self.format_label)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("新建", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.year.valueChanged.connect(self._update)
        self.agency.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        fmt = format_for_year(self.year.value())
        self.format_label.setText(f"{fmt.name}（{fmt.document}）")
        self.ok.setEnabled(bool(self.agency.text().strip()))


def new_report(parent: QWidget | None, agency: str = "", year: int | None = None) -> tuple[int, str] | None:
    """Ask for the year and agency of a new report; None when cancelled. `agency` is the clerk's own
    (remembered from their drafts), never a sample's."""
    dlg = NewReportDialog(parent, agency, year)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    return dlg.year.value(), dlg.agency.text().strip()


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None, html: str):
        super().__init__(parent)
        self.setObjectName(names.HELP_WINDOW)
        self.setWindowTitle("使用说明 - 年报助手")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        layout = QVBoxLayout(self)
        browser = QTextBrowser()
        browser.setOpenExternalLinks(True)
        browser.setHtml(html)
        layout.addWidget(browser)
        buttons = QDialogButtonBox()
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(760, 640)

