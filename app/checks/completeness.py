"""Rule 5: no cell is left blank (a clerk writes 0), and every section of the text is written.

Unfilled cells are reported with severity `missing`, never treated as 0: a half-finished report shows
how much is left, not a wall of arithmetic errors.
"""

from __future__ import annotations

from .findings import Finding, Severity

_NONE: dict = {}  # read only: a table or row the draft has no values in


def missing_cells(ctx) -> list[Finding]:
    out = []
    for table in ctx.format.tables:
        if None not in ctx.inputs[table.id]:
            continue  # the common table, every input cell filled: one scan of its values
        values = ctx.draft.tables.get(table.id, _NONE)
        for row_id, spec in table.specs.items():  # row by row, left to right, as the template
            filled = values.get(row_id, _NONE)
            if filled.keys() == spec.input_set and None not in filled.values():
                continue  # the common row: every input cell filled, no need to look at each
            for col_id in spec.inputs:
                if filled.get(col_id) is None:
                    out.append(Finding(Severity.MISSING, "cell-missing",
                                       f"{table.cell_name(row_id, col_id)}未填写（没有的请填0）",
                                       table=table.id, row=row_id, column=col_id))
    return out


def missing_text(ctx) -> list[Finding]:
    out = []
    for section in ctx.format.sections:
        if section.table:
            continue  # sections 二 to 四 are their tables; text there is optional
        if ctx.draft.section(section.id).is_empty():
            out.append(Finding(Severity.MISSING, "text-missing", f"「{section.heading}」还没有填写内容",
                               section=section.id))
    return out
