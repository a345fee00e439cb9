"""The window's side of importing: 文件 → 导入已有报告…, 新建 → 以上一年度报告为基础…, the 「与上年相同」
notes on the text pages, and going to the very sentence a text finding quotes.

Installed on the main window by `install(window)`; it adds two File-menu actions and follows the
document's signals, so the window itself only calls `install` and `go_to_sentence`. Every dialog goes
through a function of this module (tests replace them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..errors import DraftError
from ..formats import format_for_year
from ..previous import load_last, record_of, start_from, unchanged_sections
from ..storage import DRAFT_SUFFIX
from . import dialogs, names
from .editors import LineEditor, TextEditor
from .pages import SECTION_TAB

FILTER_REPORT = "年度报告 (*.docx *.html *.htm);;Word 文档 (*.docx);;网页 (*.html *.htm);;所有文件 (*)"
FILTER_LAST = ("上一年度的报告 (*.nianbao *.docx *.html *.htm);;年报草稿 (*.nianbao);;Word 文档 (*.docx);;"
               "网页 (*.html *.htm);;所有文件 (*)")
SAME_SHARE = 0.6  # as the same-as-last-year rule: a section this much last year's is marked


# ---- dialogs (replaced in tests) --------------------------------------------------------------------

def choose_file(parent: QWidget | None, title: str, folder: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return path or None


class AccountDialog(QDialog):
    """The import account, before the draft opens: what was read, what was not, totals that disagree."""

    def __init__(self, parent: QWidget | None, title: str, lead: str, lines: list[str], ok_text: str,
                 year: int | None = None):
        super().__init__(parent)
        self.setObjectName(names.IMPORT_ACCOUNT)
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        top = QLabel(lead)
        top.setWordWrap(True)
        lay.addWidget(top)
        text = QPlainTextEdit("\n".join(lines))
        text.setObjectName(names.IMPORT_ACCOUNT_TEXT)
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        lay.addWidget(text, 1)
        self.year = None
        if year is not None:
            self.year = QSpinBox()
            self.year.setObjectName(names.NEW_FROM_YEAR)
            self.year.setRange(year, 2100)
            self.year.setValue(year)
            self.year.setPrefix("新报告的年度：")
            self.year.setSuffix("年")
            self.format_label = QLabel()
            self.year.valueChanged.connect(self._format)
            self._format()
            lay.addWidget(self.year)
            lay.addWidget(self.format_label)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName(names.IMPORT_ACCOUNT_OK)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        # As large as the account needs, never larger than the screen (small laptops at 150 %).
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(720, int(screen.width() * 0.9)), min(560, int(screen.height() * 0.85)))

    def _format(self) -> None:
        fmt = format_for_year(self.year.value())
        self.format_label.setText(f"适用格式：{fmt.name}（{fmt.document}）")


def show_account(parent: QWidget | None, title: str, lead: str, lines: list[str], ok_text: str,
                 year: int | None = None) -> tuple[bool, int | None]:
    """(accepted, the year chosen when `year` was offered)."""
    dlg = AccountDialog(parent, title, lead, lines, ok_text, year)
    accepted = dlg.exec() == QDialog.DialogCode.Accepted
    return accepted, (dlg.year.value() if dlg.year is not None else None)


# ---- the flows ------------------------------------------------------------------------------------

class ImportFlows:
    def __init__(self, window):
        self.w = window
        self.doc = window.doc

    def _folder(self) -> str:
        from .files import documents_folder

        folder = self.doc.path.parent if self.doc.path else documents_folder()
        return str(folder if folder.is_dir() else Path.home())  # a Documents folder may not exist

    def import_dialog(self) -> None:
        """文件 → 导入已有报告…: a Word file or a saved web page becomes an unsaved draft."""
        if not self.w.files.maybe_save():
            return
        path = choose_file(self.w, "导入已有报告", self._folder(), FILTER_REPORT)
        if not path:
            return
        from ..importer import import_report  # here, not at start: the window opens without the importer

        try:
            result = import_report(Path(path))
        except DraftError as e:
            dialogs.inform(self.w, "无法导入", e.message, icon="error")
            return
        d = result.draft
        accepted, _ = show_account(
            self.w, "导入说明", f"已读取「{Path(path).name}」。请看一下读取的情况，再打开草稿核对：",
            result.account.lines(), "打开草稿")
        if not accepted:
            return
        self.doc.recovery.remove()
        self.doc.replace(d, None, f"{d.agency}{d.year}年度报告（导入，未保存）")
        self.w.files.created.emit()
        self.w.statusBar().showMessage(f"已导入「{Path(path).name}」：{d.year}年度，{d.format.name}；"
                                       f"保存时请选择草稿文件名（{DRAFT_SUFFIX}）", 10000)

    def new_from_last_year(self) -> None:
        """新建 → 以上一年度报告为基础…: last year's draft, Word file or web page starts this year's."""
        if not self.w.files.maybe_save():
            return
        path = choose_file(self.w, "选择上一年度的报告", self._folder(), FILTER_LAST)
        if not path:
            return
        try:
            last, source, account = load_last(Path(path))
        except DraftError as e:
            dialogs.inform(self.w, "无法读取上一年度的报告", e.message, icon="error")
            return
        lines = account.lines() if account is not None else [
            f"已读取草稿「{source}」：{last.agency} {last.year}年度，{last.format.name}。"]
        lines += ["", "新报告将：",
                  "· 沿用机关名称和标题，年度改为新的年度；导语中的日期随之改为新的年度；",
                  "· 复制上年各部分的正文作为起点（请逐段改写为本年度的内容，与上年相同的部分会有提示）；",
                  "· 按上年表三「四、结转下年度继续办理」逐列填写本年表三「二、上年结转」；",
                  "· 记下上年的现行有效件数等数值，用于跨年度核对。"]
        accepted, year = show_account(self.w, "以上一年度报告为基础新建",
                                      f"上一年度的报告：「{source}」", lines, "新建", year=last.year + 1)
        if not accepted:
            return
        draft = start_from(last, year, source)
        self.doc.recovery.remove()
        self.doc.replace(draft, None, f"{draft.agency}{draft.year}年度报告（未保存）")
        self.w.files.created.emit()
        self.w.statusBar().showMessage(
            f"已新建{draft.year}年度报告（{draft.format.name}），以{last.year}年度报告为基础", 10000)


    def compare_with_last_year(self) -> None:
        """检查 → 与上一年度报告核对…: keep last year's values and text fingerprint in this draft (as
        `check --previous` does), so the cross-year rules run; the draft is then unsaved."""
        d = self.doc.draft
        if d is None:
            return
        path = choose_file(self.w, "选择上一年度的报告", self._folder(), FILTER_LAST)
        if not path:
            return
        try:
            last, source, _ = load_last(Path(path))
        except DraftError as e:
            dialogs.inform(self.w, "无法读取上一年度的报告", e.message, icon="error")
            return
        if last.year >= d.year:
            dialogs.inform(self.w, "不是上一年度的报告", f"「{source}」是{last.year}年度的报告，"
                           f"不是本报告（{d.year}年度）的上一年度报告。", icon="warning")
            return
        d.previous = record_of(last, source)
        self.doc.forced_dirty = True  # the record is saved with the draft
        self.doc.refresh()
        self.doc.modified_changed.emit(True)
        cross = [f for f in self.doc.findings if f.rule in CROSS_YEAR_RULES]
        self.w.statusBar().showMessage(
            f"已记下{last.year}年度报告（{source}）的数值：跨年度核对发现 {len(cross)} 处提醒" if cross
            else f"已记下{last.year}年度报告（{source}）的数值：跨年度核对没有发现问题", 10000)


CROSS_YEAR_RULES = ("carry-over", "in-force-rollforward", "prev-items", "same-as-last-year")


# ---- 「与上年相同」 notes on the text pages ------------------------------------------------------

def _section_note(window, sid: str) -> QLabel | None:
    page = window.tabs.widget(SECTION_TAB[sid]) if sid in SECTION_TAB else None
    if page is None:
        return None
    note = page.findChild(QLabel, names.same_as_last_year(sid))
    if note is None:
        note = QLabel()
        note.setObjectName(names.same_as_last_year(sid))
        note.setWordWrap(True)
        note.setStyleSheet("background: #fff4ce; color: #5c4400; padding: 4px; border-radius: 3px;")
        lay = page.layout()
        if lay is None:
            return None
        lay.insertWidget(0, note)
    return note


def show_unchanged(window) -> None:
    """Mark the sections whose text is still mostly last year's (and unmark those rewritten)."""
    d = window.doc.draft
    if d is None or window.tabs.count() == 0:
        return
    same = unchanged_sections(d) if d.previous is not None else {}
    shown = (same, [window.tabs.widget(i) for i in range(window.tabs.count())])  # pages rebuilt: shown again
    if shown == getattr(window, "_unchanged_shown", None):
        return  # most edits (every cell edit) leave this as it is: no looking for the notes
    window._unchanged_shown = shown
    for sec in d.format.sections:
        if sec.id not in SECTION_TAB:
            continue
        n, total = same.get(sec.id, (0, 0))
        marked = total > 0 and n >= SAME_SHARE * total
        note = _section_note(window, sec.id) if marked else window.tabs.widget(SECTION_TAB[sec.id]).findChild(
            QLabel, names.same_as_last_year(sec.id))
        if note is None:
            continue
        note.setVisible(marked)
        if marked:
            note.setText(f"与上年相同：本部分{total}句中有{n}句与{d.previous.label}相同，请按本年度的实际情况修改。")
        tab = SECTION_TAB[sec.id]
        tip = window.tabs.tabToolTip(tab)
        mark = "本部分大多与上年报告相同"
        if marked and mark not in tip:
            window.tabs.setTabToolTip(tab, (tip + "\n" if tip else "") + mark)
        elif not marked and mark in tip:
            window.tabs.setTabToolTip(tab, tip.replace("\n" + mark, "").replace(mark, ""))


