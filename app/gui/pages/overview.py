"""一、总体情况: an opening paragraph and the sub-parts （一）…（五）, each with its heading, and word counts."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from .. import names
from ..document import ReportDocument
from ..editors import LineEditor, TextEditor
from ..fields import chars, numeral, overview_part_count
from .base import Binder, heading, hint

LONG = 1000  # characters: some places ask for about this much


class OverviewPage(QWidget):
    def __init__(self, doc: ReportDocument, binder: Binder):
        super().__init__()
        self.doc = doc
        std = doc.draft.format.section("overview").parts
        olay = QVBoxLayout(self)
        olay.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        olay.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        lay = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(heading("一、总体情况"))
        top.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName(names.OVERVIEW_COUNT)
        top.addWidget(self.count)
        lay.addLayout(top)
        lay.addWidget(hint(
            "概述全年工作，通常分五个方面：（一）主动公开（二）依申请公开（三）政府信息管理（四）平台建设"
            "（五）监督保障。要写具体做法和数字，不要照搬去年的报告。"))
        intro = TextEditor(names.TEXT_OVERVIEW_INTRO, "开头一段：全年工作的总体概况（可选）")
        intro.setMinimumHeight(90)
        intro.setMaximumHeight(120)
        binder.bind("overview.text", intro)
        lay.addWidget(intro)
        self.part_counts: list[QLabel] = []
        for i in range(overview_part_count(doc.draft)):
            n = i + 1
            row = QHBoxLayout()
            num = QLabel(f"（{numeral(i)}）")
            num.setStyleSheet("font-weight: bold;")
            row.addWidget(num)
            title = LineEditor(names.title_overview_part(n), f"小标题，例如：{std[i]}" if i < len(std) else "小标题")
            binder.bind(f"overview.part.{i}.title", title)
            row.addWidget(title, 1)
            count = QLabel()
            count.setStyleSheet("color: #555;")
            self.part_counts.append(count)
            row.addWidget(count)
            lay.addLayout(row)
            what = std[i] if i < len(std) else ""
            text = TextEditor(names.text_overview_part(n), f"（{numeral(i)}）{what}的具体内容")
            text.setMinimumHeight(120)
            binder.bind(f"overview.part.{i}.text", text)
            lay.addWidget(text)
        lay.addStretch(1)
        doc.text_changed.connect(self._text_changed)
        self.update_counts()

    def _text_changed(self, key: str) -> None:
        if key.startswith("overview.") and self.doc.draft is not None:
            self.update_counts()

    def update_counts(self) -> None:
        sec = self.doc.draft.section("overview")
        std = self.doc.draft.format.section("overview").parts
        # The clerk's text only: a sub-heading left as the template's standard one is not counted.
        parts = [chars(p.text) for p in sec.parts]
        total = chars(sec.text) + sum(parts) + sum(
            0 if i < len(std) and p.title.strip() == std[i] else chars(p.title) for i, p in enumerate(sec.parts))
        text = f"总体情况共 {total} 字"
        if total > LONG:
            text += f"（超过{LONG}字；有的地方要求控制在{LONG}字左右）"
        self.count.setText(text)
        for i, lab in enumerate(self.part_counts):
            lab.setText(f"{parts[i] if i < len(parts) else 0} 字")
