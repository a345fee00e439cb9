"""The start page: what a clerk can do when no report is open (first start), or from 文件 → 开始页.

新建本年度报告 proposes the year being reported (from July on this year, before July last year: the
report is due by the end of January). 以上一年度报告为基础 stays hidden until the import is wired in
with `offer_from_last_year(slot)`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from . import names


def proposed_year(today: datetime.date | None = None) -> int:
    """The report year a clerk most likely starts now: this year from July on, else last year."""
    today = today or datetime.date.today()
    return today.year if today.month >= 7 else today.year - 1


class StartPage(QWidget):
    new_requested = Signal(int)  # the proposed year
    open_requested = Signal()
    recent_requested = Signal(str)
    sample_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(names.START_PAGE)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        col = QVBoxLayout()
        outer.addLayout(col, 3)
        outer.addStretch(1)
        col.addStretch(1)
        title = QLabel(APP_NAME)
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.8)
        f.setBold(True)
        title.setFont(f)
        col.addWidget(title)
        sub = QLabel("填写、检查和导出政府信息公开工作年度报告")
        sub.setStyleSheet("color: #555;")
        col.addWidget(sub)
        col.addSpacing(12)
        self.year = proposed_year()
        self.new_button = self._link(col, names.START_NEW, f"新建{self.year}年度报告",
                                     "选择机关名称，按年度自动使用正确的报告格式",
                                     lambda: self.new_requested.emit(self.year))
        self.from_last_year = self._link(col, names.START_FROM_LAST_YEAR, "以上一年度报告为基础（导入…）",
                                         "读入去年的Word或网页报告，结转数和上年数字自动带入", None)
        self.from_last_year.hide()
        self.open_button = self._link(col, names.START_OPEN, "打开已有草稿…", "继续填写已保存的 .nianbao 草稿",
                                      self.open_requested.emit)
        self.sample_button = self._link(col, names.START_SAMPLE, "查看示例报告",
                                        "一份填好的示例（不会改动示例文件），看看报告应当怎样写",
                                        self.sample_requested.emit)
        col.addSpacing(8)
        self.recent_label = QLabel("最近打开：")
        self.recent_label.setStyleSheet("font-weight: bold;")
        col.addWidget(self.recent_label)
        self.recent = QListWidget()
        self.recent.setObjectName(names.START_RECENT)
        self.recent.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent.setMaximumHeight(170)
        self.recent.itemActivated.connect(self._recent_chosen)
        self.recent.itemClicked.connect(self._recent_chosen)
        col.addWidget(self.recent)
        self.back_button = QPushButton("返回当前报告")
        self.back_button.setObjectName(names.START_BACK)
        self.back_button.clicked.connect(self.back_requested.emit)
        col.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        col.addStretch(2)

    def _link(self, layout, name: str, text: str, description: str, slot) -> QCommandLinkButton:
        b = QCommandLinkButton(text, description)
        b.setObjectName(name)
        if slot is not None:
            b.clicked.connect(lambda _c=False: slot())
        layout.addWidget(b)
        return b

    def offer_from_last_year(self, slot) -> None:
        """Show 以上一年度报告为基础 and let `slot()` do it (the importer's dialog)."""
        self.from_last_year.clicked.connect(lambda _c=False: slot())
        self.from_last_year.show()

    def set_recent(self, files: list[str]) -> None:
        self.recent.clear()
        for f in files:
            p = Path(f)
            item = QListWidgetItem(f"{p.name}　—　{p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, f)
            item.setToolTip(f)
            if not p.is_file():
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setText(item.text() + "（找不到）")
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(files))
        self.recent.setVisible(bool(files))

    def set_can_go_back(self, can: bool) -> None:
        self.back_button.setVisible(can)

    def _recent_chosen(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.recent_requested.emit(path)
