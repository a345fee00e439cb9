"""The start-up baseline: a bare PySide6 window with 6 tabs of 30x8 QTableWidget, ending when shown and idle."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from idle_exit import exit_when_idle  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem, QTabWidget  # noqa: E402

app = QApplication(sys.argv[:1])
exit_when_idle(app)
window = QMainWindow()
tabs = QTabWidget()
for t in range(6):
    table = QTableWidget(30, 8)
    for r in range(30):
        for c in range(8):
            table.setItem(r, c, QTableWidgetItem(str(r * c)))
    tabs.addTab(table, f"表{t + 1}")
window.setCentralWidget(tabs)
window.resize(1400, 900)
window.show()
sys.exit(app.exec())
