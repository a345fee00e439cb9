"""Everything the clerk is asked about files: start, recovery offer, new/open/recent, unsaved changes,
save and save as. Every question and path goes through `dialogs.*`; the document does the writing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QMenu, QWidget

from .. import APP_NAME
from ..draft import new_draft
from ..errors import DraftError, ReadOnlyDraftError
from ..paths import resource, sample_draft
from ..storage import DRAFT_SUFFIX, backup_path, clean_stale_temps, load_draft, loads
from . import dialogs, filesafety
from . import recovery as rec
from .document import ReportDocument
from .settings import add_recent, recent_files, remove_recent


def documents_folder() -> Path:
    """Where a first save is proposed: the user's Documents folder, or else the home folder."""
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if loc and Path(loc).is_dir():
        return Path(loc)
    return Path.home()  # no Documents folder: a dialog given a missing folder opens in the program's own


class FileFlows(QObject):
    message = Signal(str, int)  # for the status line: text, milliseconds
    created = Signal()  # 新建 made a new report

    def __init__(self, doc: ReportDocument, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self.parent_widget = parent
        self.guard = filesafety.FileGuard()  # lock file and fingerprint of the open draft
        doc.replaced.connect(self._draft_replaced)

    def _draft_replaced(self) -> None:
        if self.doc.path != self.guard.path:
            self.guard.release()  # an untitled draft (new, imported, sample) holds no file

    # ---- start ---------------------------------------------------------------------------------
    def start(self, file: str | None = None, offer_recovery: bool = True, sample: bool = False) -> bool:
        """What the window shows first: a recovery copy, the file asked for, the most recent file; else
        nothing (the window shows its start page), or with `sample` the bundled sample as an untitled copy.
        False when `file` could not be opened."""
        # Nothing a draft or a recovery copy contains may keep the program from starting: whatever goes
        # wrong, the clerk is told and gets the start page.
        try:
            if offer_recovery and self.offer_recovery():
                return True
        except Exception:  # noqa: BLE001 - a bug; logged, and the start goes on
            self._internal_error("恢复副本无法打开")
        if file:
            return self.open_file(file)
        for recent in recent_files(self.settings):
            if Path(recent).is_file():
                try:
                    if self.open_file(recent, quiet=True):
                        return True
                except Exception:  # noqa: BLE001
                    self._internal_error(f"「{Path(recent).name}」无法打开")
                    remove_recent(self.settings, recent)
        if sample:
            self.open_sample()
        return True

    def _internal_error(self, what: str) -> None:
        from ..crashlog import write_crash_log

        where = write_crash_log()
        dialogs.inform(self.parent_widget, "打开时出错", f"{what}：年报助手内部出错。{where}", icon="error")

    def offer_recovery(self) -> bool:
        """At start: offer the copies left by a crash. True when one was restored."""
        for copy in rec.orphans():
            where = f"「{copy.original}」" if copy.original else f"未保存的「{copy.name}」"
            answer = dialogs.ask(
                self.parent_widget, "恢复未保存的修改",
                f"年报助手上次没有正常关闭（例如断电或程序出错）。\n{where}有 {copy.saved_at} 自动保存的修改。\n\n"
                "要恢复这些修改吗？",
                [("restore", "恢复"), ("discard", "放弃")], default="restore", icon="question")
            if answer != "restore":
                copy.remove()
                continue
            try:
                draft = loads(copy.text, "恢复副本")
            except DraftError as e:
                dialogs.inform(self.parent_widget, "无法恢复", e.message, icon="error")
                copy.remove()
                continue
            original = Path(copy.original) if copy.original else None
            self.doc.replace(draft, original, copy.name or "恢复的草稿", dirty=True)
            if original is not None and self.guard.try_claim(original):
                self.guard.opened(original, None)  # the file as it is now was never shown: no comparison
                clean_stale_temps(original)
            copy.remove()
            self.doc.write_recovery()  # the restored changes are again protected, now by this window
            self.message.emit("已恢复上次未保存的修改，请记得保存。", 15000)
            return True
        return False

    # ---- opening -------------------------------------------------------------------------------
    def show_sample(self) -> None:
        """查看示例报告 (from the start page): the sample as an untitled copy."""
        if self.maybe_save():
            self.open_sample()

    def open_sample(self, path=None) -> None:
        draft = load_draft(path or sample_draft())
        self.doc.replace(draft, None, f"示例报告（{draft.agency}{draft.year}年度，未保存）")

    def open_file(self, path, quiet: bool = False) -> bool:
        """Open a draft; `quiet` (at start, the most recent file): no message when it cannot be read."""
        seen = filesafety.fingerprint(Path(path))  # before reading: a change after it is caught at save
        try:
            draft = load_draft(path)
        except DraftError as e:
            if not quiet:
                dialogs.inform(self.parent_widget, "无法打开草稿", e.message, icon="error")
            return False
        except Exception:  # noqa: BLE001 - a bug must not take the window down
            self._internal_error(f"「{Path(path).name}」无法打开")
            return False
        if Path(path).resolve().parent == resource("samples").resolve():
            # A bundled sample is a template: it opens as an untitled copy, so 保存 never overwrites it.
            self.open_sample(path)
            return True
        if not self.guard.try_claim(Path(path)):
            return False if quiet else self._open_locked(draft, Path(path))
        self.doc.replace(draft, Path(path))
        self.guard.opened(Path(path), seen)
        clean_stale_temps(path)
        add_recent(self.settings, str(path))
        self.message.emit(f"已打开 {path}", 6000)
        return True

    def _open_locked(self, draft, path: Path) -> bool:
        """Another window has `path` open: a read-only copy (saved only under another name), or nothing."""
        answer = dialogs.ask(
            self.parent_widget, "草稿已在别处打开",
            f"「{path.name}」正在另一个年报助手窗口中打开{self.guard.other_holder()}。\n\n"
            "两处同时修改并保存，会有一处的修改被覆盖。可以打开一个只读副本查看，需要保存时另存为新文件。",
            [("readonly", "打开只读副本"), ("cancel", "取消")], default="readonly", icon="warning")
        if answer != "readonly":
            return False
        self.doc.replace(draft, None, f"{path.stem}（只读副本）")
        self.message.emit(f"已打开「{path.name}」的只读副本：保存时请另存为新文件", 10000)
        return True

    def maybe_save(self) -> bool:
        """Before closing or replacing the draft: True when it is fine to go on."""
        if self.doc.draft is None or not self.doc.is_modified():
            return True
        answer = dialogs.ask(self.parent_widget, APP_NAME,
                             f"「{self.doc.display_name()}」有尚未保存的修改。\n\n要先保存吗？",
                             [("save", "保存"), ("discard", "不保存"), ("cancel", "取消")], default="save",
                             icon="warning")
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_report(self, year: int | None = None) -> None:
        if not self.maybe_save():
            return
        answer = dialogs.new_report(self.parent_widget, str(self.settings.value("agency", "") or ""), year)
        if answer is None:
            return
        year, agency = answer
        try:
            draft = new_draft(year, agency)
        except DraftError as e:
            dialogs.inform(self.parent_widget, "无法新建", e.message, icon="error")
            return
        self.doc.recovery.remove()
        self.settings.setValue("agency", agency)
        self.doc.replace(draft, None, f"{agency}{year}年度报告（未保存）")
        self.created.emit()
        self.message.emit(f"已新建{year}年度报告，使用{draft.format.name}", 8000)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        folder = str(self.doc.path.parent) if self.doc.path else str(documents_folder())
        path = dialogs.open_path(self.parent_widget, folder)
        if path:
            self._open_replacing(path)

    def _open_replacing(self, path: str) -> None:
        old_recovery_written = self.doc.recovery.written
        if self.open_file(path):
            if old_recovery_written:
                self.doc.recovery.remove()

    def open_recent(self, path: str) -> None:
        if not self.maybe_save():
            return
        if not Path(path).is_file():
            dialogs.inform(self.parent_widget, "找不到文件",
                           f"找不到「{path}」，它可能已被移动或删除。已从最近打开的列表中移除。", icon="warning")
            remove_recent(self.settings, path)
            return
        self._open_replacing(path)

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        files = recent_files(self.settings)
        if not files:
            a = menu.addAction("（没有）")
            a.setEnabled(False)
            return
        for i, f in enumerate(files):
            a = menu.addAction(f"&{i + 1} {Path(f).name}　—　{Path(f).parent}")
            a.setEnabled(Path(f).is_file())
            a.triggered.connect(lambda _c=False, f=f: self.open_recent(f))
        menu.addSeparator()
        clear = menu.addAction("清除列表")
        clear.triggered.connect(lambda: self.settings.setValue("recent_files", []))

    # ---- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.draft is None:
            return False
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        if self.doc.draft is None:
            return False
        d, path = self.doc.draft, self.doc.path
        folder = path.parent if path else documents_folder()
        name = path.name if path else f"{d.agency}{d.year}年政府信息公开工作年度报告{DRAFT_SUFFIX}"
        chosen = dialogs.save_path(self.parent_widget, str(folder / name))
        if not chosen:
            return False
        chosen = Path(chosen)
        if chosen.suffix.lower() != DRAFT_SUFFIX:
            chosen = chosen.with_name(chosen.name + DRAFT_SUFFIX)
        return self._save_to(chosen)

    def _save_to(self, path: Path) -> bool:
        path = Path(path)
        if path != self.guard.path and not self.guard.try_claim(path):
            dialogs.inform(self.parent_widget, "不能保存到这个文件",
                           f"「{path.name}」正在另一个年报助手窗口中打开，保存到这里会覆盖那边的修改。"
                           "请换一个文件名另存。", icon="warning")
            return False
        changed = self.guard.changed_since_seen(path)
        if changed is not False:
            what = "已被删除或移走" if changed is None else "在打开之后被其他程序或其他人修改过"
            answer = dialogs.ask(
                self.parent_widget, "文件已被修改",
                f"「{path.name}」{what}。\n\n现在保存会用本窗口的内容覆盖它，那些修改将会丢失"
                f"（上一版仍会留在「{backup_path(path).name}」中）。",
                [("overwrite", "仍然保存"), ("saveas", "另存为…"), ("cancel", "取消")], default="saveas",
                icon="warning")
            if answer == "saveas":
                return self.save_as()
            if answer != "overwrite":
                return False
        try:
            self.doc.save_to(path)
        except ReadOnlyDraftError as e:
            answer = dialogs.ask(self.parent_widget, "文件是只读的", e.message,
                                 [("saveas", "另存为…"), ("cancel", "取消")], default="saveas", icon="warning")
            return self.save_as() if answer == "saveas" else False
        except DraftError as e:
            dialogs.inform(self.parent_widget, "保存失败", e.message + "\n\n修改仍在窗口中，请换一个位置另存。",
                           icon="error")
            return False
        self.guard.opened(path, filesafety.fingerprint(path))
        add_recent(self.settings, str(path))
        if self.doc.draft.agency.strip():
            self.settings.setValue("agency", self.doc.draft.agency.strip())  # proposed by the next 新建
        self.message.emit(f"已保存到 {path}", 8000)
        return True
