"""The window's actions (keyed by names.ACT_*), its menus and its toolbar.

To add a File-menu entry (import, export web page/PDF, print, summary), make the action with
`actions.add(...)` and put it in a group with `actions.add_to_file_menu(action, group)`:
"open" (新建/打开/最近打开, and imports), "save", "output" (导出Word and other exports, print), "tools".
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from . import names

FILE_GROUPS = ("open", "save", "output", "tools", "quit")
# Enabled also when no report is open; every other action (also those added later) needs one.
ALWAYS = {names.ACT_NEW, names.ACT_OPEN, names.ACT_START_PAGE, names.ACT_QUIT, names.ACT_HELP, names.ACT_ABOUT,
          names.ACT_FINDINGS, names.MENU_RECENT, names.ACT_IMPORT, names.ACT_NEW_FROM_LAST, names.ACT_SUMMARY,
          names.ACT_SYSTEM_FONTS}


class Actions:
    def __init__(self, window: QMainWindow):
        self.window = window
        self.by_name: dict[str, QAction] = {}
        self.file_menu: QMenu | None = None
        self.toolbar: QToolBar | None = None
        self._group_ends: dict[str, QAction] = {}  # the separator after each File-menu group
        self._undo_texts: tuple[str, str] | None = None  # what the undo/redo actions say now

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def add(self, name: str, text: str, slot: Callable[[], object], shortcut=None,
            icon: QStyle.StandardPixmap | None = None, tip: str = "") -> QAction:
        a = QAction(text, self.window)
        a.setObjectName(name)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            a.setIcon(self.window.style().standardIcon(icon))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        self.by_name[name] = a
        return a

    def add_to_file_menu(self, action: QAction | QMenu, group: str) -> None:
        """Put an action (or submenu) at the end of a File-menu group."""
        before = self._group_ends.get(group)
        if isinstance(action, QMenu):
            self.file_menu.insertMenu(before, action) if before else self.file_menu.addMenu(action)
        elif before is not None:
            self.file_menu.insertAction(before, action)
        else:
            self.file_menu.addAction(action)

    def set_has_draft(self, has: bool) -> None:
        """Without an open report (the start page) only the actions that open one stay enabled."""
        for name, a in self.by_name.items():
            if name not in ALWAYS:
                a.setEnabled(has and (name not in (names.ACT_UNDO, names.ACT_REDO) or self._can(name)))
        for a in self.file_menu.actions():
            if a.objectName() and a.objectName() not in self.by_name and a.objectName() not in ALWAYS:
                a.setEnabled(has)

    def _update_undo_enabled(self, *_args) -> None:
        if shiboken6.isValid(self.window.doc.undo_stack):  # (not while the window is being destroyed)
            self.by_name[names.ACT_UNDO].setEnabled(self._can(names.ACT_UNDO))

    def _can(self, name: str) -> bool:
        doc = self.window.doc
        if name == names.ACT_UNDO:
            return doc.undo_stack.canUndo() or doc.has_pending()
        return doc.undo_stack.canRedo()

    def add_to_toolbar(self, action: QAction, before: str = names.ACT_HELP) -> None:
        self.toolbar.insertAction(self.by_name[before], action)

    # ---- the standard set ----------------------------------------------------------------------
    def build(self, w) -> None:
        """The actions of the main window `w`, its menus and its toolbar."""
        sp = QStyle.StandardPixmap
        K = QKeySequence.StandardKey
        files, doc = w.files, w.doc
        self.add(names.ACT_NEW, "新建(&N)…", files.new_report, K.New, sp.SP_FileIcon,
                 "新建一份年度报告（选择年度和机关）")
        self.add(names.ACT_OPEN, "打开(&O)…", files.open_dialog, K.Open, sp.SP_DialogOpenButton, "打开已保存的草稿")
        self.add(names.ACT_START_PAGE, "开始页(&T)…", w.show_start_page, tip="新建、打开最近的草稿或查看示例报告")
        self.add(names.ACT_SAVE, "保存(&S)", files.save, K.Save, sp.SP_DialogSaveButton, "保存草稿")
        self.add(names.ACT_SAVE_AS, "另存为(&A)…", files.save_as, "Ctrl+Shift+S", tip="把草稿保存为另一个文件")
        self.add(names.ACT_EXPORT, "导出Word(&E)…", w.export_word, "Ctrl+E", sp.SP_ArrowRight,
                 "生成可以打印和发布的Word报告")
        undo = self.add(names.ACT_UNDO, "撤销(&U)", doc.undo, K.Undo, sp.SP_ArrowBack, "撤销上一步修改")
        redo = self.add(names.ACT_REDO, "重做(&R)", doc.redo, "Ctrl+Y", sp.SP_ArrowForward, "重做撤销的修改")
        # Ctrl+Y everywhere, and the platform's own redo keys; a key listed twice would be "ambiguous" to Qt
        # and do nothing (the platform's first redo key is often Ctrl+Y itself).
        ctrl_y = QKeySequence("Ctrl+Y")
        redo.setShortcuts([ctrl_y, *(k for k in QKeySequence.keyBindings(K.Redo) if k != ctrl_y)])
        self.add(names.ACT_CHECK, "检查(&C)", w.check, "F5", sp.SP_DialogApplyButton,
                 "检查数字是否吻合、是否有未填的内容")
        self.add(names.ACT_HELP, "使用说明(&H)", w.show_help, K.HelpContents, sp.SP_MessageBoxQuestion,
                 "怎样填写、检查和导出")
        self.add(names.ACT_ABOUT, "关于年报助手(&A)", w.about)
        self.add(names.ACT_QUIT, "退出(&X)", w.close, "Ctrl+Q")
        zin = self.add(names.ACT_ZOOM_IN, "放大表格(&I)", lambda: w.zoom(1), K.ZoomIn,
                       tip="表格的字放大一级（Ctrl+滚轮）")
        zin.setShortcuts([QKeySequence(K.ZoomIn), QKeySequence("Ctrl+=")])
        self.add(names.ACT_ZOOM_OUT, "缩小表格(&O)", lambda: w.zoom(-1), K.ZoomOut, tip="表格的字缩小一级（Ctrl+滚轮）")
        self.add(names.ACT_ZOOM_RESET, "表格原始大小(&R)", lambda: w.zoom(0), "Ctrl+0")
        self.add(names.ACT_FIND, "查找(&F)…", w.open_find, K.Find, tip="在正文和表格的行名、列名中查找（Ctrl+F）")
        nxt = self.add(names.ACT_NEXT_SECTION, "下一部分(&N)", lambda: w.step_tab(1), "Ctrl+PgDown")
        nxt.setShortcuts([QKeySequence("Ctrl+PgDown"), QKeySequence("Ctrl+Tab")])
        prev = self.add(names.ACT_PREV_SECTION, "上一部分(&P)", lambda: w.step_tab(-1), "Ctrl+PgUp")
        prev.setShortcuts([QKeySequence("Ctrl+PgUp"), QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+Backtab")])
        panel = self.add(names.ACT_FINDINGS, "检查结果面板(&P)", lambda: None, "F6", tip="显示或隐藏下方的检查结果")
        panel.setCheckable(True)
        panel.setChecked(True)
        panel.toggled.connect(w.show_findings_panel)
        undo.setEnabled(False)
        redo.setEnabled(False)
        doc.undo_stack.canUndoChanged.connect(self._update_undo_enabled)
        doc.undo_stack.canRedoChanged.connect(redo.setEnabled)
        doc.modified_changed.connect(self._update_undo_enabled)  # typed, not yet taken into the draft
        doc.undo_stack.indexChanged.connect(self.update_undo_texts)
        self.update_undo_texts()
        self._build_menus(w)
        self._build_toolbar(w)

    def update_undo_texts(self, *_args) -> None:
        stack = self.window.doc.undo_stack
        if not shiboken6.isValid(stack):
            return  # the window is being destroyed and the stack with it
        u, r = stack.undoText(), stack.redoText()
        if (u, r) == self._undo_texts:
            return  # typing on: the same step grows, the actions (and the toolbar) stay as they are
        self._undo_texts = (u, r)
        undo, redo = self.by_name[names.ACT_UNDO], self.by_name[names.ACT_REDO]
        # The menu says what will be undone (the toolbar has short twins of these actions).
        undo.setText(f"撤销：{u}" if u else "撤销(&U)")
        redo.setText(f"重做：{r}" if r else "重做(&R)")
        undo.setToolTip(f"撤销：{u}（Ctrl+Z）" if u else "撤销上一步修改（Ctrl+Z）")
        redo.setToolTip(f"重做：{r}（Ctrl+Y）" if r else "重做撤销的修改（Ctrl+Y）")

    def _build_menus(self, w) -> None:
        a = self.by_name
        mb = w.menuBar()
        m = self.file_menu = mb.addMenu("文件(&F)")
        self.recent_menu = QMenu("最近打开(&R)", w)
        self.recent_menu.setObjectName(names.MENU_RECENT)
        self.recent_menu.aboutToShow.connect(lambda: w.files.fill_recent_menu(self.recent_menu))
        groups = {
            "open": [a[names.ACT_NEW], a[names.ACT_OPEN], self.recent_menu, a[names.ACT_START_PAGE]],
            "save": [a[names.ACT_SAVE], a[names.ACT_SAVE_AS]],
            "output": [a[names.ACT_EXPORT]],
            "tools": [],
            "quit": [a[names.ACT_QUIT]],
        }
        for group in FILE_GROUPS:
            for item in groups[group]:
                m.addMenu(item) if isinstance(item, QMenu) else m.addAction(item)
            if group != FILE_GROUPS[-1]:
                self._group_ends[group] = m.addSeparator()
        e = mb.addMenu("编辑(&E)")
        e.addAction(a[names.ACT_UNDO])
        e.addAction(a[names.ACT_REDO])
        e.addSeparator()
        e.addAction(a[names.ACT_FIND])
        self.edit_menu = e
        v = mb.addMenu("视图(&V)")
        for n in (names.ACT_NEXT_SECTION, names.ACT_PREV_SECTION, None, names.ACT_ZOOM_IN, names.ACT_ZOOM_OUT,
                  names.ACT_ZOOM_RESET, None, names.ACT_FINDINGS):
            v.addSeparator() if n is None else v.addAction(a[n])
        self.view_menu = v
        c = mb.addMenu("检查(&C)")
        c.addAction(a[names.ACT_CHECK])
        self.check_menu = c
        h = mb.addMenu("帮助(&H)")
        h.addAction(a[names.ACT_HELP])
        h.addAction(a[names.ACT_ABOUT])
        self.help_menu = h

    def _build_toolbar(self, w) -> None:
        tb = self.toolbar = QToolBar("工具栏", w)
        tb.setObjectName(names.TOOLBAR)
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for n in (names.ACT_NEW, names.ACT_OPEN, names.ACT_SAVE, None, names.ACT_UNDO, names.ACT_REDO, None,
                  names.ACT_CHECK, names.ACT_EXPORT, None, names.ACT_HELP):
            if n is None:
                tb.addSeparator()
            elif n in (names.ACT_UNDO, names.ACT_REDO):
                self._add_twin(tb, self.by_name[n], "撤销" if n == names.ACT_UNDO else "重做")
            else:
                tb.addAction(self.by_name[n])
        w.addToolBar(tb)

    def _add_twin(self, tb: QToolBar, action: QAction, text: str) -> None:
        """撤销/重做 in the toolbar: an action of its own that triggers the menu's. The menu's text changes with
        every edit (it names the step), and every change of an action in a toolbar re-lays out the toolbar
        and the window; the twin stays as it is and reads its tooltip from the menu's action when shown."""
        twin = QAction(action.icon(), text, self.window)
        twin.setObjectName(f"{action.objectName()}_toolbar")
        twin.setEnabled(action.isEnabled())
        action.enabledChanged.connect(twin.setEnabled)
        twin.triggered.connect(lambda _checked=False: action.trigger())
        tb.addAction(twin)
        _ToolTipFrom(tb.widgetForAction(twin), action)


class _ToolTipFrom(QObject):
    """Gives a button the tooltip of `source` at the moment the tooltip is shown."""

    def __init__(self, button, source: QAction):
        super().__init__(button)
        self.source = source
        button.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            obj.setToolTip(self.source.toolTip())
        return False
