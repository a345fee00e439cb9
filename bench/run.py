"""Run the benchmark figures, print the table and write bench/results.json.

    .venv/bin/python bench/run.py                 every figure, 7 runs each (what `make bench` runs)
    .venv/bin/python bench/run.py --only startup  one figure file (bench/figures/startup.py)
    .venv/bin/python bench/run.py --smoke --json /tmp/r.json   each figure once, tiny (the test suite)
    .venv/bin/python bench/run.py --bundle        also build the bundle and .deb first if they are missing

Every figure file of bench/figures/ runs in a fresh Python process of its own, so no figure inherits another's
imports, windows or memory.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.harness import MIN_RUNS, Harness, Result, machine  # noqa: E402

FIGURES = HERE / "figures"
DEFAULT_JSON = HERE / "results.json"


def figure_names() -> list[str]:
    """Figure files in table order: each module's ORDER (default 100), then name."""
    names = [p.stem for p in FIGURES.glob("*.py") if not p.stem.startswith("_")]

    def order(name: str) -> tuple[int, str]:
        text = (FIGURES / f"{name}.py").read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("ORDER = "):
                return int(line.split("=", 1)[1]), name
        return 100, name

    return sorted(names, key=order)


def run_one(name: str, args) -> list[dict]:
    """Inside the child: measure one figure file."""
    options = {"bundle": args.bundle, "dist": args.dist, "hello": args.hello}
    h = Harness(runs=args.runs, smoke=args.smoke, tmp=Path(tempfile.mkdtemp(prefix=f"nianbao-bench-{name}-")),
                options=options)
    module = importlib.import_module(f"bench.figures.{name}")
    results: list[Result] = module.measure(h)
    return [r.as_json() for r in results]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit in ("MiB", "MB"):
        return f"{value:.1f} {unit}"
    if unit == "KiB":
        return f"{value:.1f} KiB"
    return f"{value:g} {unit}"


def table(results: list[dict]) -> str:
    rows = [("figure", "program", "baseline", "ratio", "target", "met", "runs")]
    for r in results:
        ratio = f"{r['ratio']:.2f}×" if r.get("ratio") is not None else "—"
        met = {True: "yes", False: "NO", None: "—"}[r.get("met")]
        rows.append((r["metric"], fmt(r["program"], r["unit"]), f"{r['baseline_name']}: {fmt(r['baseline'], r['unit'])}"
                     if r.get("baseline") is not None else r["baseline_name"], ratio,
                     r["target"].get("text", ""), met, str(r["runs"])))
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("---" for _ in rows[0]) + "|")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=MIN_RUNS, help=f"runs per figure (at least {MIN_RUNS})")
    p.add_argument("--smoke", action="store_true", help="each figure once, tiny, to see that it works")
    p.add_argument("--only", help="comma-separated figure files (without .py)")
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the results go")
    p.add_argument("--bundle", action="store_true", help="build the bundle and .deb when they are missing")
    p.add_argument("--dist", type=Path, default=HERE.parent / "dist", help="where the installer artefacts are")
    p.add_argument("--hello", type=Path, help="a built bare frozen hello-world (default: built once in build/)")
    p.add_argument("--figure", help=argparse.SUPPRESS)  # child mode: measure this figure file
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.figure:
        args.out.write_text(json.dumps(run_one(args.figure, args), ensure_ascii=False), encoding="utf-8")
        return 0

    names = figure_names()
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            print(f"unknown figure(s): {', '.join(unknown)}; known: {', '.join(names)}", file=sys.stderr)
            return 2
        names = [n for n in names if n in wanted]

    results: list[dict] = []
    failed = []
    before = machine()
    started = time.monotonic()
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
            out = Path(f.name)
        cmd = [sys.executable, str(HERE / "run.py"), "--figure", name, "--out", str(out), "--runs", str(args.runs),
               "--dist", str(args.dist)]
        cmd += ["--smoke"] if args.smoke else []
        cmd += ["--bundle"] if args.bundle else []
        cmd += ["--hello", str(args.hello)] if args.hello else []
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        rc = subprocess.call(cmd, env=env)
        if rc != 0:
            failed.append(name)
            print(f"!! {name} failed (exit {rc})", file=sys.stderr)
            continue
        got = json.loads(out.read_text(encoding="utf-8"))
        out.unlink()
        for r in got:
            r["figure"] = name
        results.extend(got)

    info = machine()
    info["load_average_before"] = before["load_average"]
    info["seconds"] = round(time.monotonic() - started, 1)
    info["runs"] = 1 if args.smoke else max(args.runs, MIN_RUNS)
    doc = {"machine": info, "results": results}
    if args.only and args.json.exists() and not args.smoke:
        # A partial run updates its figures in the last full results and keeps the others.
        try:
            old = json.loads(args.json.read_text(encoding="utf-8"))
            keep = [r for r in old.get("results", []) if r.get("figure") not in names]
            doc["results"] = sorted(keep + results, key=lambda r: figure_names().index(r["figure"])
                                    if r.get("figure") in figure_names() else 999)
        except (OSError, ValueError):
            pass
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(doc["results"]))
    print(f"\n{info['cores']} cores, {info['cpu']}; load {info['load_average_before']} -> {info['load_average']};"
          f" written to {args.json}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
