"""How expensive is a full re-check (run on every keystroke in the window)?

Measured as a ratio against a reference timed in the same run on the same machine: parsing the same
draft's JSON text with the standard library, an operation any editor could afford per keystroke.
Usage: .venv/bin/python bench/check_speed.py
"""

from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.checks import run_checks  # noqa: E402
from app.storage import dumps, load_draft  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def best(fn, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def main() -> None:
    for name in ("seed-2020-yanchi.nianbao", "sample-2025.nianbao"):
        draft = load_draft(SAMPLES / name)
        text = dumps(draft)
        ref = best(lambda text=text: json.loads(text), 200)
        check = best(lambda draft=draft: run_checks(draft), 200)
        print(f"{name}: full check {check * 1e3:.3f} ms; json.loads of the draft {ref * 1e3:.3f} ms; "
              f"ratio {check / ref:.1f}x")


if __name__ == "__main__":
    main()
