"""`nianbao summary` of a folder of 5,000 units' drafts (each read, validated and checked, then summed cell by
cell and the sum checked) as a whole process, against a process that only reads and `json.loads` every file
of the same folder: the least any tool reading those drafts must do."""

from __future__ import annotations

import json
import random
import sys

from bench.harness import Harness, Result, Target

ORDER = 70
UNITS = 5000
DISTINCT = 50  # drafts with different numbers; the others repeat them under other agencies' names

BASELINE = ("import json, pathlib, sys\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
            "    json.loads(p.read_bytes())\n")


def make_folder(h: Harness, n: int):
    sys.path.insert(0, str(h.root / "tests"))
    from summary_helpers import unit_draft

    from app.draft import to_data

    folder = h.tmp / "units"
    folder.mkdir()
    rnd = random.Random(1)
    bases = [to_data(unit_draft(i, agency="x")) for i in range(min(n, DISTINCT))]
    for i in range(n):
        data = dict(bases[rnd.randrange(len(bases))])
        data["agency"] = f"某某省第{i + 1}单位"
        data["title_lines"] = [data["agency"], f"{data['year']}年政府信息公开工作年度报告"]
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
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
    return h.process_results("summary", f"`nianbao summary` of {n:,} drafts, whole process", a, b,
                             "read and json.loads every file of the folder",
                             time_target=Target(program=5.0, text="≤ 5 s (a few seconds, one core)"))
