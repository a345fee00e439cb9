"""A page with one statutory table (sections 二 to 四): the grid and the optional text above it."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from .. import names
from ..document import ReportDocument
from ..editors import TextEditor
from ..grid_model import GridModel
from ..grid_view import GridView
from .base import Binder, heading, hint

LEGEND = ("白色格子填数字（没有的填 0）；黄色格子是自动计算的合计；红框为错误，橙色虚线框为提醒，"
          "鼠标停在格子上可看说明。回车向下、Tab 向右，可从 Excel/WPS 复制整块粘贴。")


class TablePage(QWidget):
    def __init__(self, doc: ReportDocument, binder: Binder, section_id: str):
        super().__init__()
        d = doc.draft
        sec = d.format.section(section_id)
        table = d.format.table(sec.table)
        self.table_id = table.id
        lay = QVBoxLayout(self)
        lay.addWidget(heading(sec.heading))
        # Above the grid, where the report prints it (between the heading and the table).
        note = TextEditor(names.section_note(section_id), "表格前的说明文字（可选，一般不填）")
        note.setMaximumHeight(44)
        binder.bind(f"{section_id}.text", note)
        lay.addWidget(note)
        self.model = GridModel(doc, table.id, self)
        self.view = GridView(self.model)
        self.view.setObjectName(names.grid(table.id))
        lay.addWidget(self.view, 100)
        legend = LEGEND
        if table.id == "table2" and d.format.money_unit:
            legend = f"金额单位：{d.format.money_unit}。" + legend
        lay.addWidget(hint(legend))
        lay.addStretch(1)
