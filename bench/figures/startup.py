"""Start-up: `nianbao FILE` to the window shown and idle with the sample loaded, and that start's peak memory.

Baseline: a bare PySide6 window with 6 tabs of 30x8 QTableWidget, started and ended the same way
(bench/programs/idle_exit.py), each a fresh process, in turn.
"""

from __future__ import annotations

from bench.harness import Harness, Result, Target

ORDER = 10


def measure(h: Harness) -> list[Result]:
    program = [h.python, h.program("start_window.py"), str(h.sample)]
    baseline = [h.python, h.program("bare_window.py")]
    a, b = h.processes(program, baseline)
    bad = [r.returncode for r in a + b if r.returncode != 0]
    if bad:
        raise RuntimeError(f"a start-up run failed: exit codes {bad}")
    return h.process_results(
        "startup", "start-up to the window shown and idle, sample loaded", a, b,
        "bare PySide6 window, 6 tabs of 30×8 QTableWidget",
        time_target=Target(ratio=1.5, text="≤ 1.5×"),
        memory_target=Target(ratio=1.4, text="≤ 1.4×"),
    )
