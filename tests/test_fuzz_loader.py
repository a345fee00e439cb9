"""Fuzzing the loader (issue 12): every hostile file ends either in a valid draft or in the project's
DraftError with a Chinese message of bounded length, within a time bound, and nothing is written.

The mutation corpus (tests/fuzz_corpus.py) runs CI_CASES in `make test` and FULL_CASES in `make fuzz`;
hypothesis adds generated JSON values at random places of the samples and generated cell input. The
command line (check --json, export) gets a sample of the same cases; the window's open gets its own sample
in tests/test_reliability_gui.py.
"""

from __future__ import annotations

import json
import os
import re
import signal
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

from fuzz_corpus import _DATA, case, full_run, n_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cells import parse_input
from app.checks import run_checks
from app.cli import main
from app.errors import CellInputError, DraftError
from app.formats.types import CellKind
from app.storage import dumps, load_draft, loads

CJK = re.compile(r"[\u4e00-\u9fff]")
MESSAGE_LIMIT = 400
CASE_SECONDS = 20  # a ceiling far above the real cost (milliseconds): catches hangs, is not a timing test


@contextmanager
def bounded(seconds: int = CASE_SECONDS):
    def expire(*_):
        raise AssertionError(f"hang: not finished within {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def snapshot(folder: Path) -> dict:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


def load_case(path: Path, name: str):
    """Load one hostile file; returns the draft or the message. Asserts the rules of issue 12."""
    try:
        with bounded():
            draft = load_draft(path)
    except DraftError as e:
        msg = e.message
        assert CJK.search(msg), (name, msg[:300])
        assert len(msg) <= MESSAGE_LIMIT, (name, len(msg), msg[:300])
        assert "Traceback" not in msg and "Error" not in msg, (name, msg[:300])
        return msg
    # A mutation that is still a valid draft must work everywhere after the loader.
    with bounded():
        run_checks(draft)
        text = dumps(draft)
        assert dumps(loads(text)) == text
    return draft


def test_corpus(tmp_path):
    """The whole mutation corpus through load_draft; a summary line shows what kinds ended how."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    outcomes: dict[str, list[int]] = {}
    for i in range(n_cases()):
        name, raw = case(i)
        path = folder / "case.nianbao"
        path.write_bytes(raw)
        before = snapshot(folder)
        result = load_case(path, name)
        assert snapshot(folder) == before, f"{name}: the loader wrote"
        kind = name.split("-", 1)[1]
        counts = outcomes.setdefault(kind, [0, 0])
        counts[0 if isinstance(result, str) else 1] += 1
    print("\nrefused/loaded by kind:", json.dumps(outcomes, ensure_ascii=False))
    refused = sum(c[0] for c in outcomes.values())
    assert refused > n_cases() // 2  # the corpus really is hostile


def _run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    with bounded(), redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_cli_check_and_export_on_a_sample_of_the_corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "data"))
    step = 7 if full_run() else 41
    for i in range(0, n_cases(), step):
        name, raw = case(i)
        path = tmp_path / "c.nianbao"
        path.write_bytes(raw)
        code, out, err = _run_cli(["check", str(path), "--json"])
        assert code in (0, 1, 2), (name, code, err[-500:])
        if code == 2:
            assert CJK.search(err) and len(err) <= MESSAGE_LIMIT + 1, (name, err[:300])
        else:
            assert isinstance(json.loads(out), list), name
        docx = tmp_path / "c.docx"
        code, out, err = _run_cli(["export", str(path), "-o", str(docx)])
        assert code in (0, 1, 2), (name, code, err[-500:])
        assert (code == 0) == docx.exists(), name
        docx.unlink(missing_ok=True)
        assert path.read_bytes() == raw
    assert not (tmp_path / "data" / "logs").exists(), "an internal error (exit 3) happened"


# ---- hypothesis: generated values at random places of the samples ----------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


HYPOTHESIS_EXAMPLES = 2000 if full_run() else 300


@settings(max_examples=HYPOTHESIS_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(which=st.integers(0, 1), where=st.integers(0, 10**6), value=json_values)
def test_generated_values_anywhere(which, where, value):
    data = json.loads(json.dumps(_DATA[which]))
    paths = [p for p in _paths(data) if p]
    path = paths[where % len(paths)]
    node = data
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    text = json.dumps(data, ensure_ascii=False)
    try:
        with bounded():
            draft = loads(text, "生成.nianbao")
    except DraftError as e:
        assert CJK.search(e.message) and len(e.message) <= MESSAGE_LIMIT, e.message[:300]
        return
    run_checks(draft)
    dumps(draft)


@settings(max_examples=HYPOTHESIS_EXAMPLES, deadline=None)
@given(kind=st.sampled_from(list(CellKind)), text=st.text(max_size=40)
       | st.from_regex(r"\s*[+\-－]?[0-9０-９٠-٩,，]{0,20}(\.[0-9]{0,12})?\s*", fullmatch=True))
def test_generated_cell_input(kind, text):
    try:
        value = parse_input(kind, text)
    except CellInputError as e:
        assert CJK.search(e.message) and len(e.message) <= 200, e.message
        return
    if value is None:
        return
    if kind is CellKind.MONEY:
        assert re.fullmatch(r"(0|[1-9][0-9]{0,11})(\.[0-9]{1,10})?", value), value
    else:
        assert isinstance(value, int) and abs(value) <= 10**12
        assert kind is not CellKind.COUNT or value >= 0


def test_corpus_is_deterministic():
    assert case(123) == case(123)
    assert os.environ.get("NIANBAO_FUZZ") in (None, "", "full")
