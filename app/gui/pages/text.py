"""A page with one text of the report: 导语, 五、存在的主要问题及改进情况, 六、其他需要报告的事项."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .. import names
from ..document import ReportDocument
from ..editors import LineEditor, TextEditor
from .base import Binder, heading, hint


class TextPage(QWidget):
    def __init__(self, doc: ReportDocument, binder: Binder, key: str, object_name: str, title: str,
                 hint_text: str, placeholder: str):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.addWidget(heading(title))
        lay.addWidget(hint(hint_text))
        self.editor = TextEditor(object_name, placeholder)
        binder.bind(key, self.editor)
        lay.addWidget(self.editor, 1)


def preamble_page(doc: ReportDocument, binder: Binder) -> QWidget:
    return TextPage(
        doc, binder, "preamble", names.TEXT_PREAMBLE, "导语（正文前的说明）",
        "写在「一、总体情况」之前：编制依据、统计期限（1月1日至12月31日）、报告的网上下载地址、"
        "联系地址和电话。", "例如：本报告根据《中华人民共和国政府信息公开条例》规定编制……")


def problems_page(doc: ReportDocument, binder: Binder) -> QWidget:
    return TextPage(
        doc, binder, "problems.text", names.TEXT_PROBLEMS, "五、存在的主要问题及改进情况",
        "先写本年度工作中存在的主要问题，再写改进措施（可写上一年度问题的整改情况）。",
        "例如：一是……二是……。下一步，我们将……")


def other_page(doc: ReportDocument, binder: Binder) -> QWidget:
    d = doc.draft
    text = "其他需要报告的事项；没有的写「无」或「本年度无其他需要报告的事项。」"
    if d.format.fee_row:
        text += "\n2021年格式要求在这里说明信息处理费的收取情况（国办函〔2020〕109号），没有收费的也要写明。"
    page = TextPage(doc, binder, "other.text", names.TEXT_OTHER, "六、其他需要报告的事项", text,
                    "例如：本年度无其他需要报告的事项。")
    if d.format.fee_row:
        row = QHBoxLayout()
        row.addWidget(QLabel("信息处理费："))
        fee = LineEditor(names.LINE_FEE_STATEMENT, f"例如：{d.year}年，无收取信息处理费情况。")
        binder.bind("fee_statement", fee)
        row.addWidget(fee, 1)
        page.layout().insertLayout(2, row)
    return page
