"""The main window: tabs for the report's parts, the official grids, the findings panel, files and export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..checks import Finding, Severity, run_checks, summarize
from ..draft import Draft, SubPart, new_draft
from ..errors import DraftError, ExportError
from ..formats import FORMATS
from ..paths import resource, sample_draft, user_data_dir
from ..storage import DRAFT_SUFFIX, load_draft, loads, save_draft
from . import dialogs, names
from . import recovery as rec
from .commands import TextCommand
from .editors import LineEditor, TextEditor
from .findings import FindingsPanel
from .grid_model import GridModel
from .grid_view import GridView
from .settings import add_recent, app_settings, recent_files, remove_recent

RECOVERY_INTERVAL_MS = 30_000
NUMERALS = "一二三四五六七八九十"

TABS = (
    (names.TAB_BASIC, "基本信息"),
    (names.TAB_PREAMBLE, "导语"),
    (names.TAB_OVERVIEW, "一、总体情况"),
    (names.TAB_ACTIVE, "二、主动公开"),
    (names.TAB_APPLICATIONS, "三、依申请公开"),
    (names.TAB_REVIEW, "四、复议诉讼"),
    (names.TAB_PROBLEMS, "五、问题及改进"),
    (names.TAB_OTHER, "六、其他事项"),
)
SECTION_TAB = {"overview": 2, "active": 3, "applications": 4, "review": 5, "problems": 6, "other": 7}
ERROR_MARK = " ●"


@dataclass
class TextField:
    """One text field of the draft and its editor."""

    key: str
    label: str
    editor: TextEditor | LineEditor
    read: Callable[[Draft], str]
    write: Callable[[Draft, str], None]
    snap: Callable[[Draft], Any]  # what undo keeps
    put: Callable[[Draft, Any], None]  # and puts back
    group: str = ""  # fields refreshed together after an undo (section 一's parts)
    tab: int = 0


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


class MainWindow(QMainWindow):
    def __init__(self, settings=None):
        super().__init__()
        self.setObjectName(names.MAIN_WINDOW)
        self.settings = settings if settings is not None else app_settings()
        self.undo_stack = QUndoStack(self)
        self.draft: Draft | None = None
        self.path: Path | None = None
        self.untitled_name = "未命名"
        self.forced_dirty = False  # restored from a recovery copy: unsaved though nothing was undone
        self.fields: dict[str, TextField] = {}
        self.models: dict[str, GridModel] = {}
        self.views: dict[str, GridView] = {}
        self.findings: list[Finding] = []
        self._loading = False
        self._force_close = False
        self.recovery = rec.RecoverySession()
        icon = resource("icons", "nianbao.png")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self._build_actions()
        self._build_menus()
        self._build_central()
        self.summary_label = QLabel()
        self.summary_label.setObjectName(names.SUMMARY_LABEL)
        self.statusBar().addPermanentWidget(self.summary_label)

        self.undo_stack.cleanChanged.connect(self._update_title)
        self.undo_stack.indexChanged.connect(self._update_undo_texts)
        self.recovery_timer = QTimer(self)
        self.recovery_timer.setInterval(RECOVERY_INTERVAL_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.recovery_timer.start()
        self._restore_geometry()
        self._update_undo_texts()

    # ==== building ==============================================================================
    def _action(self, object_name: str, text: str, slot, shortcut=None, icon=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        a.setObjectName(object_name)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            a.setIcon(self.style().standardIcon(icon))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        K = QKeySequence.StandardKey
        self.act_new = self._action(names.ACT_NEW, "新建(&N)…", self.new_report, K.New, sp.SP_FileIcon,
                                    "新建一份年度报告（选择年度和机关）")
        self.act_open = self._action(names.ACT_OPEN, "打开(&O)…", self.open_dialog, K.Open, sp.SP_DialogOpenButton,
                                     "打开已保存的草稿")
        self.act_save = self._action(names.ACT_SAVE, "保存(&S)", self.save, K.Save, sp.SP_DialogSaveButton,
                                     "保存草稿")
        self.act_save_as = self._action(names.ACT_SAVE_AS, "另存为(&A)…", self.save_as, "Ctrl+Shift+S",
                                        tip="把草稿保存为另一个文件")
        self.act_export = self._action(names.ACT_EXPORT, "导出Word(&E)…", self.export, "Ctrl+E",
                                       sp.SP_ArrowRight, "生成可以打印和发布的Word报告")
        self.act_undo = self._action(names.ACT_UNDO, "撤销(&U)", self.undo_stack.undo, K.Undo, sp.SP_ArrowBack,
                                     "撤销上一步修改")
        self.act_redo = self._action(names.ACT_REDO, "重做(&R)", self.undo_stack.redo, "Ctrl+Y",
                                     sp.SP_ArrowForward, "重做撤销的修改")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence(K.Redo)])
        self.act_check = self._action(names.ACT_CHECK, "检查(&C)", self.check, "F5", sp.SP_DialogApplyButton,
                                      "检查数字是否吻合、是否有未填的内容")
        self.act_help = self._action(names.ACT_HELP, "使用说明(&H)", self.show_help, K.HelpContents,
                                     sp.SP_MessageBoxQuestion, "怎样填写、检查和导出")
        self.act_about = self._action(names.ACT_ABOUT, "关于年报助手(&A)", self.about)
        self.act_quit = self._action(names.ACT_QUIT, "退出(&X)", self.close, "Ctrl+Q")
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.act_undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.act_redo.setEnabled)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("文件(&F)")
        m.addAction(self.act_new)
        m.addAction(self.act_open)
        self.recent_menu = QMenu("最近打开(&R)", self)
        self.recent_menu.setObjectName(names.MENU_RECENT)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addMenu(self.recent_menu)
        m.addSeparator()
        m.addAction(self.act_save)
        m.addAction(self.act_save_as)
        m.addSeparator()
        m.addAction(self.act_export)
        m.addSeparator()
        m.addAction(self.act_quit)
        e = mb.addMenu("编辑(&E)")
        e.addAction(self.act_undo)
        e.addAction(self.act_redo)
        c = mb.addMenu("检查(&C)")
        c.addAction(self.act_check)
        h = mb.addMenu("帮助(&H)")
        h.addAction(self.act_help)
        h.addAction(self.act_about)

        tb = QToolBar("工具栏", self)
        tb.setObjectName(names.TOOLBAR)
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.act_new, self.act_open, self.act_save, None, self.act_undo, self.act_redo, None,
                  self.act_check, self.act_export, None, self.act_help):
            if a is None:
                tb.addSeparator()
            else:
                tb.addAction(a)
        self.addToolBar(tb)

    def _build_central(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName(names.TABS)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.panel = FindingsPanel()
        self.panel.finding_activated.connect(self.go_to_finding)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(6, 2, 6, 2)
        head = QLabel("检查结果（点击一条可转到对应的格子或段落）")
        head.setStyleSheet("font-weight: bold;")
        lay.addWidget(head)
        lay.addWidget(self.panel)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

    def _restore_geometry(self) -> None:
        geo = self.settings.value("geometry")
        if geo is not None and self.restoreGeometry(geo):
            pass
        else:
            self.resize(1400, 900)
        state = self.settings.value("splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([740, 130])

    # ---- pages ---------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        """(Re)build every tab for the current draft: its format decides the grids."""
        current = max(self.tabs.currentIndex(), 0)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            w = self.tabs.widget(0)
            self.tabs.removeTab(0)
            w.deleteLater()
        self.fields.clear()
        self.models.clear()
        self.views.clear()
        builders = (self._page_basic, self._page_preamble, self._page_overview, lambda: self._page_table("active"),
                    lambda: self._page_table("applications"), lambda: self._page_table("review"),
                    self._page_problems, self._page_other)
        for (obj, title), build in zip(TABS, builders, strict=True):
            page = build()
            page.setObjectName(obj)
            self.tabs.addTab(page, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)

    def _field(self, key: str, label: str, editor, read, write, tab: int, snap=None, put=None, group="") -> None:
        f = TextField(key, label, editor, read, write, snap or read, put or write, group, tab)
        self.fields[key] = f
        editor.show_value(read(self.draft))
        signal = editor.textChanged
        signal.connect(lambda *_: self._text_edited(key))

    def _hint(self, text: str) -> QLabel:
        lab = QLabel(text)
        lab.setWordWrap(True)
        lab.setStyleSheet("color: #555;")
        return lab

    def _heading(self, text: str) -> QLabel:
        lab = QLabel(text)
        f = lab.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        f.setBold(True)
        lab.setFont(f)
        return lab

    def _page_basic(self) -> QWidget:
        d = self.draft
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(self._heading("基本信息"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        agency = LineEditor(names.LINE_AGENCY, "例如：某某县人民政府办公室")
        self._field("agency", "机关名称", agency, lambda d: d.agency, lambda d, v: setattr(d, "agency", v), 0)
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
        self._field("title_lines", "标题", titles, lambda d: "\n".join(d.title_lines), _write_title_lines, 0)
        form.addRow("报告标题：", titles)
        lay.addLayout(form)
        lay.addWidget(self._hint(
            "报告年度和格式在新建报告时确定：2019、2020年度用2019年试行格式（国办公开办函〔2019〕60号），"
            "2021年度起用2021年格式（国办公开办函〔2021〕30号）。要换年度，请用「新建」。\n"
            "标题通常分两行：第一行机关名称，第二行「××××年政府信息公开工作年度报告」。"))
        if d.format.notes:
            lay.addWidget(self._hint("说明：" + " ".join(d.format.notes)))
        lay.addStretch(1)
        return page

    def _page_text(self, key: str, label: str, obj: str, heading: str, hint: str, placeholder: str,
                   tab: int, read, write) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(self._heading(heading))
        lay.addWidget(self._hint(hint))
        ed = TextEditor(obj, placeholder)
        self._field(key, label, ed, read, write, tab)
        lay.addWidget(ed, 1)
        return page

    def _page_preamble(self) -> QWidget:
        return self._page_text(
            "preamble", "导语", names.TEXT_PREAMBLE, "导语（正文前的说明）",
            "写在「一、总体情况」之前：编制依据、统计期限（1月1日至12月31日）、报告的网上下载地址、"
            "联系地址和电话。", "例如：本报告根据《中华人民共和国政府信息公开条例》规定编制……", 1,
            lambda d: d.preamble, lambda d, v: setattr(d, "preamble", v))

    def _page_overview(self) -> QWidget:
        d = self.draft
        section = d.section("overview")
        std = d.format.section("overview").parts
        outer = QWidget()
        olay = QVBoxLayout(outer)
        olay.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        olay.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        lay = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(self._heading("一、总体情况"))
        top.addStretch(1)
        self.overview_count = QLabel()
        self.overview_count.setObjectName(names.OVERVIEW_COUNT)
        top.addWidget(self.overview_count)
        lay.addLayout(top)
        lay.addWidget(self._hint(
            "概述全年工作，通常分五个方面：（一）主动公开（二）依申请公开（三）政府信息管理（四）平台建设"
            "（五）监督保障。要写具体做法和数字，不要照搬去年的报告。"))
        snap = _snap_overview
        put = _put_overview
        intro = TextEditor(names.TEXT_OVERVIEW_INTRO, "开头一段：全年工作的总体概况（可选）")
        intro.setMinimumHeight(90)
        intro.setMaximumHeight(120)
        self._field("overview.text", "总体情况", intro, lambda d: d.section("overview").text,
                    lambda d, v: setattr(d.section("overview"), "text", v), 2, snap, put, "overview")
        lay.addWidget(intro)
        self.part_counts: list[QLabel] = []
        for i in range(max(len(std), len(section.parts))):
            n = i + 1
            row = QHBoxLayout()
            num = QLabel(f"（{NUMERALS[i] if i < len(NUMERALS) else n}）")
            num.setStyleSheet("font-weight: bold;")
            row.addWidget(num)
            title = LineEditor(names.title_overview_part(n),
                               f"小标题，例如：{std[i]}" if i < len(std) else "小标题")
            self._field(f"overview.part.{i}.title", f"（{NUMERALS[i]}）的小标题", title,
                        _part_reader(i, "title"), _part_writer(i, "title"), 2, snap, put, "overview")
            row.addWidget(title, 1)
            count = QLabel()
            count.setStyleSheet("color: #555;")
            self.part_counts.append(count)
            row.addWidget(count)
            lay.addLayout(row)
            what = std[i] if i < len(std) else ""
            text = TextEditor(names.text_overview_part(n), f"（{NUMERALS[i]}）{what}的具体内容")
            text.setMinimumHeight(120)
            self._field(f"overview.part.{i}.text", f"（{NUMERALS[i]}）的内容", text,
                        _part_reader(i, "text"), _part_writer(i, "text"), 2, snap, put, "overview")
            lay.addWidget(text)
        lay.addStretch(1)
        return outer

    def _page_table(self, section_id: str) -> QWidget:
        d = self.draft
        sec = d.format.section(section_id)
        table = d.format.table(sec.table)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(self._heading(sec.heading))
        note = TextEditor(names.section_note(section_id), "表格前的说明文字（可选，一般不填）")
        note.setMaximumHeight(44)
        self._field(f"{section_id}.text", f"{sec.heading}的说明", note, lambda d: d.section(section_id).text,
                    lambda d, v: setattr(d.section(section_id), "text", v), SECTION_TAB[section_id])
        model = GridModel(d, table.id, self.undo_stack, self)
        view = GridView(model)
        view.setObjectName(names.grid(table.id))
        view.refused.connect(self._refused)
        view.message.connect(lambda m: self.statusBar().showMessage(m, 6000))
        model.edited.connect(self.refresh)
        model.reveal.connect(lambda r, c, tid=table.id: self._reveal_cell(tid, r, c))
        self.models[table.id] = model
        self.views[table.id] = view
        lay.addWidget(view, 100)
        legend = ("白色格子填数字（没有的填 0）；黄色格子是自动计算的合计；红框为错误，橙色虚线框为提醒，"
                  "鼠标停在格子上可看说明。回车向下、Tab 向右，可从 Excel/WPS 复制整块粘贴。")
        if table.id == "table2" and d.format.money_unit:
            legend = f"金额单位：{d.format.money_unit}。" + legend
        lay.addWidget(self._hint(legend))
        lay.addStretch(1)
        lay.addWidget(note)
        return page

    def _page_problems(self) -> QWidget:
        return self._page_text(
            "problems.text", "存在的主要问题及改进情况", names.TEXT_PROBLEMS, "五、存在的主要问题及改进情况",
            "先写本年度工作中存在的主要问题，再写改进措施（可写上一年度问题的整改情况）。",
            "例如：一是……二是……。下一步，我们将……", 6,
            lambda d: d.section("problems").text, lambda d, v: setattr(d.section("problems"), "text", v))

    def _page_other(self) -> QWidget:
        d = self.draft
        hint = "其他需要报告的事项；没有的写「无」或「本年度无其他需要报告的事项。」"
        if d.format.fee_row:
            hint += "\n2021年格式要求在这里说明信息处理费的收取情况（国办函〔2020〕109号），没有收费的也要写明。"
        page = self._page_text(
            "other.text", "其他需要报告的事项", names.TEXT_OTHER, "六、其他需要报告的事项", hint,
            "例如：本年度无其他需要报告的事项。", 7,
            lambda d: d.section("other").text, lambda d, v: setattr(d.section("other"), "text", v))
        if d.format.fee_row:
            row = QHBoxLayout()
            row.addWidget(QLabel("信息处理费："))
            fee = LineEditor(names.LINE_FEE_STATEMENT, f"例如：{d.year}年，无收取信息处理费情况。")
            self._field("fee_statement", "信息处理费说明", fee, lambda d: d.fee_statement,
                        lambda d, v: setattr(d, "fee_statement", v), 7)
            row.addWidget(fee, 1)
            page.layout().insertLayout(2, row)
        return page

    # ==== the draft =============================================================================
    def set_draft(self, draft: Draft, path: Path | None, untitled_name: str = "未命名", dirty: bool = False) -> None:
        self._loading = True
        try:
            self.draft = draft
            self.path = Path(path) if path else None
            self.untitled_name = untitled_name
            self.undo_stack.clear()
            self.undo_stack.setClean()
            self.forced_dirty = dirty
            self._build_pages()
        finally:
            self._loading = False
        self.refresh()
        self._update_title()

    def is_modified(self) -> bool:
        return self.forced_dirty or not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.path.name if self.path else self.untitled_name

    def _update_title(self, *_args) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] - {APP_NAME}")
        self.setWindowModified(self.is_modified())

    def _update_undo_texts(self, *_args) -> None:
        u, r = self.undo_stack.undoText(), self.undo_stack.redoText()
        # The menu says what will be undone; the toolbar button stays short.
        self.act_undo.setText(f"撤销：{u}" if u else "撤销(&U)")
        self.act_redo.setText(f"重做：{r}" if r else "重做(&R)")
        self.act_undo.setIconText("撤销")
        self.act_redo.setIconText("重做")
        self.act_undo.setToolTip(f"撤销：{u}（Ctrl+Z）" if u else "撤销上一步修改（Ctrl+Z）")
        self.act_redo.setToolTip(f"重做：{r}（Ctrl+Y）" if r else "重做撤销的修改（Ctrl+Y）")
        self._update_title()

    def _text_edited(self, key: str) -> None:
        if self._loading or self.draft is None:
            return
        f = self.fields[key]
        old = f.snap(self.draft)
        f.write(self.draft, f.editor.value())
        new = f.snap(self.draft)
        if old == new:
            return
        self.undo_stack.push(TextCommand(key, f.label, old, new, self._restore_field))
        self.refresh()

    def _restore_field(self, key: str, value: Any) -> None:
        f = self.fields.get(key)
        if f is None or self.draft is None:
            return
        f.put(self.draft, value)
        self._loading = True
        try:
            for g in self.fields.values():
                if g is f or (f.group and g.group == f.group):
                    g.editor.show_value(g.read(self.draft))
        finally:
            self._loading = False
        self.tabs.setCurrentIndex(f.tab)
        f.editor.setFocus()
        self.refresh()

    def _reveal_cell(self, table_id: str, row_id: str, col_id: str) -> None:
        self.tabs.setCurrentIndex(self.table_tab(table_id))
        self.views[table_id].select_ref(row_id, col_id)

    def refresh(self) -> None:
        """Re-run the checks and show their results everywhere (grids, panel, tabs, status line)."""
        if self.draft is None:
            return
        self.findings = run_checks(self.draft)
        for m in self.models.values():
            m.set_findings(self.findings)
        self.panel.set_findings(self.findings, self.draft.format)
        self.summary_label.setText(summarize(self.findings).text)
        errors_in: set[int] = set()
        for f in self.findings:
            if f.severity is Severity.ERROR:
                if f.table:
                    errors_in.add(self.table_tab(f.table))
                if f.section in SECTION_TAB:
                    errors_in.add(SECTION_TAB[f.section])
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        for i, (_, title) in enumerate(TABS[: self.tabs.count()]):
            bad = i in errors_in
            self.tabs.setTabText(i, title + (ERROR_MARK if bad else ""))
            self.tabs.setTabIcon(i, icon if bad else QIcon())
            self.tabs.setTabToolTip(i, "这一部分有错误，请看下方的检查结果" if bad else "")
        self._update_counts()

    def _update_counts(self) -> None:
        if not hasattr(self, "overview_count") or self.draft is None:
            return
        sec = self.draft.section("overview")
        total = _chars(sec.text) + sum(_chars(p.title) + _chars(p.text) for p in sec.parts)
        text = f"总体情况共 {total} 字"
        if total > 1000:
            text += "（超过1000字；有的地方要求控制在1000字左右）"
        self.overview_count.setText(text)
        for i, lab in enumerate(self.part_counts):
            n = _chars(sec.parts[i].text) if i < len(sec.parts) else 0
            lab.setText(f"{n} 字")

    def _refused(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def _tab_changed(self, _index: int) -> None:
        self.write_recovery()

    def go_to_finding(self, f: Finding) -> None:
        if f.table in self.views and f.row and f.column:
            self.tabs.setCurrentIndex(self.table_tab(f.table))
            self.views[f.table].select_ref(f.row, f.column)
        elif f.section in SECTION_TAB:
            self.tabs.setCurrentIndex(SECTION_TAB[f.section])
            key = {"overview": "overview.text", "problems": "problems.text"}.get(f.section, f"{f.section}.text")
            if f.rule == "fee-statement" and "fee_statement" in self.fields:
                key = "fee_statement"
            if key in self.fields:
                self.fields[key].editor.setFocus()
        self.statusBar().showMessage(f.message, 10000)

    # ==== recovery ==============================================================================
    def write_recovery(self) -> None:
        if self.draft is None or self._loading:
            return
        if not self.is_modified():
            if self.recovery.written:
                self.recovery.remove()
            return
        try:
            self.recovery.write(self.draft, str(self.path) if self.path else None, self.display_name())
        except OSError as e:
            self.statusBar().showMessage(f"无法写入恢复副本：{e.strerror or e}", 10000)

    def offer_recovery(self) -> bool:
        """At start: offer the copies left by a crash. True when one was restored."""
        for copy in rec.orphans():
            where = f"「{copy.original}」" if copy.original else f"未保存的「{copy.name}」"
            answer = dialogs.ask(
                self, "恢复未保存的修改",
                f"年报助手上次没有正常关闭（例如断电或程序出错）。\n{where}有 {copy.saved_at} 自动保存的修改。\n\n"
                "要恢复这些修改吗？",
                [("restore", "恢复"), ("discard", "放弃")], default="restore", icon="question")
            if answer != "restore":
                copy.remove()
                continue
            try:
                draft = loads(copy.text, "恢复副本")
            except DraftError as e:
                dialogs.inform(self, "无法恢复", e.message, icon="error")
                copy.remove()
                continue
            original = Path(copy.original) if copy.original else None
            self.set_draft(draft, original, copy.name or "恢复的草稿", dirty=True)
            copy.remove()
            self.write_recovery()  # the restored changes are again protected, now by this window
            self.statusBar().showMessage("已恢复上次未保存的修改，请记得保存。", 15000)
            return True
        return False

    def table_tab(self, table_id: str) -> int:
        """The tab of a table: the tab of the section the format definition prints it in."""
        return SECTION_TAB[next(s.id for s in self.draft.format.sections if s.table == table_id)]

    # ==== files =================================================================================
    def start(self, file: str | None = None, offer_recovery: bool = True) -> bool:
        """What the window shows first: a recovery copy, the file asked for, the most recent file,
        or else the bundled sample as an untitled copy. False when `file` could not be opened."""
        if offer_recovery and self.offer_recovery():
            return True
        if file:
            if self.open_file(file):
                return True
            self.open_sample()
            return False
        for recent in recent_files(self.settings):
            if Path(recent).is_file():
                try:
                    self.set_draft(load_draft(recent), Path(recent))
                    return True
                except DraftError:
                    continue
        self.open_sample()
        return True

    def open_sample(self, path=None) -> None:
        draft = load_draft(path or sample_draft())
        self.set_draft(draft, None, f"示例报告（{draft.agency}{draft.year}年度，未保存）")

    def open_file(self, path) -> bool:
        try:
            draft = load_draft(path)
        except DraftError as e:
            dialogs.inform(self, "无法打开草稿", e.message, icon="error")
            return False
        if Path(path).resolve().parent == resource("samples").resolve():
            # A bundled sample is a template: it opens as an untitled copy, so 保存 never overwrites it.
            self.open_sample(path)
            return True
        self.set_draft(draft, Path(path))
        add_recent(self.settings, str(path))
        self.statusBar().showMessage(f"已打开 {path}", 6000)
        return True

    def maybe_save(self) -> bool:
        """Before closing or replacing the draft: True when it is fine to go on."""
        if self.draft is None or not self.is_modified():
            return True
        answer = dialogs.ask(self, APP_NAME, f"「{self.display_name()}」有尚未保存的修改。\n\n要先保存吗？",
                             [("save", "保存"), ("discard", "不保存"), ("cancel", "取消")], default="save",
                             icon="warning")
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_report(self) -> None:
        if not self.maybe_save():
            return
        answer = dialogs.new_report(self, self.draft.agency if self.draft else "")
        if answer is None:
            return
        year, agency = answer
        try:
            draft = new_draft(year, agency)
        except DraftError as e:
            dialogs.inform(self, "无法新建", e.message, icon="error")
            return
        self.recovery.remove()
        self.set_draft(draft, None, f"{agency}{year}年度报告（未保存）")
        self.tabs.setCurrentIndex(0)
        self.statusBar().showMessage(f"已新建{year}年度报告，使用{draft.format.name}", 8000)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        folder = str(self.path.parent) if self.path else str(_documents())
        path = dialogs.open_path(self, folder)
        if path:
            self._open_replacing(path)

    def _open_replacing(self, path: str) -> None:
        old_recovery_written = self.recovery.written
        if self.open_file(path):
            if old_recovery_written:
                self.recovery.remove()

    def open_recent(self, path: str) -> None:
        if not self.maybe_save():
            return
        if not Path(path).is_file():
            dialogs.inform(self, "找不到文件", f"找不到「{path}」，它可能已被移动或删除。已从最近打开的列表中移除。",
                           icon="warning")
            remove_recent(self.settings, path)
            return
        self._open_replacing(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files(self.settings)
        if not files:
            a = self.recent_menu.addAction("（没有）")
            a.setEnabled(False)
            return
        for i, f in enumerate(files):
            a = self.recent_menu.addAction(f"&{i + 1} {Path(f).name}　—　{Path(f).parent}")
            a.setEnabled(Path(f).is_file())
            a.triggered.connect(lambda _c=False, f=f: self.open_recent(f))
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("清除列表")
        clear.triggered.connect(lambda: self.settings.setValue("recent_files", []))

    def save(self) -> bool:
        if self.draft is None:
            return False
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        if self.draft is None:
            return False
        d = self.draft
        folder = self.path.parent if self.path else _documents()
        name = self.path.name if self.path else f"{d.agency}{d.year}年政府信息公开工作年度报告{DRAFT_SUFFIX}"
        suggested = folder / name
        path = dialogs.save_path(self, str(suggested))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != DRAFT_SUFFIX:
            path = path.with_name(path.name + DRAFT_SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            save_draft(self.draft, path)
        except DraftError as e:
            dialogs.inform(self, "保存失败", e.message + "\n\n修改仍在窗口中，请换一个位置另存。", icon="error")
            return False
        self.path = Path(path)
        self.forced_dirty = False
        self.undo_stack.setClean()
        self.recovery.remove()
        add_recent(self.settings, str(path))
        self._update_title()
        self.statusBar().showMessage(f"已保存到 {path}", 8000)
        return True

    # ==== checks, export, help ==================================================================
    def check(self) -> None:
        self.refresh()
        s = summarize(self.findings)
        first = next((f for f in self.findings if f.severity is not Severity.MISSING), None)
        if first is None:
            first = next(iter(self.findings), None)
        if first is not None:
            self.go_to_finding(first)
            item = self.panel.item_for(first)
            if item is not None:
                self.panel.setCurrentItem(item)
        self.statusBar().showMessage(f"检查完成：{s.text}" if self.findings else "检查完成：没有发现问题", 10000)

    def export(self) -> None:
        if self.draft is None:
            return
        self.refresh()
        blocking = [f for f in self.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
        missing = [f for f in self.findings if f.severity is Severity.MISSING]
        if blocking or missing:
            s = summarize(self.findings)
            lines = [f"· {f.message}" for f in blocking[:8]]
            if len(blocking) > 8:
                lines.append(f"· ……另有 {len(blocking) - 8} 处")
            if missing:
                lines.append(f"· 还有 {s.missing_cells} 格未填" + (f"、{s.missing_other} 处正文未填"
                                                                 if s.missing_other else ""))
            answer = dialogs.ask(self, "导出Word", f"报告中还有问题：{s.text}\n\n" + "\n".join(lines)
                                 + "\n\n仍要导出吗？", [("export", "仍然导出"), ("cancel", "取消")],
                                 default="cancel", icon="warning")
            if answer != "export":
                return
        d = self.draft
        folder = self.path.parent if self.path else _documents()
        stem = self.path.stem if self.path else f"{d.agency}{d.year}年政府信息公开工作年度报告"
        out = dialogs.save_path(self, str(folder / f"{stem}.docx"), "导出Word", dialogs.FILTER_DOCX)
        if not out:
            return
        out = Path(out)
        if out.suffix.lower() != ".docx":
            out = out.with_name(out.name + ".docx")
        try:
            from ..export import export_docx
        except ImportError:
            dialogs.inform(self, "导出Word", "本版本的年报助手缺少导出功能，请联系提供程序的人员。", icon="error")
            return
        try:
            export_docx(d, out)
        except ExportError as e:
            dialogs.inform(self, "导出失败", e.message, icon="error")
            return
        except OSError as e:
            dialogs.inform(self, "导出失败", f"无法写入「{out}」：{e.strerror or e}。"
                           "如果这个文件正在Word中打开，请先关闭它再导出。", icon="error")
            return
        self.statusBar().showMessage(f"已导出 {out}", 10000)
        answer = dialogs.ask(self, "导出Word", f"已导出Word报告：\n{out}",
                             [("open", "打开文件"), ("folder", "打开所在文件夹"), ("close", "关闭")],
                             default="open", icon="info")
        if answer == "open":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
        elif answer == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out.parent)))

    def help_html(self) -> str:
        try:
            html = resource("help", "guide.html").read_text(encoding="utf-8")
        except OSError:
            html = "<p>找不到使用说明文件。</p>"
        return (html.replace("%RECOVERY_DIR%", str(rec.recovery_dir()))
                .replace("%DATA_DIR%", str(user_data_dir())).replace("%VERSION%", __version__))

    def show_help(self) -> None:
        w = getattr(self, "_help", None)
        if w is None:
            w = self._help = dialogs.HelpWindow(self, self.help_html())
        w.show()
        w.raise_()

    def about(self) -> None:
        formats = "\n".join(f"· {f.name}：{f.document}" for f in FORMATS.values())
        dialogs.inform(self, "关于年报助手",
                       f"{APP_NAME} {__version__}\n\n填写、检查和导出政府信息公开工作年度报告。\n\n"
                       f"支持的报告格式：\n{formats}")

    # ==== closing ===============================================================================
    def closeEvent(self, event) -> None:
        if not self._force_close and not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.sync()
        self.recovery_timer.stop()
        self.recovery.close()
        event.accept()

    def close_without_asking(self) -> None:
        self._force_close = True
        self.close()


# ---- text field helpers ------------------------------------------------------------------------
def _chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _write_title_lines(d: Draft, text: str) -> None:
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    d.title_lines = lines


def _snap_overview(d: Draft):
    return d.section("overview").model_copy(deep=True)


def _put_overview(d: Draft, value) -> None:
    d.sections["overview"] = value.model_copy(deep=True)


def _part_reader(i: int, attr: str):
    def read(d: Draft) -> str:
        parts = d.section("overview").parts
        return getattr(parts[i], attr) if i < len(parts) else ""

    return read


def _part_writer(i: int, attr: str):
    def write(d: Draft, value: str) -> None:
        parts = d.section("overview").parts
        while len(parts) <= i:
            parts.append(SubPart())
        setattr(parts[i], attr, value)
        while parts and not parts[-1].title.strip() and not parts[-1].text.strip():
            parts.pop()  # editors shown beyond the draft's parts add nothing until typed into

    return write
