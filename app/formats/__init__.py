"""The statutory report formats, one definition file each, and how a report year picks one."""

from __future__ import annotations

from . import format_2019, format_2021
from .types import Balance, Block, CellKind, Column, ReportFormat, Row, Section, Span, Table

FORMATS: dict[str, ReportFormat] = {f.id: f for f in (format_2019.FORMAT, format_2021.FORMAT)}
FIRST_YEAR = 2019  # the 2019 revision of the 条例 started this series of formats


class UnknownFormat(KeyError):
    pass


def get_format(format_id: str) -> ReportFormat:
    try:
        return FORMATS[format_id]
    except KeyError:
        raise UnknownFormat(format_id) from None


def format_for_year(year: int) -> ReportFormat:
    """The format a report for `year` must use: the newest whose first year is not after it."""
    if year < FIRST_YEAR:
        raise UnknownFormat(str(year))
    candidates = [f for f in FORMATS.values() if f.years[0] <= year]
    return max(candidates, key=lambda f: f.years[0])


__all__ = ["FORMATS", "Balance", "Block", "CellKind", "Column", "ReportFormat", "Row", "Section", "Span",
           "Table", "UnknownFormat", "format_for_year", "get_format"]
