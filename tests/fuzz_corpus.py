"""Hostile draft files made from the two samples: the mutation corpus of the loader fuzz tests.

Deterministic (seeded), so a failing case can be rebuilt from its number: `case(i)` returns
(name, bytes). The kinds follow issue 12: byte flips, truncations, deleted/duplicated keys, wrong types,
huge numbers and exponents, NaN/Infinity, deep nesting, long strings, invalid UTF-8, byte-order marks
and other encodings, lone surrogates, unknown ids, future schema versions.

How many cases run: NIANBAO_FUZZ=full (make fuzz) runs FULL_CASES, otherwise CI_CASES (make test).
"""

from __future__ import annotations

import copy
import json
import os
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "resources" / "samples" / "seed-2020-yanchi.nianbao",
           ROOT / "resources" / "samples" / "sample-2025.nianbao"]
CI_CASES = 2000
FULL_CASES = 12000


def full_run() -> bool:
    return os.environ.get("NIANBAO_FUZZ") == "full"


def n_cases() -> int:
    return FULL_CASES if full_run() else CI_CASES


_RAW = [p.read_bytes() for p in SAMPLES]
_DATA = [json.loads(r) for r in _RAW]

WEIRD_VALUES = [
    None, True, False, 0, -1, 1.5, -0.0, 2**63, -(2**63), 10**12, 10**12 + 1, 10**99, "", "0", "12", "-5", "+5",
    "1,234", "12,5", "١٢", "０１２", "\u200b12", "NaN", "1e999999999", "x" * 5000, "年" * 300, [], {}, [1, 2],
    {"a": 1}, "\ud800", "\x00", "2019", "2021", "overview", "table3",
]
RAW_NUMBERS = ["1e999999999", "1E99999999999999999", "-1e999999999", "1e-999999999", "NaN", "Infinity",
               "-Infinity", "9" * 4300, "9" * 5000, "1" + "0" * 101, "0.000000000000000000001", "1e308", "1e309",
               "123456789012345678901234567890.5", "-0", "1.0", "4.2e1"]
KINDS = ["flip", "truncate", "delete_key", "duplicate_key", "wrong_type", "huge_number", "nan_inf", "deep_nesting",
         "long_string", "invalid_utf8", "bom_encoding", "lone_surrogate", "unknown_id", "future_version",
         "splice", "insert_key"]


def _weird(rng):
    return copy.deepcopy(rng.choice(WEIRD_VALUES))  # a fresh copy: the same list twice in a tree nests


def _paths(node, prefix=()):
    """Every (path, value) of a JSON tree."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _set(data, path, value):
    node = data
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")


def _random_path(rng, data, containers=False):
    paths = [p for p, v in _paths(data) if p and (not containers or isinstance(v, dict | list))]
    return rng.choice(paths)


def _with_raw_value(rng, data, raw: str) -> bytes:
    """`data` with the JSON text `raw` (which json.dumps could not write) at a random leaf."""
    path = _random_path(rng, data)
    mark = "@@FUZZ@@"
    _set(data, path, mark)
    return _dump(data).replace(b'"@@FUZZ@@"', raw.encode(), 1)


def case(i: int) -> tuple[str, bytes]:
    rng = random.Random(i * 7919 + 13)
    which = i % len(_RAW)
    raw = _RAW[which]
    data = json.loads(raw)
    kind = KINDS[i % len(KINDS)]
    if kind == "flip":
        b = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(len(b))
            b[pos] = rng.randrange(256) if rng.random() < 0.5 else b[pos] ^ (1 << rng.randrange(8))
        out = bytes(b)
    elif kind == "truncate":
        out = raw[: rng.randrange(len(raw))]
    elif kind == "delete_key":
        path = _random_path(rng, data)
        parent = data
        for p in path[:-1]:
            parent = parent[p]
        del parent[path[-1]]
        out = _dump(data)
    elif kind == "duplicate_key":
        text = raw.decode()
        key = rng.choice(['"year"', '"format_id"', '"schema_version"', '"tables"', '"agency"', '"sections"'])
        value = rng.choice(['"2030"', "null", "[]", "{}", "2018", '"x"', "1e999999999"])
        out = text.replace("{", "{" + f"{key}: {value},", 1).encode()
    elif kind == "wrong_type":
        for _ in range(rng.randint(1, 3)):
            _set(data, _random_path(rng, data), _weird(rng))
        out = _dump(data)
    elif kind in ("huge_number", "nan_inf"):
        pool = RAW_NUMBERS if kind == "huge_number" else ["NaN", "Infinity", "-Infinity"]
        out = _with_raw_value(rng, data, rng.choice(pool))
    elif kind == "deep_nesting":
        depth = rng.choice([50, 1000, 10_000, 200_000])
        opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
        out = _with_raw_value(rng, data, opener * depth + "1" + closer * depth)
    elif kind == "long_string":
        out = _with_raw_value(rng, data, json.dumps(rng.choice(["x", "年", "\u200b", "1"]) * rng.choice(
            [300, 10_000, 1_000_000])))
    elif kind == "invalid_utf8":
        b = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            b.insert(rng.randrange(len(b)), rng.choice([0x80, 0xC0, 0xFF, 0xFE, 0xED, 0xF8]))
        out = bytes(b)
    elif kind == "bom_encoding":
        text = raw.decode()
        codec, bom = rng.choice([("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                 ("utf-16-le", b""), ("gb18030", b""), ("gbk", b""), ("utf-32-le", b"\xff\xfe\x00\x00"),
                                 ("big5", b""), ("shift_jis", b""), ("latin-1", b""), ("utf-8", b"\xff\xfe")])
        out = bom + text.encode(codec, "replace")
        if rng.random() < 0.3:
            out = out[: rng.randrange(len(out))]
    elif kind == "lone_surrogate":
        out = _with_raw_value(rng, data, rng.choice(['"\\ud800"', '"a\\udfffb"', '{"\\ud83d": 1}']))
    elif kind == "unknown_id":
        where = rng.choice(["table", "row", "column", "section", "top", "format"])
        name = rng.choice(["bogus", "table9", "x" * 2000, "", "\u200b", "总计"])
        if where == "table":
            data["tables"][name] = {}
        elif where == "row":
            data["tables"][rng.choice(list(data["tables"]))][name] = {}
        elif where == "column":
            t = data["tables"][rng.choice(list(data["tables"]))]
            t[rng.choice(list(t))][name] = 1
        elif where == "section":
            data["sections"][name] = {"text": ""}
        elif where == "top":
            data[name] = 1
        else:
            data["format_id"] = name
        out = _dump(data)
    elif kind == "future_version":
        data["schema_version"] = rng.choice([3, 99, 0, -1, 10**50, "2", 2.0, None])
        out = _dump(data)
    elif kind == "splice":
        other = _RAW[1 - which]
        a, b = rng.randrange(len(raw)), rng.randrange(len(other))
        out = raw[:a] + other[b:]
    else:  # insert_key
        container = _random_path(rng, data, containers=True)
        node = data
        for p in container:
            node = node[p]
        if isinstance(node, dict):
            node[rng.choice(["x", "text", "parts", "title", "total", "natural_person"])] = _weird(rng)
        else:
            node.append(_weird(rng))
        out = _dump(data)
    return f"{i:05d}-{kind}", out
