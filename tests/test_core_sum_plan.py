"""The per-table sum plan (Table.sum_plan / inputs_of) gives the totals the format's definition says: checked
against a direct recursive reading of `sum_of` on both formats, full and half-filled drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.compute import Total, computed_cells
from app.draft import new_draft
from app.formats import FORMATS
from app.storage import load_draft

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def reference(draft, table_id):
    table = draft.format.table(table_id)
    values = draft.tables.get(table_id, {})

    def cell(row_id, col_id):
        _, row = table.row(row_id)
        col = table.column(row_id, col_id)
        if row.computed:
            parts = [cell(r, col_id) for r in row.sum_of]
        elif col.computed:
            parts = [cell(row_id, c) for c in col.sum_of]
        else:
            v = values.get(row_id, {}).get(col_id)
            return Total(v, v is not None)
        filled = [p.value for p in parts if p.value is not None]
        return Total(sum(filled) if filled else None, all(p.complete for p in parts))

    return {(r.id, c.id): cell(r.id, c.id) for _, r, c in table.cells() if table.is_computed(r, c)}


def inputs_reference(table, row_id, col_id):
    _, row = table.row(row_id)
    col = table.column(row_id, col_id)
    if row.computed:
        return set().union(*(inputs_reference(table, r, col_id) for r in row.sum_of))
    if col.computed:
        return set().union(*(inputs_reference(table, row_id, c) for c in col.sum_of))
    return {(row_id, col_id)}


@pytest.mark.parametrize("name", ["seed-2020-yanchi.nianbao", "sample-2025.nianbao"])
def test_totals_follow_the_definition(name):
    full = load_draft(SAMPLES / name)
    half = new_draft(full.year, "某局")
    for table in full.format.tables:
        for i, (_, row, col) in enumerate(table.input_cells()):
            if i % 2 == 0 and col.kind.value != "money":
                half.set(table.id, row.id, col.id, i)
    for draft in (full, half):
        for table in draft.format.tables:
            assert computed_cells(draft, table.id) == reference(draft, table.id)


@pytest.mark.parametrize("fmt", list(FORMATS.values()), ids=list(FORMATS))
def test_inputs_of_every_cell(fmt):
    for table in fmt.tables:
        for _, row, col in table.cells():
            assert table.inputs_of(row.id, col.id) == inputs_reference(table, row.id, col.id)
    with pytest.raises(KeyError):
        fmt.tables[0].inputs_of("no such row", "total")


@pytest.mark.parametrize("fid", list(FORMATS))
def test_totals_of_randomly_half_filled_tables_follow_the_definition(fid):
    """Any pattern of blanks: each total is the sum of its filled parts, complete only when all are."""
    import random

    rng = random.Random(7)
    for _ in range(40):
        d = new_draft(2020 if fid == "2019" else 2025, "某局")
        for table in d.format.tables:
            for _, row, col in table.input_cells():
                if col.kind.value != "money" and rng.random() < 0.7:
                    d.set(table.id, row.id, col.id, rng.randrange(0, 1000))
        for table in d.format.tables:
            assert computed_cells(d, table.id) == reference(d, table.id)
