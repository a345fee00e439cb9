"""Reading and writing draft files: atomic writes, a backup of the previous version, and loading that
never crashes and never writes, with one Chinese message per way a file can be wrong.

A draft is UTF-8 JSON (readable, not ASCII-escaped) under its own extension, so that the installer can
associate it without taking over .json.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import stat
import time
from decimal import Decimal
from pathlib import Path

from .draft import SCHEMA_VERSION, Draft, to_data, validate
from .errors import DraftError, NianbaoError, ReadOnlyDraftError, os_error_text, quote

try:  # POSIX: a temporary file is locked while its save runs, so a stale one can be told from a live one
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted anyway; stale means old
    fcntl = None

DRAFT_SUFFIX = ".nianbao"
BACKUP_SUFFIX = ".bak"
TEMP_SUFFIX = ".nbtmp"  # every temporary file this program makes beside a draft ends so
NAME_MAX_BYTES = 255  # the file-name limit of ext4, NTFS (in UTF-16 units, which is never less), FAT
MAX_DRAFT_BYTES = 50 * 1024 * 1024  # a real draft is < 100 KB; anything bigger is not one of ours
STALE_WINDOWS_SECONDS = 600


def _fit(name: str, room: int) -> str:
    """`name` cut (on a character boundary) to at most `room` bytes of UTF-8."""
    data = name.encode("utf-8")
    if len(data) <= room:
        return name
    return data[:room].decode("utf-8", "ignore")


def backup_path(path: Path) -> Path:
    """`<name>.bak`, or for a name too long for that, a shortened name with a hash of the full one."""
    path = Path(path)
    name = path.name + BACKUP_SUFFIX
    if len(name.encode("utf-8")) <= NAME_MAX_BYTES:
        return path.with_name(name)
    tag = hashlib.sha1(path.name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    room = NAME_MAX_BYTES - len(f"~{tag}{BACKUP_SUFFIX}".encode())
    return path.with_name(f"{_fit(path.name, room)}~{tag}{BACKUP_SUFFIX}")


def _temp_path(path: Path) -> Path:
    """A new hidden, unique name beside `path`, within the file-name limit: `.<name>~<random>.nbtmp`."""
    tail = f"~{secrets.token_hex(6)}{TEMP_SUFFIX}"
    room = NAME_MAX_BYTES - len(tail.encode()) - 1
    return path.with_name(f".{_fit(path.name, room)}{tail}")


class _Temp:
    """A temporary file created exclusively beside the target and locked (POSIX) until it is renamed or
    removed, so that `clean_stale_temps` of another window never takes it for a leftover."""

    def __init__(self, target: Path):
        for _ in range(100):
            self.path = _temp_path(target)
            try:
                self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                                  0o600)
                break
            except FileExistsError:
                continue
        else:  # pragma: no cover - 100 collisions of 48 random bits
            raise FileExistsError(errno.EEXIST, "temporary name collision")
        self.lock_fd = None
        if fcntl is not None:
            try:
                self.lock_fd = os.open(self.path, os.O_RDONLY)
                fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pass  # a file system without locks: the age rule in _is_stale still protects it

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]

    def finish(self, mode: int) -> None:
        """Flush to the disk and close; only then may the file replace anything."""
        os.fsync(self.fd)
        fd, self.fd = self.fd, None
        os.close(fd)
        try:
            os.chmod(self.path, mode)
        except OSError:  # FAT/exFAT USB sticks and network shares have no Unix permissions
            pass

    def release(self) -> None:
        for name in ("fd", "lock_fd"):
            fd = getattr(self, name)
            if fd is not None:
                setattr(self, name, None)
                try:
                    os.close(fd)
                except OSError:
                    pass

    def discard(self) -> None:
        self.release()
        try:
            os.unlink(self.path)
        except OSError:
            pass


def _fsync_folder(folder: Path) -> None:
    """So the rename itself survives a power cut (POSIX; Windows has no folder handles for this)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        dfd = os.open(folder, os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        try:
            os.close(dfd)
        except OSError:
            pass


def _replace_with(path: Path, data: bytes, keep_backup: bool) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one, never half; with
    `keep_backup`, the replaced version becomes `backup_path(path)`, but only once the new file is in place:
    a save that fails leaves both the file and its older backup exactly as they were."""
    clean_stale_temps(path)
    mode = _mode_for(path)
    new = _Temp(path)
    old = None
    try:
        new.write(data)
        new.finish(mode)
        if keep_backup and path.exists():
            old = _Temp(path)
            with open(path, "rb") as f:
                old.write(f.read())
            old.finish(mode)
        os.replace(new.path, path)
    except BaseException:
        new.discard()
        if old is not None:
            old.discard()
        raise
    new.release()
    if old is not None:
        try:
            os.replace(old.path, backup_path(path))
        except OSError:  # the save itself succeeded; the previous backup stays as it was
            old.discard()
        else:
            old.release()
    _fsync_folder(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one, never half.

    Temporary file in the same folder (so os.replace is a rename on one file system), flush, fsync,
    replace, then fsync the folder. Raises OSError; callers word it in Chinese.
    """
    _replace_with(Path(path), data, keep_backup=False)


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: those of the file it replaces, else rw-r--r--
    (the temporary file is private, 0600, which would hide the file from colleagues)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o644


def _legacy_temp(name: str, target_names: set[str]) -> bool:
    """Temporary files of earlier versions: `.<draft>.<8 random>.tmp` (tempfile.mkstemp) and `<draft>.bak.tmp`."""
    if name.endswith(BACKUP_SUFFIX + ".tmp"):
        return name[: -len(BACKUP_SUFFIX + ".tmp")] in target_names
    if name.startswith(".") and name.endswith(".tmp"):
        base, _, rand = name[1:-4].rpartition(".")
        return base in target_names and len(rand) == 8
    return False


def _is_stale(p: Path, legacy: bool) -> bool:
    try:
        st = p.stat()
    except OSError:
        return False
    age = time.time() - st.st_mtime
    if legacy or fcntl is None:
        return age > STALE_WINDOWS_SECONDS
    if st.st_size == 0 and age < 5:
        return False  # just created; its save takes the lock in the next microsecond
    try:
        fd = os.open(p, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a save in progress (this or another program)
    finally:
        os.close(fd)
    return True


def clean_stale_temps(path: str | os.PathLike) -> list[Path]:
    """Remove what a save killed half-way (power cut, kill -9) left beside the draft `path`: our own
    temporary files only, and only those no running save holds. Returns what was removed."""
    path = Path(path)
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    targets = {path.name, backup_path(path).name}
    for entry in entries:
        name = entry.name
        legacy = _legacy_temp(name, targets)
        if not (legacy or (name.startswith(".") and name.endswith(TEMP_SUFFIX))):
            continue
        p = Path(entry.path)
        if _is_stale(p, legacy):
            try:
                os.unlink(p)
                removed.append(p)
            except OSError:
                pass
    return removed


def dumps(draft: Draft) -> str:
    return json.dumps(to_data(draft), ensure_ascii=False, indent=2) + "\n"


def is_read_only(path: Path) -> bool:
    """Marked read-only (chmod a-w; Windows' read-only attribute). Root could write it anyway; we do not."""
    try:
        return stat.S_IMODE(Path(path).stat().st_mode) & 0o222 == 0
    except OSError:
        return False


def save_error(path: Path, e: OSError) -> DraftError:
    """An OSError of a save, as the clerk reads it."""
    if isinstance(e, FileNotFoundError) and not path.parent.is_dir():
        return DraftError(f"无法保存到「{path}」：文件夹「{path.parent}」不存在")
    return DraftError(f"无法保存到「{path}」：{os_error_text(e)}")


def save_draft(draft: Draft, path: str | os.PathLike) -> None:
    """Save atomically; the version it replaces is kept beside it as `<name>.bak` (see backup_path).

    Refuses a file marked read-only (ReadOnlyDraftError: the window offers 另存为)."""
    path = Path(path)
    data = dumps(draft).encode("utf-8")
    if is_read_only(path):
        raise ReadOnlyDraftError(f"「{path.name}」是只读文件，没有保存。请用「另存为」保存到另一个文件，"
                                 f"或在文件属性中取消只读后再保存。")
    try:
        _replace_with(path, data, keep_backup=True)
    except OSError as e:
        raise save_error(path, e) from None


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
        raise DraftError(f"「{name}」是由更新版本的年报助手保存的（文件版本{quote(version)}，本程序只认识到版本"
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


class _BadNumber(ValueError):
    def __init__(self, literal: str):
        super().__init__(literal)
        self.literal = literal


def _bounded_decimal(literal: str) -> Decimal:
    """JSON numbers with a fraction or exponent: exact Decimals, refused when absurdly large or small
    before anything converts them (pydantic would turn 1e999999999 into an int digit by digit)."""
    if len(literal) > 100:
        raise _BadNumber(literal)
    d = Decimal(literal)
    if not d.is_finite() or abs(d.adjusted()) > 100:
        raise _BadNumber(literal)
    return d


def _bounded_int(literal: str) -> int:
    if len(literal.lstrip("-")) > 100:
        raise _BadNumber(literal)
    return int(literal)


_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_RUN = b"0" * 101


def _may_hold_long_integer(utf8: bytes) -> bool:
    """Whether the text (as UTF-8) has a run of more than 100 digits (an integer `_bounded_int` refuses, or
    only a long string of digits). Without one, the JSON parser's own integer conversion is as safe and
    spares a Python call per number, most of a draft's parsing time."""
    return _LONG_RUN in utf8.translate(_DIGITS_TO_ZERO)


def _refuse_constant(name: str):
    raise _BadNumber(name)  # NaN, Infinity, -Infinity: not JSON, and no cell can hold them


def loads(text: str, name: str = "草稿", utf8: bytes | None = None) -> Draft:
    """A draft from its JSON text; `utf8`: the file's bytes when they are exactly `text` in UTF-8 (the bytes
    are searched several times faster than the text)."""
    if utf8 is None:
        utf8 = text.encode("utf-8", "surrogatepass")
    try:
        data = json.loads(text, parse_float=_bounded_decimal,
                          parse_int=_bounded_int if _may_hold_long_integer(utf8) else None,
                          parse_constant=_refuse_constant)
    except _BadNumber as e:
        raise DraftError(f"「{name}」不是有效的草稿文件：其中的数「{quote(e.literal)}」超出了范围") from None
    except json.JSONDecodeError as e:
        raise DraftError(f"「{name}」不是有效的草稿文件：第{e.lineno}行第{e.colno}列格式有误") from None
    except (RecursionError, ValueError, MemoryError):  # nested too deeply
        raise DraftError(f"「{name}」不是有效的草稿文件：内容无法解析") from None
    if not isinstance(data, dict) or "schema_version" not in data or not (
            "format_id" in data or "format" in data):
        raise DraftError(f"「{name}」不是年报助手的草稿（可能是其他程序的文件）")
    # A lone surrogate can only come from a \u escape (decoded UTF-8 holds none): skip the walk without one.
    if b"\\u" in utf8 and _has_unencodable_text(data):
        raise DraftError(f"「{name}」不是有效的草稿文件：其中有无法识别的字符，文件可能已损坏")
    data = migrate(data, name)
    try:
        return validate(data)
    except DraftError as e:
        raise DraftError(f"「{name}」中的数据有误：{e.message}") from None


_SIGNATURES = (
    (b"PK\x03\x04", "压缩包格式的文件（可能是Word的.docx、Excel的.xlsx或WPS文件）"),
    (b"\xd0\xcf\x11\xe0", "旧版Word或Excel文件（.doc/.xls/.et/.wps）"),
    (b"%PDF", "PDF文件"),
    (b"{\\rtf", "RTF格式的文档"),
    (b"\x89PNG", "图片（PNG）"),
    (b"\xff\xd8\xff", "图片（JPEG）"),
    (b"Rar!", "RAR压缩包"),
    (b"7z\xbc\xaf", "7z压缩包"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"), (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def decode(raw: bytes, name: str) -> str:
    return _decode(raw, name)[0]


def _decode(raw: bytes, name: str) -> tuple[str, bool]:
    """The text of a draft file, and whether the file is that text in plain UTF-8 (no byte-order mark).
    UTF-8 as we write it; also what Notepad on a Chinese Windows makes of it
    when re-saved (UTF-16 with or without a byte-order mark, GBK/GB18030). Anything else is named.

    Decoded by trying exact codecs in a fixed order rather than guessing (charset detection): a draft is
    JSON, so a strict decode that yields text starting with "{" is unambiguous enough, and never wrong
    silently.
    """
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec), False
            except UnicodeDecodeError:
                raise DraftError(f"「{name}」不是有效的草稿文件：文件标明是{label}文本，但内容已损坏") from None
    if len(raw) >= 2 and (raw[0] == 0) != (raw[1] == 0):  # UTF-16 without a byte-order mark: "{" is 7B 00
        try:
            return raw.decode("utf-16-le" if raw[1] == 0 else "utf-16-be"), False
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    for sig, what in _SIGNATURES:
        if raw.startswith(sig):
            raise DraftError(f"「{name}」不是年报助手的草稿：这是{what}。"
                             f"请在年报助手中用「打开」选择 .nianbao 草稿文件")
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and text.lstrip().startswith("{"):
        return text, False
    raise DraftError(f"「{name}」不是年报助手的草稿：不是文本文件（既不是UTF-8，也不是GBK/GB18030或UTF-16编码的文字），"
                     f"可能是其他程序的文件或已损坏")


def _read_bounded(f, limit: int) -> bytes:
    """The file's bytes, but at most `limit` + 1 (one more than allowed tells the file is too big). Sized by
    the file, not the limit: `read(limit + 1)` would set aside 50 MB for every 10 KB draft."""
    size = os.fstat(f.fileno()).st_size
    raw = f.read(min(size, limit) + 1)
    if len(raw) > size:  # grown since, or a file that reports no size: read on, still bounded
        raw += f.read(limit + 1 - len(raw))
    return raw


def load_draft(path: str | os.PathLike) -> Draft:
    """Read a draft; any problem raises DraftError with a Chinese message. Never writes."""
    if not isinstance(path, Path):  # Path(a Path) parses it again: 汇总 reads thousands
        path = Path(path)
    try:
        with open(path, "rb") as f:
            raw = _read_bounded(f, MAX_DRAFT_BYTES)
    except FileNotFoundError:
        raise DraftError(f"找不到文件「{path}」") from None
    except IsADirectoryError:
        raise DraftError(f"「{path}」是一个文件夹，不是草稿文件") from None
    except PermissionError:
        if path.is_dir():  # Windows says "permission denied" for folders
            raise DraftError(f"「{path}」是一个文件夹，不是草稿文件") from None
        raise DraftError(f"没有权限读取「{path}」") from None
    except OSError as e:
        raise DraftError(f"无法读取「{path}」：{os_error_text(e)}") from None
    if len(raw) > MAX_DRAFT_BYTES:
        raise DraftError(f"「{path.name}」不是年报助手的草稿：文件太大（超过{MAX_DRAFT_BYTES // 1024 // 1024} MB，"
                         f"草稿通常不到100 KB）")
    text, plain_utf8 = _decode(raw, path.name)
    return loads(text, path.name, raw if plain_utf8 else None)


__all__ = ["BACKUP_SUFFIX", "DRAFT_SUFFIX", "NianbaoError", "atomic_write", "backup_path", "clean_stale_temps",
           "dumps", "is_read_only", "load_draft", "loads", "save_draft"]
