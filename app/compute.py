"""The computed cells (totals) of a draft, always derived from its input cells, never stored as truth."""

from __future__ import annotations

from dataclasses import dataclass

from .formats.types import Table


@dataclass(frozen=True)
class Total:
    value: int | None  # the sum of the filled inputs (None when none is filled)
    complete: bool  # every input it sums is filled, so the value is final


def computed_cells(draft, table_id: str) -> dict[tuple[str, str], Total]:
    """Every computed cell of one table: (row id, column id) -> Total."""
    table: Table = draft.format.table(table_id)
    values = draft.tables.get(table_id, {})
    rows = {r.id: (b, r) for b, r in table.rows()}
    memo: dict[tuple[str, str], Total] = {}

    def cell(row_id: str, col_id: str) -> Total:
        key = (row_id, col_id)
        if key in memo:
            return memo[key]
        block, row = rows[row_id]
        col = next(c for c in block.columns if c.id == col_id)
        if row.computed:
            parts = [cell(r, col_id) for r in row.sum_of]
        elif col.computed:
            parts = [cell(row_id, c) for c in col.sum_of]
        else:
            v = values.get(row_id, {}).get(col_id)
            memo[key] = Total(v, v is not None)
            return memo[key]
        filled = [p.value for p in parts if p.value is not None]
        memo[key] = Total(sum(filled) if filled else None, all(p.complete for p in parts))
        return memo[key]

    return {(r.id, c.id): cell(r.id, c.id) for _, r, c in table.cells() if table.is_computed(r, c)}


def value_of(draft, totals: dict[tuple[str, str], Total], table_id: str, row_id: str, col_id: str) -> Total:
    """Any cell as a Total: a computed one from `totals`, an input one from the draft."""
    if (row_id, col_id) in totals:
        return totals[(row_id, col_id)]
    v = draft.get(table_id, row_id, col_id)
    return Total(v, v is not None)
