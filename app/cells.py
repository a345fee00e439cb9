"""Parsing and printing table cell values: one place for the GUI, the JSON loader and the exporter.

Counts and signed changes are ints; money stays the decimal string the clerk typed, because reports
print it exactly as entered (e.g. "24252.311082") and binary floats cannot hold it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .errors import CellInputError
from .formats.types import CellKind

CellValue = int | str  # str only for money

# Chinese input methods type full-width digits and signs; fold them to ASCII.
_FULLWIDTH = str.maketrans("０１２３４５６７８９＋－．，　", "0123456789+-., ")
_MINUS_SIGNS = str.maketrans({"−": "-", "–": "-", "—": "-"})
_INT = re.compile(r"[+-]?\d+")
_MONEY = re.compile(r"\d+(\.\d+)?")


def normalize(text: str) -> str:
    return text.translate(_FULLWIDTH).translate(_MINUS_SIGNS).strip().replace(",", "").replace(" ", "")


def parse_input(kind: CellKind, text: str) -> CellValue | None:
    """What the clerk typed -> a cell value; "" clears the cell. Raises CellInputError with the reason."""
    t = normalize(text)
    if t == "":
        return None
    if kind is CellKind.MONEY:
        if not _MONEY.fullmatch(t):
            raise CellInputError(f"「{text}」不是金额：请只输入数字和小数点，例如 12.5")
        return t
    if not _INT.fullmatch(t):
        if kind is CellKind.COUNT:
            raise CellInputError(f"「{text}」不是件数：请只输入0或正整数")
        raise CellInputError(f"「{text}」不是增减数：请输入整数，可带+或-号，例如 +2、-18、0")
    value = int(t)
    if kind is CellKind.COUNT and (value < 0 or t.startswith("+")):
        raise CellInputError(f"「{text}」不是件数：件数不能为负数，也不带正负号")
    return value


def check_stored(kind: CellKind, value: object) -> CellValue | None:
    """A value read from a draft file -> a cell value; raises CellInputError (the caller adds the cell name)."""
    if value is None:
        return None
    if kind is CellKind.MONEY:
        if isinstance(value, bool):
            raise CellInputError("应为金额，文件中是真假值")
        if isinstance(value, int):
            value = str(value)
        elif isinstance(value, Decimal):
            value = format(value, "f")
        if not isinstance(value, str) or not _MONEY.fullmatch(value):
            raise CellInputError(f"应为不小于0的金额（如\"12.5\"），文件中是 {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise CellInputError(f"应为整数，文件中是 {_shown(value)}")
    if kind is CellKind.COUNT and value < 0:
        raise CellInputError(f"件数不能为负数，文件中是 {value}")
    return value


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return f"\"{value}\""
    return repr(value)


def display(kind: CellKind, value: CellValue | None) -> str:
    """How a value is printed in the grid and in the Word report ("" for not filled)."""
    if value is None:
        return ""
    if kind is CellKind.SIGNED:
        return f"+{value}" if value > 0 else str(value)
    return str(value)


def money(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - values are validated on entry
        raise CellInputError(f"「{value}」不是金额") from None
