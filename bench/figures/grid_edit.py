"""One cell edit in table 三 until repainted: setData on the grid's model, then processEvents (p50 and p99).

Program: the real main window with the sample loaded, table 三's tab in front; five input cells in turn, each
going to its value +1, then +2, then back: the 勾稽关系 breaks, stays broken by another difference, and mends,
so the findings change on every edit and the cells' error marks on two edits of three. Baseline: a
QStandardItemModel of the same size in a QTableView in a window of the same size, setData of the same text,
processEvents. In turn.
"""

from __future__ import annotations

from bench.harness import Harness, Result, Target, pair_extra, percentile

ORDER = 20
PER_RUN = 40


def measure(h: Harness) -> list[Result]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    from app.gui import names
    from bench.gui import application, close, find, main_window, show_page_of

    app = application()
    window = main_window(h.sample)
    view = find(window, QAbstractItemView, names.grid("table3"))
    show_page_of(window, view)
    model = view.model()
    editable = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable]
    cells = editable[len(editable) // 3: len(editable) // 3 + 5]  # a few cells in the middle of the table
    start = {i.row() * 1000 + i.column(): int(model.data(i) or 0) for i in cells}

    bare = QTableView()
    base = QStandardItemModel(model.rowCount(), model.columnCount())
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            base.setItem(r, c, QStandardItem(str(model.data(model.index(r, c)) or "")))
    bare.setModel(base)
    bare.resize(window.size())
    bare.show()
    app.processEvents()

    def value(i: int, index) -> str:
        # on pass p each cell gets its own value +1, +2, +0, +1, ...
        return str(start[index.row() * 1000 + index.column()] + (i // len(cells) + 1) % 3)

    def program(i: int) -> None:
        index = cells[i % len(cells)]
        if not model.setData(index, value(i, index), Qt.ItemDataRole.EditRole):
            raise RuntimeError("the grid refused the edit")
        app.processEvents()

    def baseline(i: int) -> None:
        index = cells[i % len(cells)]
        base.setData(base.index(index.row(), index.column()), value(i, index), Qt.ItemDataRole.EditRole)
        app.processEvents()

    for i in range(0 if h.smoke else 3 * len(cells)):  # warm-up: first paints, caches
        program(i)
        baseline(i)
    n = h.samples(PER_RUN)
    a, b = h.interleave(program, baseline, n)
    a, b = [x * 1e3 for x in a], [x * 1e3 for x in b]
    what = "one cell edit in table 三 until repainted (setData + processEvents)"
    base_name = "QStandardItemModel.setData + processEvents"
    close(window)
    return [
        Result("grid_edit.p50", f"{what}, p50", "ms", percentile(a, 50), percentile(b, 50), base_name,
               Target(text="—"), n, extra={**pair_extra(a, b), **h.cpu_extra(50)}),
        Result("grid_edit.p99", f"{what}, p99", "ms", percentile(a, 99), percentile(b, 99), base_name,
               Target(ratio=5.0, program=8.0, text="≤ 8 ms and ≤ 5×"), n, extra=h.cpu_extra(99)),
    ]
