"""A format definition as plain JSON data, for `nianbao formats --json` and other tools."""

from __future__ import annotations

from .layout import grid
from .types import ReportFormat, Table


def _table(table: Table) -> dict:
    g = grid(table)
    return {
        "id": table.id,
        "name": table.name,
        "title": table.title,
        "label_columns": table.label_columns,
        "blocks": [
            {
                "id": b.id,
                "title": b.title,
                "columns": [
                    {"id": c.id, "label": c.label, "kind": c.kind.value, "computed": c.computed,
                     "sum_of": list(c.sum_of), "rule": c.rule or None, "display": c.display}
                    for c in b.columns
                ],
                "rows": [
                    {"id": r.id, "label": r.label, "group": r.group or None, "display": r.display,
                     "computed": r.computed, "sum_of": list(r.sum_of), "rule": r.rule or None}
                    for r in b.rows
                ],
            }
            for b in table.blocks
        ],
        # Every cell of the printed table in template order, with its grid position and spans.
        "grid": {
            "rows": g.n_rows,
            "columns": g.n_cols,
            "cells": [
                {"row": c.row, "col": c.col, "rowspan": c.rowspan, "colspan": c.colspan, "role": c.role,
                 "text": c.text, "cell": list(c.ref) if c.ref else None,
                 "computed": c.computed if c.ref else None,
                 "kind": table.column(*c.ref).kind.value if c.ref else None}
                for c in g.cells
            ],
        },
    }


def describe(fmt: ReportFormat) -> dict:
    return {
        "id": fmt.id,
        "name": fmt.name,
        "document": fmt.document,
        "years": {"first": fmt.years[0], "last": fmt.years[1]},
        "money_unit": fmt.money_unit or None,
        "sections": [{"id": s.id, "heading": s.heading, "table": s.table or None, "parts": list(s.parts)}
                     for s in fmt.sections],
        "tables": [_table(t) for t in fmt.tables],
        "rules": [{"id": b.id, "table": b.table, "lhs": list(b.lhs), "rhs": list(b.rhs),
                   "description": b.description} for b in fmt.balances],
    }
