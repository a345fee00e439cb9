"""One character typed at the end of a 100 KB section text (the editor's insert and every handler it triggers,
without the repaint that follows), p50; and the undo memory that typing leaves behind per character.

(The program's draft takes what was typed when the draft is read or typing pauses, at most every 300 ms: that
work falls between the samples here, where the event loop runs.)

Program: the real main window, the text editor of section 五 and of 一's first sub-part holding 100 KB of text.
Baseline: a bare QPlainTextEdit with the same text (Qt's own undo on). In turn, one character each.
"""

from __future__ import annotations

import gc

from bench.harness import Harness, Result, Target, pair_extra, percentile, rss_bytes

ORDER = 30
PER_RUN = 40
TEXT_BYTES = 100_000
UNDO_CHARS = 300


def filler(n_bytes: int) -> str:
    """Report-like Chinese text of about n_bytes (UTF-8), in paragraphs."""
    para = ("本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
            "全年主动公开政府信息一千二百余条，依申请公开工作规范有序。\n")
    return para * max(1, n_bytes // len(para.encode("utf-8")))


def measure(h: Harness) -> list[Result]:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit

    from app.gui import names
    from bench.gui import application, close, find, main_window, show_page_of

    app = application()
    window = main_window(h.sample)
    text = filler(2_000 if h.smoke else TEXT_BYTES)
    bare = QPlainTextEdit()
    bare.setPlainText(text)
    bare.resize(900, 600)
    bare.show()
    bare.moveCursor(QTextCursor.MoveOperation.End)

    results = []
    for key, obj, label in (("five", names.TEXT_PROBLEMS, "五"),
                            ("overview_part", names.text_overview_part(1), "一's sub-parts")):
        editor = find(window, QPlainTextEdit, obj)
        show_page_of(window, editor)
        editor.setPlainText(text)
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)
        app.processEvents()

        def program(i: int, editor=editor) -> None:
            editor.insertPlainText("字")

        def baseline(i: int) -> None:
            bare.insertPlainText("字")

        for i in range(0 if h.smoke else 5):
            program(i)
            baseline(i)
            app.processEvents()
        n = h.samples(PER_RUN)
        a, b = h.interleave(program, baseline, n, between=app.processEvents)
        a, b = [x * 1e3 for x in a], [x * 1e3 for x in b]
        results.append(Result(
            f"typing.{key}.p50", f"one character typed at the end of a 100 KB section text ({label}), p50", "ms",
            percentile(a, 50), percentile(b, 50), "bare QPlainTextEdit, same text", Target(ratio=2.0, text="≤ 2×"),
            n, extra={**pair_extra(a, b), **h.cpu_extra(50)}))

    results.append(undo_memory(h, app, window, bare, text))
    close(window)
    return results


def undo_memory(h: Harness, app, window, bare, text: str) -> Result:
    """Resident memory gained per typed character, each character its own undo step where the program lets a
    step be cut (typing pauses longer than its merge interval); Qt's own text undo as the baseline."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit

    from app.gui import commands, names
    from bench.gui import find

    editor = find(window, QPlainTextEdit, names.TEXT_PROBLEMS)
    editor.setPlainText(text)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    saved = getattr(commands, "MERGE_SECONDS", None)
    if saved is not None:
        commands.MERGE_SECONDS = -1.0  # as if the clerk paused after every character: no merging
    chars = 10 if h.smoke else UNDO_CHARS

    def grow(widget, take=lambda: None) -> float:
        widget.insertPlainText("字")  # first allocations (layout caches) outside the measurement
        app.processEvents()
        take()
        gc.collect()
        before = rss_bytes()
        for _ in range(chars):
            widget.insertPlainText("字")
            app.processEvents()
            take()
        gc.collect()
        return max(0, rss_bytes() - before) / chars / 1024

    try:
        a, b = [], []
        for _ in range(1 if h.smoke else 3):
            # The program's draft takes typed text when it is read (or typing pauses): read it after every
            # character, so that each is an undo step of its own.
            a.append(grow(editor, lambda: window.draft))
            b.append(grow(bare))
    finally:
        if saved is not None:
            commands.MERGE_SECONDS = saved
    return Result("typing.undo_memory", "undo memory while typing in a 100 KB text, per typed character", "KiB",
                  sorted(a)[len(a) // 2], sorted(b)[len(b) // 2], "Qt's own text undo", Target(
                      program=1.0, text="O(typed characters): ≤ 1 KiB per character"), len(a) * chars,
                  extra={"program_each": a, "baseline_each": b}, with_ratio=False)
