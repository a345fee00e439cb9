"""The window's side of 汇总: 文件 → 汇总多个单位的报告… reads a folder of units' reports in the background
(with a progress bar and 取消), shows the status table with the units needing attention first, opens a
unit's report in the main window (double-click), opens the sum as a new untitled draft, compares it with
the area's own report, and saves the Excel workbook.

Installed on the main window by `install(window)`. The folder and file choosers are functions of this
module (tests replace them); the reading and summing is app.summary, which knows nothing of Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import NianbaoError
from ..formats import get_format
from ..storage import DRAFT_SUFFIX
from . import dialogs, names

if TYPE_CHECKING:  # app.summary (and the importer it uses) loads when 汇总 is first used, not at start
    from ..summary import SummaryResult, UnitStatus

FILTER_AREA = ("本地区的年度报告 (*.nianbao *.docx *.html *.htm);;年报草稿 (*.nianbao);;Word 文档 (*.docx);;"
               "网页 (*.html *.htm);;所有文件 (*)")
FILTER_XLSX = "Excel 工作簿 (*.xlsx)"
PROGRESS_STEPS = 200  # progress signals per run at most: thousands of files must not flood the event loop

_RED, _GREY, _YELLOW, _ORANGE = QColor("#fbe3e3"), QColor("#eeeeee"), QColor("#fff4ce"), QColor("#fde9d9")


# ---- choosers (replaced in tests) ---------------------------------------------------------------------

def choose_folder(parent: QWidget | None, folder: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, "选择存放各单位报告的文件夹", folder)
    return path or None


def choose_area_report(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "选择本地区（本机关）自己的年度报告", folder, FILTER_AREA)
    return path or None


# ---- the background job ---------------------------------------------------------------------------------

class SummaryJob(QThread):
    """summarize_folder in a thread of its own, so the window stays responsive over thousands of files."""

    progressed = Signal(int, int)
    finished_with = Signal(object)  # SummaryResult
    failed = Signal(str)

    def __init__(self, folder: Path, area: Path | None):
        # No parent: a window closed or destroyed mid-run must not take a running thread down with it
        # (Qt aborts); the job is kept in RUNNING until its thread has ended.
        super().__init__()
        self.folder, self.area = folder, area
        self.cancel_requested = False
        self._last = -1
        RUNNING.add(self)
        self.finished.connect(self._ended)

    def _ended(self) -> None:
        self.wait()  # `finished` comes while the thread is still winding down
        RUNNING.discard(self)
        self.deleteLater()

    def run(self) -> None:
        from ..summary import Cancelled, summarize_folder

        try:
            result = summarize_folder(self.folder, area=self.area, progress=self._progress)
        except Cancelled:
            self.failed.emit("汇总已取消。")
        except NianbaoError as e:
            self.failed.emit(e.message)
        except Exception as e:  # noqa: BLE001 - shown to the clerk, never a silent dead thread
            self.failed.emit(f"汇总时出现意外错误（{type(e).__name__}：{e}）。")
        else:
            self.finished_with.emit(result)

    def _progress(self, done: int, total: int) -> bool:
        step = done * PROGRESS_STEPS // max(total, 1)
        if step != self._last or done == total:
            self._last = step
            self.progressed.emit(done, total)
        return self.cancel_requested


RUNNING: set[SummaryJob] = set()
_STOP_CONNECTED = False


def stop_all(timeout_ms: int = 10000) -> None:
    """Ask every running job to stop and wait for it (the application is quitting)."""
    for job in list(RUNNING):
        job.cancel_requested = True
        job.wait(timeout_ms)


# ---- the status table -------------------------------------------------------------------------------------

class StatusModel(QAbstractTableModel):
    """One row per file, in the order app.summary sorted them (needing attention first)."""

    def __init__(self, result: SummaryResult, parent=None):
        super().__init__(parent)
        self.result = result
        self.units = result.units
        from ..summary import figures_of

        fmt = result.format or get_format("2021")
        self.figures = figures_of(fmt)
        self.heads = ["单位", "文件", "类型", "错误", "提醒", "未填", *(f.label for f in self.figures), "说明"]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.heads)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.heads[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def value(self, u: UnitStatus, col: int):
        counts = u.year is not None
        fixed = [u.name, u.path.name, u.kind, u.errors if counts else None, u.warnings if counts else None,
                 u.missing if counts else None]
        if col < len(fixed):
            return fixed[col]
        col -= len(fixed)
        if col < len(self.figures):
            return u.figures.get(self.figures[col].id)
        if u.excluded:
            return f"未计入：{u.excluded}"
        return u.messages[0] if u.messages else (f"{u.missing}处未填写" if u.missing else "无问题")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        u = self.units[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            v = self.value(u, index.column())
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if isinstance(self.value(u, index.column()), int):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if u.unreadable:
                return QBrush(_RED)
            if not u.included:
                return QBrush(_GREY)
            if u.errors:
                return QBrush(_ORANGE)
            if u.missing:
                return QBrush(_YELLOW)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{u.name}　{u.path}"]
            if u.excluded:
                lines.append(f"未计入汇总：{u.excluded}")
            lines += u.messages
            if u.year is not None:
                lines.append("双击打开这个单位的报告")
            return "\n".join(lines)
        return None


class SummaryWindow(QDialog):
    """The 汇总 of one folder: progress, then the status table, the 核对 list and the actions."""

    def __init__(self, window, folder: Path):
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName(names.SUMMARY_WINDOW)
        self.main = window
        self.folder = folder
        self.area: Path | None = None
        self.result: SummaryResult | None = None
        self.job: SummaryJob | None = None
        self.setWindowTitle(f"汇总 — {folder}")
        lay = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName(names.SUMMARY_HEADER)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.header)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName(names.SUMMARY_PROGRESS)
        self.progress.setFormat("已读取 %v / %m 个文件")
        row.addWidget(self.progress, 1)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setObjectName(names.SUMMARY_CANCEL)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.cancel_button)
        lay.addLayout(row)

        self.table = QTableView()
        self.table.setObjectName(names.SUMMARY_TABLE)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.activated.connect(self.open_unit)  # double-click or Enter
        self.checks = QListWidget()
        self.checks.setObjectName(names.SUMMARY_CHECKS)
        self.checks.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        box = QWidget()
        box_lay = QVBoxLayout(box)
        box_lay.setContentsMargins(0, 0, 0, 0)
        head = QLabel("汇总表的核对（合计不完整的格、汇总表的检查结果、与本地区报告的差异）")
        head.setStyleSheet("font-weight: bold;")
        box_lay.addWidget(head)
        box_lay.addWidget(self.checks)
        split.addWidget(box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)

        buttons = QHBoxLayout()
        sp = QStyle.StandardPixmap
        self.open_unit_button = self._button(buttons, names.SUMMARY_OPEN_UNIT, "打开所选单位的报告",
                                             lambda: self.open_unit(self.table.currentIndex()), sp.SP_FileIcon)
        self.open_sum_button = self._button(buttons, names.SUMMARY_OPEN_SUM, "打开汇总表（新草稿）",
                                            self.open_sum, sp.SP_FileDialogNewFolder)
        self.area_button = self._button(buttons, names.SUMMARY_AREA, "与本地区报告核对…", self.compare_area,
                                        sp.SP_FileDialogContentsView)
        self.xlsx_button = self._button(buttons, names.SUMMARY_XLSX, "导出Excel…", self.save_xlsx,
                                        sp.SP_DialogSaveButton)
        buttons.addStretch(1)
        self.rerun_button = self._button(buttons, names.SUMMARY_RERUN, "重新读取", self.start, sp.SP_BrowserReload)
        close = self._button(buttons, names.SUMMARY_CLOSE, "关闭", self.close, sp.SP_DialogCloseButton)
        close.setAutoDefault(False)
        lay.addLayout(buttons)
        self._set_busy(False)
        # As large as useful, never larger than the screen (laptops at 125–150 % scaling).
        room = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(1200, room.width() - 40), min(720, room.height() - 80))

    def _button(self, layout, name: str, text: str, slot, icon) -> QPushButton:
        b = QPushButton(self.style().standardIcon(icon), text)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(lambda _checked=False: slot())
        layout.addWidget(b)
        return b

    # ---- running ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Read (again) the folder, and the area report if one was chosen."""
        if self.job is not None:
            return
        self.job = SummaryJob(self.folder, self.area)
        self.job.progressed.connect(self._progressed)
        self.job.finished_with.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._job_done)
        self.destroyed.connect(lambda _o=None, job=self.job: setattr(job, "cancel_requested", True))
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.header.setText(f"正在读取「{self.folder}」中的报告…")
        self._set_busy(True)
        self.job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel_requested = True

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        have = not busy and self.result is not None
        have_sum = have and self.result.draft is not None
        self.rerun_button.setEnabled(not busy)
        self.open_unit_button.setEnabled(have)
        self.open_sum_button.setEnabled(have_sum)
        self.area_button.setEnabled(have_sum)
        self.xlsx_button.setEnabled(have)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _job_done(self) -> None:
        self.job = None
        self._set_busy(False)

    def _failed(self, message: str) -> None:
        self.header.setText(message)
        if self.result is None:
            self.checks.clear()

    def _finished(self, result: SummaryResult) -> None:
        self.result = result
        model = StatusModel(result, self.table)
        old = self.table.model()
        self.table.setModel(model)
        if old is not None:
            old.deleteLater()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        for col, width in enumerate((180, 170, 50, 46, 46, 46)):
            self.table.setColumnWidth(col, width)
        metrics = self.table.horizontalHeader().fontMetrics()
        for col in range(6, model.columnCount() - 1):  # the figures: as wide as their labels
            self.table.setColumnWidth(col, max(72, metrics.horizontalAdvance(model.heads[col]) + 20))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.header.setText(self._headline(result))
        self._fill_checks(result)

    def _headline(self, r: SummaryResult) -> str:
        left_out = len(r.units) - len(r.included)
        if r.format is None:
            return f"「{self.folder}」：{'；'.join(r.notes) or '没有可以汇总的报告'}"
        attention = sum(1 for u in r.units if u.unreadable or (u.included and (u.errors or u.missing)))
        text = (f"{r.year}年度（{r.format.name}）：{len(r.included)}个单位计入汇总"
                + (f"，另有{left_out}个文件未计入" if left_out else "")
                + (f"；{attention}个需要处理（排在前面）" if attention else "；各单位均无错误和未填")
                + "。双击一行打开该单位的报告。")
        if r.area is not None:
            text += (f"\n与本地区报告「{r.area.name}」核对：" +
                     (f"{len(r.area_findings)}处不一致。" if r.area_findings else "逐格一致。"))
        return text

    def _fill_checks(self, r: SummaryResult) -> None:
        self.checks.clear()
        lines = [f"[说明] {n}" for n in r.notes]
        lines += [f"[合计不完整] {i.message}" for i in r.incomplete]
        lines += [f"[汇总表{f.severity.chinese}] {f.message}" for f in r.table_findings()
                  if f.rule != "cell-missing"]  # those are the incomplete cells just listed
        lines += [f"[与本地区报告不一致] {f.message}" for f in r.area_findings]
        if not lines and r.draft is not None:
            lines.append("各单位合计完整，汇总表没有发现错误。")
        self.checks.addItems(lines)

    # ---- actions ------------------------------------------------------------------------------------
    def selected_unit(self) -> UnitStatus | None:
        idx = self.table.currentIndex()
        if self.result is None or not idx.isValid():
            return None
        return self.result.units[idx.row()]

    def open_unit(self, index) -> None:
        if self.result is None or not index.isValid():
            return
        u = self.result.units[index.row()]
        if u.unreadable or u.year is None:
            dialogs.inform(self, "无法打开", u.excluded or f"「{u.path.name}」不是可以打开的报告", icon="warning")
            return
        files = self.main.files
        if u.path.suffix.lower() == DRAFT_SUFFIX:
            if files.maybe_save():
                files.open_file(str(u.path))
        else:
            self._open_imported(u.path)
        self.main.raise_()
        self.main.activateWindow()

    def _open_imported(self, path: Path) -> None:
        from ..importer import import_report

        if not self.main.files.maybe_save():
            return
        try:
            d = import_report(path).draft
        except NianbaoError as e:
            dialogs.inform(self, "无法打开", e.message, icon="error")
            return
        self.main.doc.recovery.remove()
        self.main.doc.replace(d, None, f"{d.agency}{d.year}年度报告（由「{path.name}」导入，未保存）")
        self.main.statusBar().showMessage(f"已打开「{path.name}」（导入的报告，保存时请选择草稿文件名）", 10000)

    def open_sum(self) -> None:
        r = self.result
        if r is None or r.draft is None or not self.main.files.maybe_save():
            return
        self.main.doc.recovery.remove()
        d = r.draft.copy_draft()
        self.main.doc.replace(d, None, f"{len(r.included)}个单位的{d.year}年度汇总（未保存）")
        self.main.files.created.emit()
        self.main.statusBar().showMessage(
            "已打开汇总表：机关名称和标题可以修改，正文由汇总单位填写；保存时请选择草稿文件名", 10000)
        self.main.raise_()
        self.main.activateWindow()

    def compare_area(self) -> None:
        path = choose_area_report(self, str(self.folder.parent))
        if not path:
            return
        self.area = Path(path)
        self.start()

    def save_xlsx(self) -> None:
        from ..summary_xlsx import write_xlsx

        if self.result is None:
            return
        year = f"{self.result.year}年度" if self.result.year else ""
        suggested = str(self.folder.parent / f"{self.folder.name}{year}汇总.xlsx")
        path = dialogs.save_path(self, suggested, "导出Excel", FILTER_XLSX)
        if not path:
            return
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            write_xlsx(self.result, path)
        except NianbaoError as e:
            dialogs.inform(self, "导出失败", e.message, icon="error")
            return
        self.header.setText(self._headline(self.result) + f"\n已导出 {path}")

    def closeEvent(self, event) -> None:
        if self.job is not None:
            self.job.cancel_requested = True
        super().closeEvent(event)


