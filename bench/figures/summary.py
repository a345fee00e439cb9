"""`nianbao summary` of a folder of 5,000 units' drafts (each read, validated and checked, then summed cell by
cell and the sum checked) as a whole process, against a process that only reads and `json.loads` every file
of the same folder: the least any tool reading those drafts must do.

Every unit's draft is distinct, as in a real province's folder: a few generated reports are varied per unit
(some table numbers, kept consistent so the checks still pass, and sentences of its own in every section it
writes), so nothing keyed by a file's text or values can make the figure look better than it would be."""

from __future__ import annotations

import json
import sys

from bench.harness import Harness, Result, Target

ORDER = 70
UNITS = 5000
BASES = 50  # generated reports the units are varied from (generating each from scratch is slow)

BASELINE = ("import json, pathlib, sys\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
            "    json.loads(p.read_bytes())\n")


def unit_data(base, i: int) -> dict:
    """Unit `i`'s draft (as JSON data): `base` with numbers and a sentence of its own, still consistent."""
    from app.compute import computed_cells
    from app.draft import to_data
    from app.formats import CellKind

    d = base.copy_draft()
    d.agency = f"某某省第{i + 1}单位"
    d.title_lines = [d.agency, f"{d.year}年政府信息公开工作年度报告"]
    # Table 三: more applications granted in one applicant's column, as many more received (一+二 = 七+四).
    t3 = d.format.table("table3")
    applicant = t3.row("open")[0].columns[i % 6].id
    more = 1 + (i // BASES) % 40
    for row in ("open", "new_received"):
        d.set("table3", row, applicant, d.get("table3", row, applicant) + more)
    # One count of table 二 and one of table 四, varied by unit.
    for tid, step in (("table2", 37), ("table4", 13)):
        counts = [(r.id, c.id) for _, r, c in d.format.table(tid).input_cells() if c.kind is CellKind.COUNT]
        row, col = counts[i % len(counts)]
        d.set(tid, row, col, (i * step) % 97)
    totals = computed_cells(d, "table3")
    received, handled = totals[("new_received", "total")].value, totals[("outcome_total", "total")].value
    d.section("overview").text += (f"全年共收到政府信息公开申请{received}件，办结{handled}件，"
                                   f"{d.agency}（编号{i + 1:05d}）按时完成了年度报告工作。")
    # Every text a unit writes itself differs from the others' (only the statutory preamble is shared).
    d.section("problems").text += f"{d.agency}计划组织专题培训{2 + i % 9}次。"
    d.section("other").text = f"{d.agency}无其他需要报告的事项。"
    return to_data(d)


def make_folder(h: Harness, n: int):
    sys.path.insert(0, str(h.root / "tests"))
    from summary_helpers import unit_draft

    folder = h.tmp / "units"
    folder.mkdir()
    bases = [unit_draft(i, agency="x") for i in range(min(n, BASES))]
    for i in range(n):
        text = json.dumps(unit_data(bases[i % len(bases)], i), ensure_ascii=False, indent=2, default=str)
        (folder / f"{i + 1:05d}.nianbao").write_text(text + "\n", encoding="utf-8")
    return folder


def measure(h: Harness) -> list[Result]:
    n = 5 if h.smoke else UNITS
    folder = make_folder(h, n)
    out = h.tmp / "汇总.nianbao"
    program = [h.python, "-m", "app", "summary", str(folder), "-o", str(out)]
    baseline = [h.python, "-c", BASELINE, str(folder)]
    a, b = h.processes(program, baseline)
    if not out.exists():
        raise RuntimeError("nianbao summary wrote no sum")
    return h.process_results("summary", f"`nianbao summary` of {n:,} distinct drafts, whole process", a, b,
                             "read and json.loads every file of the folder",
                             time_target=Target(program=5.0, text="≤ 5 s (a few seconds, one core)"))
