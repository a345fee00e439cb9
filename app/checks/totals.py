"""Rules 2, 3 and 4: a total that a file states must equal the sum the format defines for it.

Which cells are totals, what they sum and which rule id they answer to is all in the format definition
(`sum_of` and `rule` on rows and columns), so this one function serves every total of every format.
"""

from __future__ import annotations

from .findings import Finding, Severity


def stated_totals(ctx) -> list[Finding]:
    stated_cells = ctx.draft.stated_cells()
    if not stated_cells:
        return []  # a draft made in the program states no totals: nothing to compare
    totals = ctx.totals
    for (tid, rid, cid), stated in stated_cells.items():
        total = totals[tid][(rid, cid)]
        if total.complete and stated != total.value:
            break  # a difference: say each one, in template order
    else:
        return []  # the common file, every stated total right: one pass over them
    out = []
    for table in ctx.format.tables:
        totals = ctx.totals[table.id]
        for _, row, col in table.total_cells():
            stated = stated_cells.get((table.id, row.id, col.id))
            if stated is None:
                continue
            total = totals[(row.id, col.id)]
            if not total.complete or stated == total.value:
                continue
            what = "各项办理结果相加" if row.computed else "各列相加"
            rule = row.rule if row.computed else col.rule
            out.append(Finding(
                Severity.ERROR, rule,
                f"{table.cell_name(row.id, col.id)}：文件中记载为{stated}，按{what}应为{total.value}",
                table=table.id, row=row.id, column=col.id,
            ))
    return out
