"""The bundle-size baseline: a bare PySide6 hello-world, frozen by PyInstaller with its defaults (no trimming)."""

import sys

from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("你好")
label.show()
sys.exit(app.exec())