# ---- the File-menu entry ---------------------------------------------------------------------------------

class SummaryFlows:
    def __init__(self, window):
        self.w = window
        self.windows: list[SummaryWindow] = []

    def summary_dialog(self) -> SummaryWindow | None:
        """文件 → 汇总多个单位的报告…: choose the folder, then the 汇总 window reads it."""
        from .files import documents_folder

        start = str(self.w.doc.path.parent) if self.w.doc.path else str(documents_folder())
        folder = choose_folder(self.w, start)
        if not folder:
            return None
        return self.open_folder(Path(folder))

    def open_folder(self, folder: Path) -> SummaryWindow:
        win = SummaryWindow(self.w, folder)
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        win.destroyed.connect(lambda _o=None, win=win: self.windows.remove(win) if win in self.windows else None)
        self.windows.append(win)
        win.show()
        win.start()
        return win


def install(window) -> SummaryFlows:
    from PySide6.QtCore import QCoreApplication

    global _STOP_CONNECTED
    flows = SummaryFlows(window)
    app = QCoreApplication.instance()
    if app is not None and not _STOP_CONNECTED:
        app.aboutToQuit.connect(stop_all)  # no thread may outlive the application
        _STOP_CONNECTED = True
    a = window.acts.add(names.ACT_SUMMARY, "汇总多个单位的报告(&U)…", flows.summary_dialog,
                        icon=QStyle.StandardPixmap.SP_DirIcon,
                        tip="读取一个文件夹中各单位的年度报告，逐一检查，并把表格逐格相加")
    window.acts.add_to_file_menu(a, "tools")
    return flows
