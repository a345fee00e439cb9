"""QSettings for window geometry and recent files, isolated for tests and portable use.

NIANBAO_SETTINGS_DIR (or else NIANBAO_DATA_DIR) puts the settings in an INI file in that folder instead of
the user's registry/config, so tests never touch the real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "nianbao"
APPLICATION = "年报助手"
MAX_RECENT = 8


def app_settings() -> QSettings:
    folder = os.environ.get("NIANBAO_SETTINGS_DIR") or os.environ.get("NIANBAO_DATA_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, "nianbao")


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recent_files", [])
    if isinstance(value, str):
        value = [value] if value else []
    return [str(v) for v in (value or [])]


def add_recent(settings: QSettings, path: str) -> None:
    path = str(Path(path).resolve())
    files = [f for f in recent_files(settings) if f != path]
    settings.setValue("recent_files", [path, *files][:MAX_RECENT])


def remove_recent(settings: QSettings, path: str) -> None:
    settings.setValue("recent_files", [f for f in recent_files(settings) if f != str(path)])
