"""The window's pages, one per part of the report, in the order of the tabs.

Every page is built from the document (and the binder that ties its editors to the document's fields);
pages are rebuilt when the document gets a new draft, since the format decides the grids. A tab holds a
PageSlot, and its page is built the first time it is needed (shown, searched, pointed at by a finding):
opening a report builds the page the clerk sees, not all eight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QVBoxLayout, QWidget

from .. import names
from ..document import ReportDocument
from .base import Binder
from .basic import BasicPage
from .overview import OverviewPage
from .table import TablePage
from .text import other_page, preamble_page, problems_page


@dataclass(frozen=True)
class Tab:
    object_name: str
    title: str
    section: str  # "basic", "preamble" or the format's section id
    build: Callable[[ReportDocument, Binder], QWidget]


def _table(section_id: str):
    return lambda doc, binder: TablePage(doc, binder, section_id)


TABS = (
    Tab(names.TAB_BASIC, "基本信息", "basic", BasicPage),
    Tab(names.TAB_PREAMBLE, "导语", "preamble", preamble_page),
    Tab(names.TAB_OVERVIEW, "一、总体情况", "overview", OverviewPage),
    Tab(names.TAB_ACTIVE, "二、主动公开", "active", _table("active")),
    Tab(names.TAB_APPLICATIONS, "三、依申请公开", "applications", _table("applications")),
    Tab(names.TAB_REVIEW, "四、复议诉讼", "review", _table("review")),
    Tab(names.TAB_PROBLEMS, "五、问题及改进", "problems", problems_page),
    Tab(names.TAB_OTHER, "六、其他事项", "other", other_page),
)
SECTION_TAB = {t.section: i for i, t in enumerate(TABS)}


class PageSlot(QWidget):
    """A tab's place, named as its page; `ensure()` builds the page into it the first time."""

    def __init__(self, tab: Tab, build: Callable[[Tab], QWidget]):
        super().__init__()
        self.setObjectName(tab.object_name)
        self.tab = tab
        self.page: QWidget | None = None
        self._build = build
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.page is None:
            self.page = self._build(self.tab)
            self.layout().addWidget(self.page)
            self.page.show()  # at once: a layout shows a child added to a visible parent only later
        return self.page


def table_tab(fmt, table_id: str) -> int:
    """The tab of a table: the tab of the section the format definition prints it in."""
    return SECTION_TAB[next(s.id for s in fmt.sections if s.table == table_id)]


__all__ = ["TABS", "SECTION_TAB", "Binder", "PageSlot", "TablePage", "table_tab"]