# ---- going to a sentence ------------------------------------------------------------------------------

def go_to_sentence(window, f) -> bool:
    """Show the text field a finding points into and select its sentence. False if it has none."""
    if not f.field or f.field not in window.doc.fields:
        return False
    window.tabs.setCurrentIndex(SECTION_TAB[window.doc.fields[f.field].section])  # builds its page
    ed = window.binder.editors.get(f.field)
    if ed is None:
        return False
    text = ed.value()
    start = max(0, min(f.start or 0, len(text)))
    end = max(start, min(f.end if f.end is not None else start, len(text)))
    if isinstance(ed, TextEditor):
        cursor = ed.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        ed.setTextCursor(cursor)
        ed.ensureCursorVisible()
    elif isinstance(ed, LineEditor):
        ed.setSelection(start, end - start)
    ed.setFocus(Qt.FocusReason.OtherFocusReason)
    # A long page scrolls to its editor (section 一's sub-parts).
    parent = ed.parentWidget()
    while parent is not None and not hasattr(parent, "ensureWidgetVisible"):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(ed)
    return True


def install(window) -> ImportFlows:
    flows = ImportFlows(window)
    sp = QStyle.StandardPixmap
    acts = window.acts
    imp = acts.add(names.ACT_IMPORT, "导入已有报告(&I)…", flows.import_dialog, "Ctrl+I", sp.SP_DirOpenIcon,
                   "读取已有的年度报告（Word文档或网页），转成草稿")
    new_from = acts.add(names.ACT_NEW_FROM_LAST, "以上一年度报告为基础新建(&L)…", flows.new_from_last_year,
                        tip="用上一年度的报告（草稿、Word文档或网页）开始本年度的报告：上年结转自动填写")
    acts.file_menu.insertAction(acts[names.ACT_OPEN], new_from)  # right under 新建
    acts.add_to_file_menu(imp, "open")
    compare = acts.add(names.ACT_COMPARE_LAST, "与上一年度报告核对(&P)…", flows.compare_with_last_year,
                       tip="读取上一年度的报告，核对上年结转、现行有效件数等跨年度的数字")
    acts.check_menu.addAction(compare)
    window.doc.replaced.connect(lambda: show_unchanged(window))
    window.doc.findings_changed.connect(lambda: show_unchanged(window))
    window.page_built.connect(lambda _i: show_unchanged(window))
    return flows
