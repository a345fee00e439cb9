"""The main window: the assembly of the document, its pages, the findings panel, files and actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..checks import Finding, Severity, summarize
from ..draft import Draft
from ..formats import FORMATS
from ..paths import resource, user_data_dir
from . import dialogs, importing, names, publishing, summarizing
from . import recovery as rec
from .actions import Actions
from .document import ReportDocument
from .editors import LineEditor, TextEditor
from .exporting import export_word
from .files import FileFlows
from .finding_text import FindBar
from .findings import FindingsPanel
from .grid_model import GridModel
from .grid_view import GridView
from .pages import SECTION_TAB, TABS, Binder, PageSlot, TablePage, table_tab
from .settings import app_settings, recent_files
from .start import StartPage

ERROR_MARK = "●"
PREFERRED_SIZE = QSize(1400, 900)
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 60, 200, 10  # percent of the window's font
FRAME_ROOM = QSize(16, 40)  # the window manager's frame and title bar, which geometry() leaves out


class _ByTable(dict):
    """The grids' models or views by table id, of the pages built so far; asking for a table whose page is
    not built yet builds it."""

    def __init__(self, window: MainWindow):
        super().__init__()
        self._w = window

    def __missing__(self, table_id: str):
        if not self._w.has_table(table_id):
            raise KeyError(table_id)
        self._w.page(self._w.table_tab(table_id))
        return dict.__getitem__(self, table_id)


class MainWindow(QMainWindow):
    page_built = Signal(int)  # a tab's page was built (pages are built when first needed)

    def __init__(self, settings=None):
        super().__init__()
        self.setObjectName(names.MAIN_WINDOW)
        self.settings = settings if settings is not None else app_settings()
        self.doc = ReportDocument(self)
        self.files = FileFlows(self.doc, self.settings, self)
        self.binder = Binder(self.doc, self)
        self.models: dict[str, GridModel] = _ByTable(self)
        self.views: dict[str, GridView] = _ByTable(self)
        self._force_close = False
        self._error_icon: QPixmap | None = None
        self.zoom_percent = 100
        icon = resource("icons", "nianbao.png")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self.acts = Actions(self)
        self.acts.build(self)
        self.importing = importing.install(self)
        self.publishing = publishing.install(self)
        self.summarizing = summarizing.install(self)
        self.recent_menu = self.acts.recent_menu
        self._build_central()
        self.start_page.offer_from_last_year(self.importing.new_from_last_year)
        self.summary_label = QLabel()
        self.summary_label.setObjectName(names.SUMMARY_LABEL)
        self.statusBar().addPermanentWidget(self.summary_label)

        self.doc.replaced.connect(self._build_pages)
        self.doc.replaced.connect(self.show_editor)
        self.doc.findings_changed.connect(self._show_findings)
        self.doc.modified_changed.connect(self._update_title)
        self.doc.undo_stack.indexChanged.connect(self._update_title)
        self.doc.cells_changed.connect(self._cells_changed)
        self.doc.problem.connect(lambda m: self.statusBar().showMessage(m, 10000))
        self.binder.focus_field.connect(self._focus_field)
        self.files.message.connect(self.statusBar().showMessage)
        self.files.created.connect(lambda: self.tabs.setCurrentIndex(0))
        self._restore_geometry()
        self._update_title()

    # ---- shortcuts for tests and tools ---------------------------------------------------------
    @property
    def draft(self) -> Draft | None:
        return self.doc.draft

    @property
    def path(self) -> Path | None:
        return self.doc.path

    @property
    def findings(self) -> list[Finding]:
        return self.doc.findings

    def action(self, name: str) -> QAction:
        return self.acts[name]

    def editor(self, key: str) -> TextEditor | LineEditor:
        """The editor of a text field (building its page if it is not built yet); KeyError if none."""
        if key not in self.binder.editors and key in self.doc.fields:
            self.page(SECTION_TAB[self.doc.fields[key].section])
        return self.binder.editors[key]

    def page(self, index: int) -> QWidget | None:
        """The page of tab `index`, built now if it was not yet."""
        slot = self.tabs.widget(index)
        if not isinstance(slot, PageSlot):
            return None
        if slot.page is None:
            slot.ensure()
            self.page_built.emit(index)
        return slot.page

    def ensure_pages(self) -> None:
        """Build every page not built yet (searching looks into all of them)."""
        for i in range(self.tabs.count()):
            self.page(i)

    def has_table(self, table_id: str) -> bool:
        return self.doc.draft is not None and any(t.id == table_id for t in self.doc.draft.format.tables)

    def start(self, file: str | None = None, offer_recovery: bool = True, sample: bool = False) -> bool:
        """Open what the clerk worked on last (or `file`); with nothing to open, the start page."""
        ok = self.files.start(file, offer_recovery, sample)
        if self.doc.draft is None:
            self.show_start_page()
        return ok

    # ---- start page ----------------------------------------------------------------------------
    def show_start_page(self) -> None:
        self.start_page.set_recent(recent_files(self.settings))
        self.start_page.set_can_go_back(self.doc.draft is not None)
        self.stack.setCurrentWidget(self.start_page)
        self.acts.set_has_draft(False)
        self.start_page.new_button.setFocus()

    def show_editor(self) -> None:
        if self.doc.draft is None:
            return
        self.stack.setCurrentWidget(self.editor_area)
        self.acts.set_has_draft(True)

    def display_name(self) -> str:
        return self.doc.display_name()

    # ---- building ------------------------------------------------------------------------------
    def _build_central(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName(names.TABS)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self.page)  # before the recovery write: the page shown is built first
        self.tabs.currentChanged.connect(lambda _i: self.doc.write_recovery())
        self.panel = FindingsPanel()
        self.panel.finding_activated.connect(self.go_to_finding)
        box = self.findings_box = QWidget()
        box.setObjectName(names.FINDINGS_BOX)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(6, 2, 6, 2)
        head = QLabel("检查结果（点击一条可转到对应的格子或段落）")
        head.setStyleSheet("font-weight: bold;")
        lay.addWidget(head)
        lay.addWidget(self.panel)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName(names.MAIN_SPLITTER)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(box)
        # The panel can be dragged down to nothing (or hidden with F6), the tabs cannot.
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, True)
        self.panel.setMinimumHeight(self.fontMetrics().height() * 2)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self.start_page = StartPage()
        self.start_page.new_requested.connect(self.files.new_report)
        self.start_page.open_requested.connect(self.files.open_dialog)
        self.start_page.recent_requested.connect(self.files.open_recent)
        self.start_page.sample_requested.connect(self.files.show_sample)
        self.start_page.back_requested.connect(self.show_editor)
        self.find_bar = FindBar(self)
        editor = QWidget()
        elay = QVBoxLayout(editor)
        elay.setContentsMargins(0, 0, 0, 0)
        elay.setSpacing(0)
        elay.addWidget(self.splitter, 1)
        elay.addWidget(self.find_bar)
        self.editor_area = editor
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        self.setCentralWidget(self.stack)

    def _screen_key(self) -> str:
        """Geometry is remembered per screen size: a laptop on and off its docking monitor."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        return f"geometry/{area.width()}x{area.height()}"

    def _restore_geometry(self) -> None:
        geo = self.settings.value(self._screen_key())
        if geo is None or not self.restoreGeometry(geo):
            self.resize(PREFERRED_SIZE)
            if not self.fit_to_screen():
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.fit_to_screen()
        state = self.settings.value("splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([740, 130])
        self.zoom_percent = _int(self.settings.value("grid_zoom"), 100)
        self.action(names.ACT_FINDINGS).setChecked(self.splitter.sizes()[1] > 0)

    # ---- findings panel and zoom ---------------------------------------------------------------
    def show_findings_panel(self, visible: bool) -> None:
        sizes = self.splitter.sizes()
        if visible and sizes[1] == 0:
            total = sum(sizes)
            self.splitter.setSizes([total - max(total // 6, 120), max(total // 6, 120)])
        elif not visible and sizes[1] > 0:
            self.splitter.setSizes([sum(sizes), 0])

    def _splitter_moved(self, *_args) -> None:
        act = self.action(names.ACT_FINDINGS)
        act.blockSignals(True)
        act.setChecked(self.splitter.sizes()[1] > 0)
        act.blockSignals(False)

    def open_find(self) -> None:
        self.find_bar.open()

    def step_tab(self, step: int) -> None:
        """Ctrl+PgDown / Ctrl+PgUp (and Ctrl+Tab): the next or previous part of the report, from anywhere."""
        n = self.tabs.count()
        if n:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % n)
            page = self.page(self.tabs.currentIndex())
            target = getattr(page, "view", None) or next(
                (c for c in page.findChildren(QWidget) if c.focusPolicy() & Qt.FocusPolicy.TabFocus), None)
            if target is not None:
                target.setFocus()

    def zoom(self, step: int) -> None:
        """Make every grid larger (+1), smaller (-1) or back to the window's size (0)."""
        if step == 0:
            self.zoom_percent = 100
        else:
            self.zoom_percent = min(ZOOM_MAX, max(ZOOM_MIN, self.zoom_percent + step * ZOOM_STEP))
        for view in self.views.values():
            view.set_zoom(self.zoom_percent)
        self.settings.setValue("grid_zoom", self.zoom_percent)
        self.statusBar().showMessage(f"表格显示比例：{self.zoom_percent}%", 3000)

    def fit_to_screen(self) -> bool:
        """Never larger than the screen's free area (task bar excluded), at any display scaling: a window
        whose close button or status line is off-screen cannot be used. False when it had to shrink."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        room = QSize(area.width() - FRAME_ROOM.width(), area.height() - FRAME_ROOM.height())
        fits = self.width() <= room.width() and self.height() <= room.height()
        if not fits:
            self.resize(self.size().boundedTo(room))
        top_left = self.pos()
        x = min(max(top_left.x(), area.left()), area.right() - self.width() - FRAME_ROOM.width() + 1)
        y = min(max(top_left.y(), area.top()), area.bottom() - self.height() - FRAME_ROOM.height() + 1)
        self.move(max(x, area.left()), max(y, area.top()))
        return fits

    def _build_pages(self) -> None:
        """(Re)build the tabs for the document's draft (its format decides the grids): a slot per tab, and
        the page of the current tab; the others are built when first needed."""
        current = max(self.tabs.currentIndex(), 0)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            w = self.tabs.widget(0)
            self.tabs.removeTab(0)
            w.deleteLater()
        self.binder.clear()
        self.models.clear()
        self.views.clear()
        for tab in TABS:
            self.tabs.addTab(PageSlot(tab, self._make_page), tab.title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self.page(current)

    def _make_page(self, tab) -> QWidget:
        page = tab.build(self.doc, self.binder)
        if isinstance(page, TablePage):
            dict.__setitem__(self.models, page.table_id, page.model)
            dict.__setitem__(self.views, page.table_id, page.view)
            page.view.refused.connect(self._refused)
            page.view.message.connect(lambda m: self.statusBar().showMessage(m, 6000))
            page.view.zoom_requested.connect(self.zoom)
            if self.zoom_percent != 100:
                page.view.set_zoom(self.zoom_percent)
            if self.doc.draft is not None:
                page.model.set_findings(self.doc.findings, self.doc.totals.get(page.table_id))
        return page

    # ---- following the document ----------------------------------------------------------------
    def _update_title(self, *_args) -> None:
        if not self.doc.is_open():
            self.setWindowTitle(APP_NAME)
            return
        self.setWindowTitle(f"{self.doc.display_name()}[*] - {APP_NAME}")
        modified = self.doc.is_modified()
        if modified != self.isWindowModified():  # called on every keystroke; each call re-sets the title
            self.setWindowModified(modified)

    def _show_findings(self) -> None:
        """Show the checks' results everywhere: grids, panel, tab marks, status line."""
        findings = self.doc.findings
        for m in self.models.values():
            m.set_findings(findings, self.doc.totals.get(m.table.id))
        self.panel.set_findings(findings, self.doc.draft.format)
        self._show_summary(summarize(findings).text)
        errors_in: set[int] = set()
        for f in findings:
            if f.severity is Severity.ERROR:
                if f.table:
                    errors_in.add(self.table_tab(f.table))
                if f.section in SECTION_TAB:
                    errors_in.add(SECTION_TAB[f.section])
        for i in range(min(len(TABS), self.tabs.count())):
            bad = i in errors_in
            icon, mark = self.error_marks(i)
            if mark.text() == (ERROR_MARK if bad else ""):
                continue
            mark.setText(ERROR_MARK if bad else "")
            icon.setPixmap(self._error_pixmap() if bad else QPixmap())
            self.tabs.setTabToolTip(i, "这一部分有错误，请看下方的检查结果" if bad else "")

    def error_marks(self, i: int) -> tuple[QLabel, QLabel]:
        """The error icon before and the red ● after the title of tab `i`, shown while that part has errors.
        Labels of fixed size beside the title: showing them repaints these labels only, where changing a
        tab's text or icon re-lays out the tab bar and repaints the whole page, grid and all."""
        bar = self.tabs.tabBar()
        marks = (bar.tabButton(i, QTabBar.ButtonPosition.LeftSide),
                 bar.tabButton(i, QTabBar.ButtonPosition.RightSide))
        if all(isinstance(m, QLabel) for m in marks):
            return marks
        # Parented at once: PySide6 6.7's setTabButton does not take ownership, so a label without a parent
        # would be deleted with its last Python reference and leave the tab bar a dangling button (crash).
        icon = QLabel(bar)
        icon.setObjectName(names.TAB_ERROR_ICON)
        icon.setFixedSize(self.tabs.iconSize())
        mark = QLabel(bar)
        mark.setObjectName(names.TAB_ERROR_MARK)
        mark.setStyleSheet("color: #c00000;")
        metrics = mark.fontMetrics()
        mark.setFixedSize(metrics.horizontalAdvance(ERROR_MARK) + 2, metrics.height())
        bar.setTabButton(i, QTabBar.ButtonPosition.LeftSide, icon)
        bar.setTabButton(i, QTabBar.ButtonPosition.RightSide, mark)
        return icon, mark

    def _error_pixmap(self) -> QPixmap:
        if self._error_icon is None:
            self._error_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(
                self.tabs.iconSize())
        return self._error_icon

    def _show_summary(self, text: str) -> None:
        """The findings' counts in the status line. The label only grows (to fit the text) and keeps a fixed
        size otherwise: each change of its size re-lays out the status line and the window."""
        lab = self.summary_label
        if lab.text() == text:
            return
        margin = 2 * lab.margin() + lab.contentsMargins().left() + lab.contentsMargins().right()
        need = lab.fontMetrics().horizontalAdvance(text) + margin + 4
        if need > lab.maximumWidth() or lab.maximumWidth() != lab.minimumWidth():
            lab.setFixedSize(need, lab.fontMetrics().height() + 4)
        lab.setText(text)

    def _cells_changed(self, table_id: str, refs, reveal: bool) -> None:
        if reveal and refs and self.has_table(table_id):
            self.tabs.setCurrentIndex(self.table_tab(table_id))
            self.views[table_id].select_ref(*refs[0])

    def _focus_field(self, key: str) -> None:
        self.tabs.setCurrentIndex(SECTION_TAB[self.doc.fields[key].section])
        ed = self.binder.editors.get(key)  # its page is built: its tab was just made current
        if ed is not None:
            ed.setFocus()

    def _refused(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def table_tab(self, table_id: str) -> int:
        return table_tab(self.doc.draft.format, table_id)

    def go_to_finding(self, f: Finding) -> None:
        if importing.go_to_sentence(self, f):  # a text rule: select the sentence it quotes
            pass
        elif f.table and self.has_table(f.table) and f.row and f.column:
            self.tabs.setCurrentIndex(self.table_tab(f.table))
            self.views[f.table].select_ref(f.row, f.column)
        elif f.section in SECTION_TAB:
            self.tabs.setCurrentIndex(SECTION_TAB[f.section])
            key = f"{f.section}.text"
            if f.rule == "fee-statement" and "fee_statement" in self.binder.editors:
                key = "fee_statement"
            if key in self.binder.editors:
                self.binder.editors[key].setFocus()
        self.statusBar().showMessage(f.message, 10000)

    # ---- checks, export, help ------------------------------------------------------------------
    def check(self) -> None:
        self.doc.refresh()
        findings = self.doc.findings
        s = summarize(findings)
        first = next((f for f in findings if f.severity is not Severity.MISSING), None)
        if first is None:
            first = next(iter(findings), None)
        if first is not None:
            self.go_to_finding(first)
            item = self.panel.item_for(first)
            if item is not None:
                self.panel.setCurrentItem(item)
        self.statusBar().showMessage(f"检查完成：{s.text}" if findings else "检查完成：没有发现问题", 10000)

    def export_word(self) -> None:
        done = export_word(self.doc, self, system_fonts=publishing.system_fonts(self.settings))
        if done:
            self.statusBar().showMessage(done, 10000)

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

    # ---- closing -------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self._force_close and not self.files.maybe_save():
            event.ignore()
            return
        self.settings.setValue(self._screen_key(), self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.sync()
        self.doc.close()
        self.files.guard.release()
        event.accept()

    def close_without_asking(self) -> None:
        self._force_close = True
        self.close()


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
