"""The benchmark scripts of bench/ work: each figure runs once, tiny (`bench/run.py --smoke`), and gives a result
record with the program's and the baseline's figure. No timing is asserted here: speed is judged by `make bench`,
as ratios to baselines measured in the same run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES = sorted(p.stem for p in (ROOT / "bench" / "figures").glob("*.py") if not p.stem.startswith("_"))


def smoke(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--json", str(out), *args],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["machine"]["cores"] >= 1 and doc["machine"]["python"]
    return doc


def test_every_figure_is_found():
    assert {"startup", "grid_edit", "typing", "export", "check", "sizes"} <= set(FIGURES)


@pytest.mark.parametrize("name", [f for f in FIGURES if f != "sizes"])
def test_figure_runs_once(tmp_path, name):
    doc = smoke(tmp_path, "--only", name, "--dist", str(tmp_path / "no-dist"))
    results = doc["results"]
    assert results, f"{name} gave no figures"
    for r in results:
        assert r["figure"] == name
        assert r["metric"] and r["unit"] and r["baseline_name"]
        assert r["program"] >= 0, r
        if r["unit"] in ("s", "ms"):
            assert r["program"] > 0, r  # a time; memory kept can be nothing (undo that stores only changes)
        assert r["baseline"] is not None and r["baseline"] >= 0, r
        assert r["runs"] >= 1
        assert r["target"].get("text")
        if r["ratio"] is not None:
            assert r["ratio"] == pytest.approx(r["program"] / r["baseline"])


def test_sizes_figure_measures_built_artefacts(tmp_path):
    dist = tmp_path / "dist"
    (dist / "nianbao" / "_internal").mkdir(parents=True)
    (dist / "nianbao" / "nianbao").write_bytes(b"x" * 600_000)
    (dist / "nianbao" / "_internal" / "lib.so").write_bytes(b"x" * 400_000)
    (dist / "nianbao_0.1.0_amd64.deb").write_bytes(b"x" * 300_000)
    hello = tmp_path / "hello"
    hello.mkdir()
    (hello / "hello_world").write_bytes(b"x" * 2_000_000)
    doc = smoke(tmp_path, "--only", "sizes", "--dist", str(dist), "--hello", str(hello))
    by_id = {r["id"]: r for r in doc["results"]}
    assert by_id["size.bundle"]["program"] == pytest.approx(1.0)
    assert by_id["size.bundle"]["ratio"] == pytest.approx(0.5)
    assert by_id["size.bundle"]["met"] is True
    assert by_id["size.deb"]["program"] == pytest.approx(0.3)
    assert "size.windows_setup" not in by_id


def test_sizes_figure_is_left_out_when_nothing_is_built(tmp_path):
    doc = smoke(tmp_path, "--only", "sizes", "--dist", str(tmp_path / "empty"))
    assert doc["results"] == []


def test_start_up_profile_prints_its_phases(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "profile_start.py"), "--runs", "1"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = [line.split("|")[1].strip() for line in proc.stdout.splitlines()[2:]]
    assert rows[0] == "app.cli" and "pydantic" in rows and rows[-1] == "total"
