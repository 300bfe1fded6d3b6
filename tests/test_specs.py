"""Spec-driven tests: every line of tests/specs/<kind>.jsonl is its own test case.

A case: ``{"id", "text", "ref_date"?, "expected": [{field: value, …}, …], "xfail"?}``.
``expected`` lists every quantity ``pipeline.extract`` must report in ``text``, in order;
each expected record is compared on the fields it names (values as strings), and its
offsets must be where its surface text stands in ``text`` (or its own ``start``/``end``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import pipeline

SPECS = Path(__file__).parent / "specs"


def _cases() -> list[Any]:
    params = []
    for path in sorted(SPECS.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(case, id=f"{path.stem}:{case.get('id', lineno)}", marks=marks))
    return params


def _as_text(value: Any) -> Any:
    return None if value is None else str(value)


@pytest.mark.parametrize("case", _cases())
def test_spec_case(case: dict[str, Any]) -> None:
    doc = pipeline.extract(case["text"], ref_date=case.get("ref_date"))
    got = []
    for q in doc.quantities:
        record = q.model_dump()
        got.append(record)
    want = case["expected"]
    got_view = [
        {k: _as_text(g.get(k)) for k in w} for g, w in zip(got, want, strict=False)
    ]
    want_view = [{k: _as_text(v) for k, v in w.items()} for w in want]
    assert got_view == want_view
    assert [g["text"] for g in got] == [w["text"] for w in want]
    assert [(q.start, q.end) for q in doc.quantities] == _expected_offsets(case["text"], want)


def _expected_offsets(text: str, want: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Where the expected quantities stand in ``text``, found apart from the extractor: a
    case's own ``start``/``end``, else the next occurrence of its surface text after the
    quantity before (quantities do not overlap)."""
    offsets: list[tuple[int, int]] = []
    at = 0
    for w in want:
        start = int(w["start"]) if "start" in w else text.find(w["text"], at)
        end = int(w["end"]) if "end" in w else start + len(w["text"])
        assert start >= 0 and text[start:end] == w["text"], f"spec case: {w['text']!r} is not in its text"
        offsets.append((start, end))
        at = end
    return offsets
