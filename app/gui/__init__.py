"""The desktop window (PySide6). Everything Qt lives in this package; the core under app/ stays Qt-free."""
