"""`nianbao check` as a whole process, against `python -c "import pydantic, docx"` (the libraries it stands on)."""

from __future__ import annotations

from bench.harness import Harness, Result, Target

ORDER = 60


def measure(h: Harness) -> list[Result]:
    program = [h.python, "-m", "app", "check", str(h.sample)]
    baseline = [h.python, "-c", "import pydantic, docx"]
    a, b = h.processes(program, baseline)
    return h.process_results("check", "`nianbao check` whole process", a, b, '`python -c "import pydantic, docx"`',
                             time_target=Target(ratio=1.1, text="≤ 1.1×"))
