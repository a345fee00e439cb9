"""The one exception family the core raises for the clerk's problems; its message is plain Chinese.

Also the two helpers every message goes through: `quote` (a bad value is shown, but never more than a
few dozen characters of it) and `os_error_text` (the operating system's reason, in Chinese, by errno).
"""

from __future__ import annotations

import errno


class NianbaoError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DraftError(NianbaoError):
    """A draft file cannot be read, or a draft value is invalid."""


class ReadOnlyDraftError(DraftError):
    """The draft file is marked read-only: saving refuses, the window offers 另存为."""


class CellInputError(NianbaoError):
    """What the clerk typed into a table cell is not a valid value for it."""


class ExportError(NianbaoError):
    """The Word report cannot be written."""


QUOTE_LIMIT = 30


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`value` as the clerk may see it inside 「」: at most `limit` characters, the rest summarised.

    Huge ints are never turned into a decimal string (that alone takes seconds for a million digits).
    """
    if isinstance(value, bool):
        text = "真" if value else "假"
    elif isinstance(value, int):
        if value.bit_length() > 200:
            return f"一个{'负' if value < 0 else ''}约{int(value.bit_length() * 0.30103)}位的数"
        text = str(value)
    elif isinstance(value, str):
        text = value
    elif value is None:
        text = "空值"
    elif isinstance(value, list):
        text = f"列表（{len(value)}项）"
    elif isinstance(value, dict):
        text = f"对象（{len(value)}项）"
    else:
        text = _short_repr(value, limit)
    if len(text) > limit:
        text = f"{text[:limit]}…（共{len(text)}个字符）"
    return text


def _short_repr(value: object, limit: int) -> str:
    from decimal import Decimal

    if isinstance(value, Decimal):
        # str() of a Decimal keeps its exponent ("1E+999999999"): short, unlike format(value, "f").
        return str(value)
    return repr(value)[: limit + 1]


_ERRNO_TEXT = {
    errno.ENOSPC: "磁盘已满，请腾出空间或换一个位置保存",
    errno.EIO: "读写设备出错（U盘或网络盘可能已拔出或断开）",
    errno.ENAMETOOLONG: "文件名太长，请换一个短一些的文件名",
    errno.EROFS: "这个磁盘是只读的（可能是写保护的U盘或光盘）",
    errno.EACCES: "没有写入权限，或文件正被其他程序占用",
    errno.EPERM: "没有写入权限，或文件正被其他程序占用",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EFBIG: "文件太大，这个磁盘存不下",
    errno.EMFILE: "打开的文件太多",
    errno.ENFILE: "打开的文件太多",
    errno.EINVAL: "文件名中有不允许的字符",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ETIMEDOUT: "网络盘没有响应",
    errno.ENOMEM: "内存不足",
}
for _name, _text in (("EDQUOT", "超出了磁盘配额，请清理空间或联系管理员"),
                     ("ESTALE", "网络盘上的文件已失效，请重新连接"),
                     ("EHOSTDOWN", "网络盘无法访问"), ("ENOTCONN", "网络盘已断开"), ("ETXTBSY", "文件正被其他程序占用"),
                     ("ELOOP", "路径中的链接太多"), ("ENXIO", "设备不存在"), ("ENODEV", "设备不存在")):
    if hasattr(errno, _name):
        _ERRNO_TEXT[getattr(errno, _name)] = _text


def os_error_text(e: OSError) -> str:
    """The reason of an OSError in Chinese; never the system's English text."""
    if isinstance(e, PermissionError) and e.errno is None:
        return _ERRNO_TEXT[errno.EACCES]
    text = _ERRNO_TEXT.get(e.errno or 0)
    if text:
        return text
    winerror = getattr(e, "winerror", None)
    if winerror == 32:  # ERROR_SHARING_VIOLATION: Word or an antivirus holds the file open
        return _ERRNO_TEXT[errno.EBUSY]
    if e.errno:
        return f"系统错误（错误号{e.errno}）"
    return "系统错误"
