"""Parsing and printing table cell values: one place for the GUI (typing and pasting), the JSON loader
and the exporter.

Counts and signed changes are ints; money stays the decimal string the clerk typed, because reports
print it exactly as entered (e.g. "24252.311082") and binary floats cannot hold it. Every number is
bounded (MAX_COUNT, MONEY_MAX_*) before it is converted or formatted: a 4,000-digit count or an
exponent of a billion would otherwise hang or crash everything downstream.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .errors import CellInputError, quote
from .formats.types import CellKind

CellValue = int | str  # str only for money

# The largest count (and the largest size of a signed change) a report can hold: far above any real
# report, far below what breaks int<->str conversion, JSON, Word or the grid.
MAX_COUNT = 10**12
MAX_COUNT_DIGITS = len(str(MAX_COUNT))
# A total adds up at most a few hundred cells; the totals written into a draft must load again.
MAX_TOTAL = 10**15
MONEY_MAX_INTEGER_DIGITS = 12  # 万元: up to 999,999,999,999
MONEY_MAX_DECIMALS = 10

_SIGNS = str.maketrans({"＋": "+", "－": "-", "−": "-", "–": "-", "—": "-", "﹣": "-", "﹢": "+",
                        "．": ".", "，": ","})
_INT = re.compile(r"[+-]?[0-9]+", re.ASCII)
_MONEY = re.compile(r"[0-9]+(\.[0-9]+)?", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", re.ASCII)
# Spaces, tabs, zero-width characters, byte-order marks, direction marks: invisible in a cell, and
# pasted along with numbers from web pages and WPS.
_INVISIBLE = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf"))


def _fold_char(c: str) -> str:
    if c.isascii():
        return c
    if unicodedata.category(c) in _INVISIBLE:
        return ""
    d = unicodedata.decimal(c, None)  # ١٢, ０１, ߁: every script's decimal digits
    return str(d) if d is not None else c


def normalize(text: str) -> str:
    """ASCII digits and signs, invisible characters and spaces removed; thousands commas are kept (they
    are checked by the caller)."""
    t = "".join(_fold_char(c) for c in text.translate(_SIGNS))
    return "".join(c for c in t if not c.isspace())


def _why(kind: CellKind) -> str:
    if kind is CellKind.MONEY:
        return "不是金额：请只输入数字和小数点，例如 12.5"
    if kind is CellKind.COUNT:
        return "不是件数：请只输入0或正整数"
    return "不是增减数：请输入整数，可带+或-号，例如 +2、-18、0"


def parse_input(kind: CellKind, text: str) -> CellValue | None:
    """What the clerk typed (or pasted) -> a cell value; "" clears the cell. Raises CellInputError."""
    t = normalize(text)
    if t == "":
        return None
    shown = quote(text)
    if "," in t:
        if not _GROUPED.fullmatch(t):
            raise CellInputError(f"「{shown}」{_why(kind)}（逗号只能作千位分隔，如 1,234）")
        t = t.replace(",", "")
    if kind is CellKind.MONEY:
        if not _MONEY.fullmatch(t):
            raise CellInputError(f"「{shown}」{_why(kind)}")
        return _money_text(t, shown)
    if not _INT.fullmatch(t):
        raise CellInputError(f"「{shown}」{_why(kind)}")
    if kind is CellKind.COUNT and t[0] in "+-":
        raise CellInputError(f"「{shown}」不是件数：件数不能为负数，也不带正负号")
    digits = t.lstrip("+-").lstrip("0")
    if len(digits) > MAX_COUNT_DIGITS or int(digits or "0") > MAX_COUNT:
        raise CellInputError(f"「{shown}」太大：{_kind_name(kind)}最多为{MAX_COUNT:,}")
    value = int(t)
    return 0 if value == 0 else value


def _kind_name(kind: CellKind) -> str:
    return {CellKind.COUNT: "件数", CellKind.SIGNED: "增减数"}.get(kind, "金额")


def _money_text(t: str, shown: str) -> str:
    """An ASCII decimal string -> its canonical form (no leading zeros), within the money bounds."""
    whole, _, frac = t.partition(".")
    whole = whole.lstrip("0") or "0"
    if len(whole) > MONEY_MAX_INTEGER_DIGITS:
        raise CellInputError(f"「{shown}」太大：金额的整数部分最多{MONEY_MAX_INTEGER_DIGITS}位")
    if len(frac) > MONEY_MAX_DECIMALS:
        raise CellInputError(f"「{shown}」的小数位太多：金额最多保留{MONEY_MAX_DECIMALS}位小数")
    return f"{whole}.{frac}" if frac else whole


def check_stored(kind: CellKind, value: object, limit: int = MAX_COUNT) -> CellValue | None:
    """A value read from a draft file -> a cell value; raises CellInputError (the caller adds the cell name).
    `limit` is MAX_TOTAL for a total (computed cell) as the file states it."""
    if value is None:
        return None
    if kind is CellKind.MONEY:
        if isinstance(value, bool):
            raise CellInputError("应为金额，文件中是真假值")
        if isinstance(value, int):
            if value < 0 or value.bit_length() > 64:
                raise CellInputError(f"应为不小于0、不太大的金额，文件中是 {quote(value)}")
            value = str(value)
        elif isinstance(value, Decimal):
            value = _decimal_text(value)
        if isinstance(value, str):
            t = "".join(_fold_char(c) for c in value) if not value.isascii() else value
            if _MONEY.fullmatch(t):
                return _money_text(t, quote(value))
        raise CellInputError(f"应为不小于0的金额（如\"12.5\"），文件中是 {_shown(value)}")
    if isinstance(value, bool) or not isinstance(value, int):
        raise CellInputError(f"应为整数，文件中是 {_shown(value)}")
    if kind is CellKind.COUNT and value < 0:
        raise CellInputError(f"件数不能为负数，文件中是 {quote(value)}")
    if abs(value) > limit:
        raise CellInputError(f"数字太大（最多为{limit:,}），文件中是 {quote(value)}")
    return value


def _decimal_text(value: Decimal) -> str:
    """A number read from JSON as money -> its plain decimal text, refusing before formatting anything
    huge ("1e999999999" would otherwise become a billion-character string)."""
    if not value.is_finite():
        raise CellInputError("应为金额，文件中不是有限的数")
    if value.adjusted() >= MONEY_MAX_INTEGER_DIGITS or value.as_tuple().exponent < -MONEY_MAX_DECIMALS:
        raise CellInputError(f"金额超出范围（整数部分最多{MONEY_MAX_INTEGER_DIGITS}位、"
                             f"最多{MONEY_MAX_DECIMALS}位小数），"
                             f"文件中是 {quote(value)}")
    return format(value, "f")


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f"\"{quote(value)}\""
    return quote(value)


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
        raise CellInputError(f"「{quote(value)}」不是金额") from None
