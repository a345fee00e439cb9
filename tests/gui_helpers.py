"""Shared by the GUI tests: scripted answers to every dialog of app.gui.dialogs."""

from __future__ import annotations

from app.gui import dialogs


class Dialogs:
    """Scripted answers to the window's questions; records what was asked."""

    def __init__(self, monkeypatch):
        self.answers: list[str] = []
        self.asked: list[str] = []
        self.informed: list[str] = []
        self.save_paths: list[str | None] = []
        self.open_paths: list[str | None] = []
        self.new_reports: list[tuple[int, str] | None] = []
        self.new_report_asked: list[tuple[str, int | None]] = []  # (agency proposed, year proposed)
        monkeypatch.setattr(dialogs, "ask", self.ask)
        monkeypatch.setattr(dialogs, "inform", self.inform)
        monkeypatch.setattr(dialogs, "save_path", self.save_path)
        monkeypatch.setattr(dialogs, "open_path", self.open_path)
        monkeypatch.setattr(dialogs, "new_report", self.new_report)

    def ask(self, parent, title, text, choices, default=None, icon="question", details=""):
        self.asked.append(text)
        assert self.answers, f"unexpected question: {text}"
        answer = self.answers.pop(0)
        assert answer in [k for k, _ in choices], (answer, choices)
        return answer

    def inform(self, parent, title, text, icon="info"):
        self.informed.append(text)

    def save_path(self, parent, suggested, title="保存草稿", file_filter=""):
        assert self.save_paths, f"unexpected save dialog ({suggested})"
        return self.save_paths.pop(0)

    def open_path(self, parent, folder):
        assert self.open_paths, "unexpected open dialog"
        return self.open_paths.pop(0)

    def new_report(self, parent, agency="", year=None):
        self.new_report_asked.append((agency, year))
        assert self.new_reports, "unexpected 新建 dialog"
        return self.new_reports.pop(0)


def open_window(qtbot, path):
    """The main window on the draft at `path`, shown offscreen; closed at the test's end without asking."""
    from app.gui.window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_force_close", True))
    assert w.files.open_file(str(path))
    w.show()
    qtbot.waitExposed(w)
    return w
