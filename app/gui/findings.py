"""The findings panel: what the checks found, grouped by table, each entry leading to its cell."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem

from ..checks import Finding, Severity
from . import names

ROLE_FINDING = Qt.ItemDataRole.UserRole + 10
TEXT_GROUP = "text"


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
            it = self.topLevelItem(i)
            self._walk_expanded(it)
        # (No setUpdatesEnabled(False/True) around this: the items are laid out and painted later, once, and
        # re-enabling updates would repaint the whole panel and every widget under it, window included.)
        self.clear()
        groups: list[tuple[str, str, list[Finding]]] = [
            (t.id, f"{t.name}　{t.title}", [f for f in findings if f.table == t.id]) for t in fmt.tables
        ]
        groups.append((TEXT_GROUP, "正文", [f for f in findings if f.table is None]))
        any_item = False
        for key, title, fs in groups:
            if not fs:
                continue
            any_item = True
            errors = sum(f.severity is Severity.ERROR for f in fs)
            warnings = sum(f.severity is Severity.WARNING for f in fs)
            missing = [f for f in fs if f.severity is Severity.MISSING]
            counts = []
            if errors:
                counts.append(f"{errors} 处错误")
            if warnings:
                counts.append(f"{warnings} 处提醒")
            if missing:
                counts.append(f"{len(missing)} 格未填" if key != TEXT_GROUP else f"{len(missing)} 处未填")
            top = QTreeWidgetItem([f"{title}（{'，'.join(counts)}）"])
            top.setData(0, Qt.ItemDataRole.UserRole, key)
            worst = Severity.ERROR if errors else Severity.WARNING if warnings else Severity.MISSING
            top.setIcon(0, self.icons[worst])
            f0 = top.font(0)
            f0.setBold(True)
            top.setFont(0, f0)
            self.addTopLevelItem(top)
            for f in fs:
                if f.severity is Severity.MISSING and key != TEXT_GROUP:
                    continue
                self._add(top, f)
            if missing and key != TEXT_GROUP:
                holder = QTreeWidgetItem([f"还有 {len(missing)} 格未填写（没有的请填 0），点击转到第一格"])
                holder.setIcon(0, self.icons[Severity.MISSING])
                holder.setData(0, ROLE_FINDING, missing[0])
                holder.setData(0, Qt.ItemDataRole.UserRole, f"{key}:missing")
                top.addChild(holder)
                for f in missing:
                    self._add(holder, f)
                holder.setExpanded(f"{key}:missing" in self._expanded)
            top.setExpanded(key in self._expanded or (key not in self._known and (errors or warnings or
                                                                                   key == TEXT_GROUP)))
            self._known.add(key)
        if not any_item:
            item = QTreeWidgetItem(["没有发现问题：表格已填完，数字相互吻合。"])
            item.setIcon(0, self.ok_icon)
            self.addTopLevelItem(item)

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
