"""The window's pages, one per part of the report, in the order of the tabs.

Every page is built from the document (and the binder that ties its editors to the document's fields);
pages are rebuilt when the document gets a new draft, since the format decides the grids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

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


def table_tab(fmt, table_id: str) -> int:
    """The tab of a table: the tab of the section the format definition prints it in."""
    return SECTION_TAB[next(s.id for s in fmt.sections if s.table == table_id)]


__all__ = ["TABS", "SECTION_TAB", "Binder", "TablePage", "table_tab"]
