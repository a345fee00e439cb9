"""`nianbao export` as a whole process, against a naive python-docx script writing the same paragraphs and
tables cell by cell (`row.cells[i].text = ...`), each a fresh process, in turn."""

from __future__ import annotations

import json

from bench.harness import Harness, Result, Target

ORDER = 50


def content(path) -> dict:
    """The draft's paragraphs and table cells as plain text, so the baseline script needs nothing of ours."""
    from app.formats.layout import grid
    from app.storage import load_draft

    draft = load_draft(path)
    paragraphs = [*draft.title_lines, draft.preamble]
    for sid, sec in draft.sections.items():
        paragraphs.append(sid)
        paragraphs += sec.text.splitlines()
        for p in sec.parts:
            paragraphs.append(p.title)
            paragraphs += p.text.splitlines()
    tables = []
    for table in draft.format.tables:
        g = grid(table)
        rows = [["" for _ in range(g.n_cols)] for _ in range(g.n_rows)]
        for c in g.cells:
            value = draft.get(table.id, *c.ref) if c.ref and not c.computed else None
            rows[c.row][c.col] = c.text if c.ref is None else ("" if value is None else str(value))
        tables.append(rows)
    return {"paragraphs": [p for p in paragraphs if p], "tables": tables}


def measure(h: Harness) -> list[Result]:
    src = h.tmp / "content.json"
    src.write_text(json.dumps(content(h.sample), ensure_ascii=False), encoding="utf-8")
    program = [h.python, "-m", "app", "export", str(h.sample), "-o", str(h.tmp / "program.docx")]
    baseline = [h.python, h.program("naive_docx.py"), str(src), str(h.tmp / "baseline.docx")]
    a, b = h.processes(program, baseline)
    for name in ("program.docx", "baseline.docx"):
        if not (h.tmp / name).stat().st_size:
            raise RuntimeError(f"{name} is empty")
    return h.process_results("export", "`nianbao export` whole process", a, b,
                             "naive python-docx script, same paragraphs and tables",
                             time_target=Target(ratio=1.0, text="≤ 1.0×"))
