"""What every benchmark figure shares: interleaved timing against a baseline, medians, the result record.

A figure is one file in bench/figures/ with a function `measure(h: Harness) -> list[Result]`; `bench/run.py`
finds it by itself. Every figure is a ratio to a baseline measured in the same run, program and baseline in
turn (A B A B ...), so that a machine that slows down or speeds up during the run (other work on shared
cores) affects both sides alike.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAMS = Path(__file__).resolve().parent / "programs"
SAMPLE = ROOT / "resources" / "samples" / "seed-2020-yanchi.nianbao"
MIN_RUNS = 7


@dataclass
class Target:
    """What counts as fast enough: a ratio to the baseline, an absolute bound on the program, or both."""

    ratio: float | None = None  # program / baseline at most this
    program: float | None = None  # the program's figure at most this (in the figure's unit)
    text: str = ""  # for the table, e.g. "≤ 1.5×"

    def met(self, program: float, ratio: float | None) -> bool | None:
        if self.ratio is None and self.program is None:
            return None
        ok = True
        if self.ratio is not None:
            ok = ok and ratio is not None and ratio <= self.ratio
        if self.program is not None:
            ok = ok and program <= self.program
        return ok


@dataclass
class Result:
    id: str  # stable key, e.g. "startup.time"
    metric: str  # the table's first column
    unit: str  # "s", "ms", "MiB", "KiB", "MB"
    program: float  # median (or the named percentile) of the program
    baseline: float | None  # the same of the baseline
    baseline_name: str
    target: Target
    runs: int  # runs (whole processes) or samples (in-process) per side
    ratio: float | None = None
    met: bool | None = None
    extra: dict = field(default_factory=dict)  # anything else worth keeping (pair ratios, min/max)
    with_ratio: bool = True  # False where the baseline is about nothing (Qt's own undo: ~0) and a ratio says nothing

    def __post_init__(self):
        if self.ratio is None and self.baseline and self.with_ratio:
            self.ratio = self.program / self.baseline
        self.met = self.target.met(self.program, self.ratio)

    def as_json(self) -> dict:
        d = asdict(self)
        d["target"] = {k: v for k, v in d["target"].items() if v not in (None, "")}
        return d


@dataclass
class Run:
    """One finished child process: wall seconds from start to reaped, peak resident memory, exit code."""

    wall: float
    user: float
    sys: float
    max_rss_mib: float
    returncode: int


class Harness:
    def __init__(self, runs: int = MIN_RUNS, smoke: bool = False, tmp: Path | None = None, options=None):
        self.smoke = smoke
        self.runs = 1 if smoke else max(runs, MIN_RUNS)
        self.tmp = Path(tmp or tempfile.mkdtemp(prefix="nianbao-bench-"))
        self.python = sys.executable
        self.root = ROOT
        self.sample = SAMPLE
        self.options = options or {}
        # Children run offscreen, with settings and recovery copies in a folder of their own (never the user's).
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(self.tmp / "data"),
                        PYTHONDONTWRITEBYTECODE="")
        self.env.pop("PYTHONDONTWRITEBYTECODE")
        self.env.pop("PYTHONUNBUFFERED", None)  # a developer's shell may set it; a clerk's program has buffered output
        self.env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])

    # ---- whole processes ---------------------------------------------------------------------------------------
    def run_process(self, cmd: Sequence[str], check: bool = False) -> Run:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env,
                                cwd=self.tmp)
        # wait4 gives this child's own resource use (peak memory in KiB on Linux)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        proc.stderr.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if check and proc.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{err[-2000:]}")
        return Run(wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss / 1024, proc.returncode)

    def processes(self, program: Sequence[str], baseline: Sequence[str],
                  warmup: int = 1) -> tuple[list[Run], list[Run]]:
        """Program and baseline as fresh processes in turn, after `warmup` uncounted runs of each."""
        for _ in range(0 if self.smoke else warmup):
            self.run_process(program, check=True)
            self.run_process(baseline, check=True)
        a, b = [], []
        for _ in range(self.runs):
            a.append(self.run_process(program, check=True))
            b.append(self.run_process(baseline, check=True))
        return a, b

    def process_results(self, key: str, what: str, a: list[Run], b: list[Run], baseline_name: str,
                        time_target: Target | None = None, memory_target: Target | None = None) -> list[Result]:
        out = []
        if time_target is not None:
            extra = pair_extra([r.wall for r in a], [r.wall for r in b])
            # CPU seconds too: on a shared machine they vary less than wall time (waiting for a core is not in them)
            cpu_a, cpu_b = [r.user + r.sys for r in a], [r.user + r.sys for r in b]
            extra.update(program_cpu=median(cpu_a), baseline_cpu=median(cpu_b),
                         cpu_ratio=median(cpu_a) / median(cpu_b) if median(cpu_b) else None)
            out.append(Result(f"{key}.time", what, "s", median([r.wall for r in a]), median([r.wall for r in b]),
                              baseline_name, time_target, len(a), extra=extra))
        if memory_target is not None:
            out.append(Result(f"{key}.memory", f"peak memory of {what}", "MiB", median([r.max_rss_mib for r in a]),
                              median([r.max_rss_mib for r in b]), baseline_name, memory_target, len(a),
                              extra=pair_extra([r.max_rss_mib for r in a], [r.max_rss_mib for r in b])))
        return out

    def program(self, name: str) -> str:
        """A helper script of bench/programs/."""
        return str(PROGRAMS / name)

    # ---- inside one process ------------------------------------------------------------------------------------
    def interleave(self, program: Callable[[int], object], baseline: Callable[[int], object], samples: int,
                   between: Callable[[], object] | None = None) -> tuple[list[float], list[float]]:
        """Call program(i) and baseline(i) in turn, timing each call (seconds); `between` runs untimed."""
        a, b = [], []
        self.last_cpu = ([], [])  # the same calls in CPU seconds of this process (waiting for a core left out)
        gc.collect()
        for i in range(samples):
            for fn, out, cpu in ((program, a, self.last_cpu[0]), (baseline, b, self.last_cpu[1])):
                c = time.process_time()
                t = time.perf_counter()
                fn(i)
                out.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
                if between is not None:
                    between()
        return a, b

    def cpu_extra(self, p: float) -> dict:
        """The last interleave's p-th percentile in CPU milliseconds, both sides."""
        a, b = (percentile([x * 1e3 for x in side], p) for side in self.last_cpu)
        return {f"program_cpu_p{p:g}_ms": a, f"baseline_cpu_p{p:g}_ms": b, "cpu_ratio": a / b if b else None}

    def samples(self, per_run: int) -> int:
        """How many in-process samples per side: `per_run` for each of the runs (1 in a smoke run)."""
        return 2 if self.smoke else per_run * self.runs


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def percentile(xs: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank), p in 0..100."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
    return s[k]


def pair_extra(a: Sequence[float], b: Sequence[float]) -> dict:
    """Spread of both sides and the median of the pairwise ratios (robust against drift during the run)."""
    pairs = [x / y for x, y in zip(a, b, strict=False) if y]
    return {"program_min": min(a), "program_max": max(a), "baseline_min": min(b), "baseline_max": max(b),
            "pair_ratio_median": median(pairs) if pairs else None}


def rss_bytes() -> int:
    """This process's resident memory now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from PySide6 import __version__ as qt
    except ImportError:
        qt = None
    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "system": platform.platform(),
        "python": platform.python_version(),
        "pyside6": qt,
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }
