"""Reading and writing draft files: atomic writes, a backup of the previous version, and loading that
never crashes and never writes, with one Chinese message per way a file can be wrong.

A draft is UTF-8 JSON (readable, not ASCII-escaped) under its own extension, so that the installer can
associate it without taking over .json.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from decimal import Decimal
from pathlib import Path

from .draft import SCHEMA_VERSION, Draft, to_data, validate
from .errors import DraftError, NianbaoError

DRAFT_SUFFIX = ".nianbao"
BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one, never half.

    Temporary file in the same folder (so os.replace is a rename on one file system), flush, fsync,
    replace, then fsync the folder so the rename itself survives a power cut.
    """
    path = Path(path)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, mode)
        except OSError:  # e.g. a network share without Unix permissions
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):
        try:
            dfd = os.open(path.parent, os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dfd)
        except OSError:
            pass
        finally:
            os.close(dfd)


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: those of the file it replaces, else rw-r--r--
    (mkstemp's temporary file is private, 0600, which would hide the file from colleagues)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o644


def dumps(draft: Draft) -> str:
    return json.dumps(to_data(draft), ensure_ascii=False, indent=2) + "\n"


def save_draft(draft: Draft, path: str | os.PathLike) -> None:
    """Save atomically; the version it replaces is kept beside it as `<name>.bak`."""
    path = Path(path)
    data = dumps(draft).encode("utf-8")
    try:
        if path.exists():
            # Copy, not rename: the real file stays in place until the new one replaces it.
            tmp_backup = backup_path(path).with_name(backup_path(path).name + ".tmp")
            try:
                shutil.copy2(path, tmp_backup)
                os.replace(tmp_backup, backup_path(path))
            except BaseException:
                tmp_backup.unlink(missing_ok=True)
                raise
        atomic_write(path, data)
    except FileNotFoundError:
        raise DraftError(f"无法保存到「{path}」：文件夹「{path.parent}」不存在") from None
    except PermissionError:
        raise DraftError(f"无法保存到「{path}」：没有写入权限，或文件正被其他程序占用") from None
    except OSError as e:
        raise DraftError(f"无法保存到「{path}」：{e.strerror or e}") from None


# ---- loading ----------------------------------------------------------------------------------

def _migrate_1_to_2(data: dict) -> dict:
    """Schema 1 (the first cut of the draft format) named the format `format` and kept each section as
    one plain string; schema 2 has `format_id` and sections as {text, parts} (section 一's sub-parts)."""
    data = dict(data)
    if "format" in data:
        data["format_id"] = data.pop("format")
    sections = data.get("sections", {})
    if isinstance(sections, dict):
        data["sections"] = {k: ({"text": v} if isinstance(v, str) else v) for k, v in sections.items()}
    return data


def _migrate_2_to_3(data: dict) -> dict:
    """Schema 3 adds the optional previous-year record (`previous`); a version-2 draft has none."""
    return dict(data)


# schema version N -> function that turns a version-N dict into a version-(N+1) dict
MIGRATIONS = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


def migrate(data: dict, name: str = "草稿") -> dict:
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DraftError(f"「{name}」不是年报助手的草稿：缺少有效的文件版本号")
    if version > SCHEMA_VERSION:
        raise DraftError(f"「{name}」是由更新版本的年报助手保存的（文件版本{version}，本程序只认识到版本"
                         f"{SCHEMA_VERSION}）。请升级年报助手后再打开，文件没有被改动。")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def _has_unencodable_text(data) -> bool:
    """True if a string holds a lone surrogate (a "\\ud800" escape): it could be neither printed nor saved."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False


def loads(text: str, name: str = "草稿") -> Draft:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as e:
        raise DraftError(f"「{name}」不是有效的草稿文件：第{e.lineno}行第{e.colno}列格式有误") from None
    except (RecursionError, ValueError):  # nested too deeply, or an integer with thousands of digits
        raise DraftError(f"「{name}」不是有效的草稿文件：内容无法解析") from None
    if not isinstance(data, dict) or "schema_version" not in data or not (
            "format_id" in data or "format" in data):
        raise DraftError(f"「{name}」不是年报助手的草稿（可能是其他程序的文件）")
    # A lone surrogate can only come from a \u escape (decoded UTF-8 holds none): skip the walk without one.
    if "\\u" in text and _has_unencodable_text(data):
        raise DraftError(f"「{name}」不是有效的草稿文件：其中有无法识别的字符，文件可能已损坏")
    data = migrate(data, name)
    try:
        return validate(data)
    except DraftError as e:
        raise DraftError(f"「{name}」中的数据有误：{e.message}") from None


def load_draft(path: str | os.PathLike) -> Draft:
    """Read a draft; any problem raises DraftError with a Chinese message. Never writes."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"找不到文件「{path}」") from None
    except IsADirectoryError:
        raise DraftError(f"「{path}」是一个文件夹，不是草稿文件") from None
    except PermissionError:
        raise DraftError(f"没有权限读取「{path}」") from None
    except OSError as e:
        raise DraftError(f"无法读取「{path}」：{e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError(f"「{path.name}」不是年报助手的草稿：文件不是UTF-8文本（可能是Word或Excel文件）") from None
    return loads(text, path.name)


__all__ = ["BACKUP_SUFFIX", "DRAFT_SUFFIX", "NianbaoError", "atomic_write", "backup_path", "dumps",
           "load_draft", "loads", "save_draft"]
