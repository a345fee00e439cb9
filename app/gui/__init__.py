"""The desktop window (PySide6). Everything Qt lives in this package; the core under app/ stays Qt-free.

PySide6-Essentials 6.12.0 returns None from void methods without a reference on Python < 3.12 and the
interpreter aborts after a few thousand calls (none_dealloc); constraints.txt pins 6.11.3 and
pyproject.toml excludes 6.12.0. tests/test_gui.py guards the pin.
"""
