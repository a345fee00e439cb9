"""基本信息: the agency, the year and format (fixed when the report is created), the title lines."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from .. import names
from ..document import ReportDocument
from ..editors import LineEditor, TextEditor
from .base import Binder, heading, hint


class BasicPage(QWidget):
    def __init__(self, doc: ReportDocument, binder: Binder):
        super().__init__()
        d = doc.draft
        lay = QVBoxLayout(self)
        lay.addWidget(heading("基本信息"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        agency = LineEditor(names.LINE_AGENCY, "例如：某某县人民政府办公室")
        binder.bind("agency", agency)
        form.addRow("机关名称：", agency)
        year = QLabel(f"{d.year} 年度")
        year.setObjectName(names.LABEL_YEAR)
        form.addRow("报告年度：", year)
        fmt = QLabel(f"{d.format.name}（{d.format.document}）")
        fmt.setObjectName(names.LABEL_FORMAT)
        fmt.setWordWrap(True)
        form.addRow("报告格式：", fmt)
        titles = TextEditor(names.TEXT_TITLE_LINES, "每行一行标题")
        titles.setMaximumHeight(110)
        binder.bind("title_lines", titles)
        form.addRow("报告标题：", titles)
        lay.addLayout(form)
        lay.addWidget(hint(
            "报告年度和格式在新建报告时确定：2019、2020年度用2019年试行格式（国办公开办函〔2019〕60号），"
            "2021年度起用2021年格式（国办公开办函〔2021〕30号）。要换年度，请用「新建」。\n"
            "标题通常分两行：第一行机关名称，第二行「××××年政府信息公开工作年度报告」。"))
        if d.format.notes:
            lay.addWidget(hint("说明：" + " ".join(d.format.notes)))
        lay.addStretch(1)
