"""The window on the screens offices have (1366×768; 1920×1080 at 150 %), frozen headers, zoom and the
findings panel. Screen sizes need a fresh Qt process: those tests start one with the offscreen platform
configured to that screen (QT_QPA_PLATFORM=offscreen:configfile=…) and QT_SCALE_FACTOR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.gui import names  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from app.gui.main import setup_application
from app.gui.window import MainWindow
app = QApplication(sys.argv[:1]); setup_application(app)
w = MainWindow(); w.start(None, offer_recovery=False); w.show()
for _ in range(5): app.processEvents()
out = {"avail": w.screen().availableGeometry().getRect(), "frame": w.frameGeometry().getRect(),
       "min": [w.minimumSizeHint().width(), w.minimumSizeHint().height()], "state": int(w.windowState().value)}
w.setWindowState(w.windowState() & ~w.windowState().WindowMaximized)
for _ in range(5): app.processEvents()
out["normal"] = w.frameGeometry().getRect()
print(json.dumps(out))
w.close_without_asking()
"""


def _probe(tmp_path, width: int, height: int, scale: str | None) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [
        {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
         "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", NIANBAO_DATA_DIR=str(tmp_path / "d"),
               NIANBAO_SETTINGS_DIR=str(tmp_path / "s"))
    env.pop("QT_SCALE_FACTOR", None)
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _inside(rect, area) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.parametrize("width,height,scale", [(1366, 768, None), (1920, 1080, "1.5"), (1024, 600, None)])
def test_the_window_fits_the_screen(tmp_path, width, height, scale):
    r = _probe(tmp_path, width, height, scale)
    assert _inside(r["frame"], r["avail"]), r
    assert _inside(r["normal"], r["avail"]), r  # also when un-maximized
    assert r["min"][0] <= r["avail"][2] and r["min"][1] <= r["avail"][3], r
    if scale:
        assert r["avail"][2] == 1280  # 1920 logical pixels at 150 %


@pytest.fixture
def win(qtbot, seed_path):
    w = MainWindow()
    qtbot.addWidget(w, before_close_func=lambda w: setattr(w, "_force_close", True))
    assert w.files.open_file(str(seed_path))
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(900, 600)  # small enough that table 三 scrolls both ways
    w.show()
    qtbot.waitExposed(w)
    return w


def _view(w, table_id):
    w.tabs.setCurrentIndex(w.table_tab(table_id))
    QApplication.processEvents()
    return w.views[table_id]


def test_header_rows_and_label_columns_stay_put_while_scrolling(win):
    view = _view(win, "table3")
    m = view.grid_model
    assert (view.frozen_rows, view.frozen_cols) == (3, 3)
    top, left = view.frozen_top, view.frozen_left
    header = m.index(0, 3)  # 申请人情况
    label = m.index_of("open", "total").siblingAtColumn(2)  # the row label of （一）予以公开
    assert header.data() == "申请人情况"
    before_header = top.visualRect(header).topLeft()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    QApplication.processEvents()
    assert view.verticalScrollBar().value() > 0
    # The grid's own header row is scrolled away; the frozen one is where it was, on top of the grid.
    assert view.visualRect(header).top() < 0
    assert top.visualRect(header).topLeft() == before_header and top.isVisible()
    assert top.geometry().top() == view.viewport().geometry().top()
    # The label column scrolled with the rows (same place as the grid's own label)...
    assert left.visualRect(label).top() == view.visualRect(label).top()
    # ...and stays put while scrolling sideways, while the values move.
    view.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    label_x = left.visualRect(label).left()
    value = m.index_of("open", "natural_person")
    value_x = view.visualRect(value).left()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    QApplication.processEvents()
    assert view.horizontalScrollBar().value() > 0
    assert left.visualRect(label).left() == label_x
    assert view.visualRect(value).left() < value_x
    # The frozen header scrolled sideways with the values.
    assert top.horizontalScrollBar().value() == view.horizontalScrollBar().value()


def test_a_cell_reached_by_keys_is_not_left_under_the_frozen_parts(win):
    view = _view(win, "table3")
    m = view.grid_model
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    idx = m.index_of("new_received", "natural_person")
    view.setCurrentIndex(idx)
    view.scrollTo(idx)
    fw, fh = view.frozen_size()
    rect = view.visualRect(idx)
    assert rect.left() >= fw and rect.top() >= fh


def test_table_two_has_block_headers_and_freezes_only_its_labels(win):
    view = _view(win, "table2")
    assert (view.frozen_rows, view.frozen_cols) == (0, 1)
    view4 = _view(win, "table4")
    assert (view4.frozen_rows, view4.frozen_cols) == (3, 0)


def test_zoom_by_keys_and_ctrl_wheel_is_remembered(qtbot, win):
    view = _view(win, "table3")
    size = view.font().pointSizeF()
    width = view.columnWidth(5)
    win.action(names.ACT_ZOOM_IN).trigger()
    assert view.font().pointSizeF() > size and view.columnWidth(5) >= width
    assert win.action(names.ACT_ZOOM_IN).shortcuts()[1].toString() == "Ctrl+="
    wheel = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.font().pointSizeF() < size and win.zoom_percent == 90
    assert view.verticalScrollBar().value() == 0  # Ctrl+wheel zooms instead of scrolling
    win.close()
    w2 = MainWindow()
    qtbot.addWidget(w2, before_close_func=lambda w: setattr(w, "_force_close", True))
    w2.start(None, offer_recovery=False)
    assert w2.zoom_percent == 90
    assert w2.views["table3"].font().pointSizeF() < size
    w2.action(names.ACT_ZOOM_RESET).trigger()
    assert w2.views["table3"].font().pointSizeF() == size


def test_the_findings_panel_collapses_and_stays_collapsed(qtbot, win):
    act = win.action(names.ACT_FINDINGS)
    assert act.isChecked() and win.splitter.sizes()[1] > 0
    act.trigger()
    assert win.splitter.sizes()[1] == 0 and not act.isChecked()
    win.close()
    w2 = MainWindow()
    qtbot.addWidget(w2, before_close_func=lambda w: setattr(w, "_force_close", True))
    w2.start(None, offer_recovery=False)
    w2.show()
    qtbot.waitExposed(w2)
    assert w2.splitter.sizes()[1] == 0 and not w2.action(names.ACT_FINDINGS).isChecked()
    w2.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w2)
    qtbot.keyClick(w2.tabs, Qt.Key.Key_F6)
    assert w2.splitter.sizes()[1] > 0 and w2.action(names.ACT_FINDINGS).isChecked()
