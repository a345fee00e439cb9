"""Where the program finds its bundled resources and keeps the clerk's files.

Resources (samples, help, icons, translations) are found the same way from a source checkout, an
installed package and the frozen PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("resources folder not found next to the program")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_draft() -> Path:
    return resource("samples", "seed-2020-yanchi.nianbao")


def user_data_dir() -> Path:
    """Recovery copies and other per-user files; NIANBAO_DATA_DIR overrides it (tests, portable use)."""
    override = os.environ.get("NIANBAO_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir as _udd

    return Path(_udd("nianbao", appauthor=False))
