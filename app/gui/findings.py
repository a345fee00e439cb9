"""The findings panel: what the checks found, grouped by table, each entry leading to its cell."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem

from ..checks import Finding, Severity
from . import names

ROLE_FINDING = Qt.ItemDataRole.UserRole + 10
TEXT_GROUP = "text"


@dataclass(frozen=True)
class _Group:
    """One line of the panel per table (and one for the text) with what is listed under it."""

    key: str  # table id or TEXT_GROUP
    title: str
    errors: int
    warnings: int
    listed: tuple[Finding, ...]  # one line each
    missing: tuple[Finding, ...]  # the cells not filled in: under one line of their own (text: listed)


def _groups(findings: list[Finding], fmt) -> list[_Group]:
    by_key: dict[str, list[Finding]] = {}
    for f in findings:
        by_key.setdefault(TEXT_GROUP if f.table is None else f.table, []).append(f)
    out = []
    for key, title in [(t.id, f"{t.name}　{t.title}") for t in fmt.tables] + [(TEXT_GROUP, "正文")]:
        fs = by_key.get(key)
        if not fs:
            continue
        missing = tuple(f for f in fs if f.severity is Severity.MISSING)
        listed = tuple(f for f in fs if f.severity is not Severity.MISSING or key == TEXT_GROUP)
        out.append(_Group(key, title, sum(f.severity is Severity.ERROR for f in fs),
                          sum(f.severity is Severity.WARNING for f in fs), listed, missing))
    return out


class FindingsPanel(QTreeWidget):
    """Errors and warnings one by one; the cells still empty as one expandable line per table."""

    finding_activated = Signal(object)  # a Finding

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName(names.FINDINGS_PANEL)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setIndentation(18)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self._expanded: set[str] = set()
        self._known: set[str] = set()
        self._shown: tuple[list[Finding], object] | None = None  # what the panel shows now
        self._groups: list[_Group] = []  # and how it is grouped, in the order shown
        self._unfilled: dict[int, tuple[QTreeWidgetItem, tuple[Finding, ...]]] = {}  # lines of closed holders
        self.itemExpanded.connect(self._fill_missing)
        st = self.style()
        self.icons = {
            Severity.ERROR: st.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: st.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            Severity.MISSING: st.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        self.ok_icon = st.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)

    def set_findings(self, findings: list[Finding], fmt) -> None:
        # Most edits leave the findings as they were: then the panel (and the clerk's place in it) stays.
        if self._shown is not None and self._shown[1] is fmt and self._shown[0] == findings:
            return
        self._shown = (list(findings), fmt)
        # Remember which groups the clerk opened or closed, so typing does not reshuffle the panel.
        for i in range(self.topLevelItemCount()):
            self._walk_expanded(self.topLevelItem(i))
        groups = _groups(findings, fmt)
        if groups and [g.key for g in groups] == [g.key for g in self._groups]:
            # The same groups: only those whose findings changed are filled again (a cell edit changes one
            # table's), the others keep their items and are neither laid out nor painted again.
            for i, (old, new) in enumerate(zip(self._groups, groups, strict=True)):
                if old != new:
                    gone = self.takeTopLevelItem(i)
                    for j in range(gone.childCount()):
                        self._unfilled.pop(id(gone.child(j)), None)
                    top = QTreeWidgetItem()
                    self.insertTopLevelItem(i, top)
                    self._fill(top, new)
        else:
            self.clear()
            self._unfilled.clear()
            for g in groups:
                top = QTreeWidgetItem()
                self.addTopLevelItem(top)
                self._fill(top, g)
            if not groups:
                item = QTreeWidgetItem(["没有发现问题：表格已填完，数字相互吻合。"])
                item.setIcon(0, self.ok_icon)
                self.addTopLevelItem(item)
        self._groups = groups

    def _fill(self, top: QTreeWidgetItem, g: _Group) -> None:
        """One group's line and the lines under it."""
        counts = []
        if g.errors:
            counts.append(f"{g.errors} 处错误")
        if g.warnings:
            counts.append(f"{g.warnings} 处提醒")
        if g.missing:
            counts.append(f"{len(g.missing)} 格未填" if g.key != TEXT_GROUP else f"{len(g.missing)} 处未填")
        top.setText(0, f"{g.title}（{'，'.join(counts)}）")
        top.setData(0, Qt.ItemDataRole.UserRole, g.key)
        worst = Severity.ERROR if g.errors else Severity.WARNING if g.warnings else Severity.MISSING
        top.setIcon(0, self.icons[worst])
        f0 = top.font(0)
        f0.setBold(True)
        top.setFont(0, f0)
        for f in g.listed:
            self._add(top, f)
        if g.missing and g.key != TEXT_GROUP:
            holder = QTreeWidgetItem([f"还有 {len(g.missing)} 格未填写（没有的请填 0），点击转到第一格"])
            holder.setIcon(0, self.icons[Severity.MISSING])
            holder.setData(0, ROLE_FINDING, g.missing[0])
            holder.setData(0, Qt.ItemDataRole.UserRole, f"{g.key}:missing")
            top.addChild(holder)
            # Its lines (a new report: hundreds) are made when it is opened, not on every edit.
            self._unfilled[id(holder)] = (holder, g.missing)
            holder.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            if f"{g.key}:missing" in self._expanded:
                self._fill_missing(holder)
                holder.setExpanded(True)
        top.setExpanded(g.key in self._expanded or (g.key not in self._known and (g.errors or g.warnings or
                                                                                     g.key == TEXT_GROUP)))
        self._known.add(g.key)

    def _fill_missing(self, holder: QTreeWidgetItem) -> None:
        entry = self._unfilled.pop(id(holder), None)
        if entry is not None and entry[0] is holder:
            for f in entry[1]:
                self._add(holder, f)

    def _walk_expanded(self, it: QTreeWidgetItem) -> None:
        key = it.data(0, Qt.ItemDataRole.UserRole)
        if key:
            (self._expanded.add if it.isExpanded() else self._expanded.discard)(key)
            self._known.add(key.split(":")[0])
        for i in range(it.childCount()):
            self._walk_expanded(it.child(i))

    def _add(self, parent: QTreeWidgetItem, f: Finding) -> None:
        item = QTreeWidgetItem([f"{f.severity.chinese}：{f.message}"])
        item.setIcon(0, self.icons[f.severity])
        item.setToolTip(0, f.message)
        item.setData(0, ROLE_FINDING, f)
        parent.addChild(item)

    def items(self) -> list[QTreeWidgetItem]:
        """Every line, the not yet opened lists of missing cells included."""
        for holder, _missing in list(self._unfilled.values()):
            self._fill_missing(holder)
        out = []

        def walk(it):
            out.append(it)
            for i in range(it.childCount()):
                walk(it.child(i))

        for i in range(self.topLevelItemCount()):
            walk(self.topLevelItem(i))
        return out

    def item_for(self, finding: Finding) -> QTreeWidgetItem | None:
        for it in self.items():
            if it.data(0, ROLE_FINDING) == finding and it.childCount() == 0:
                return it
        return None

    def _clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        f = item.data(0, ROLE_FINDING)
        if f is not None:
            self.finding_activated.emit(f)
