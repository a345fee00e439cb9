"""The computed cells (totals) of a draft, always derived from its input cells, never stored as truth."""

from __future__ import annotations

from typing import NamedTuple

from .formats.types import Table

_NONE: dict = {}  # read only: what a missing table or row of a draft holds


class Total(NamedTuple):
    """An immutable pair, made dozens of times per check run: a NamedTuple costs a third of a frozen
    dataclass to make."""

    value: int | None  # the sum of the filled inputs (None when none is filled)
    complete: bool  # every input it sums is filled, so the value is final


_new = tuple.__new__  # Total(v, c) calls a Python-level __new__; _new(Total, (v, c)) makes the same in C


def input_values(draft, table_id: str) -> list:
    """The table's input cells in template order (`Table.input_rows`), None where unfilled."""
    values = draft.tables.get(table_id, _NONE)
    flat: list = []
    for rid, cols in draft.format.table(table_id).input_rows:
        flat.extend(map(values.get(rid, _NONE).get, cols))
    return flat


def computed_cells(draft, table_id: str, inputs: list | None = None) -> dict[tuple[str, str], Total]:
    """Every computed cell of one table: (row id, column id) -> Total. `inputs`: the table's
    `input_values`, when the caller has them already."""
    table: Table = draft.format.table(table_id)
    if inputs is None:
        inputs = input_values(draft, table_id)
    if None not in inputs:
        # The common case, every input filled (a finished report): each total is a plain sum.
        return {cell: _new(Total, (sum(pick(inputs)), True)) for cell, pick in table.totals_by_position}
    values = draft.tables.get(table_id, _NONE)
    done: dict[tuple[str, str], Total] = {}
    for step in table.totals_plan:  # each total comes after the totals it adds up
        if step.whole_row is not None:
            row = values.get(step.whole_row, _NONE)
            if row.keys() == step.whole_row_columns and None not in row.values():
                # The common case, a row's 总计 with every cell of the row filled: the sum of the row.
                done[step.cell] = Total(sum(row.values()), True)
                continue
        filled = []
        complete = True
        for rid, cid in step.inputs:
            v = values.get(rid, _NONE).get(cid)
            if v is None:
                complete = False
            else:
                filled.append(v)
        for key in step.totals:
            t = done[key]
            if t.value is not None:
                filled.append(t.value)
            complete = complete and t.complete
        done[step.cell] = Total(sum(filled) if filled else None, complete)
    return done


def value_of(draft, totals: dict[tuple[str, str], Total], table_id: str, row_id: str, col_id: str) -> Total:
    """Any cell as a Total: a computed one from `totals`, an input one from the draft."""
    total = totals.get((row_id, col_id))
    if total is None:
        v = draft.get(table_id, row_id, col_id)
        total = Total(v, v is not None)
    return total
