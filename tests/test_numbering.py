"""Session and issue numbering (pipeline/quantities/numbering.py): the fast form of the
session pattern finds what its plain form finds, and a long run is scanned in linear time."""

from __future__ import annotations

import re

import pytest
from growth import LIMIT, growth
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.quantities import numbering


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="第一十2届人大政协次中全会 \n", max_size=30))
@example("县第十七届人民代表大会第四次会议，十第三届人大，第第二届政协，十四届全国人大二次")
def test_numbering_session_run_matches_as_plain(text: str) -> None:
    fast = re.compile(numbering._SESSION, re.VERBOSE)
    plain = re.compile(numbering._RUN_PLAIN + numbering._SESSION_TAIL, re.VERBOSE)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_numbering_spans_cover_sessions_and_issues() -> None:
    text = "关于政协第十四届第二次会议第133号提案（第2期）"
    assert [text[a:b] for a, b in numbering.spans(text)] == ["政协第十四届", "第十四届第二次", "（第2期）"]


@pytest.mark.parametrize("unit", ["第一届", "十届人大", "第", "政协第一", "（第2"], ids=repr)
def test_numbering_is_linear_on_a_run(unit: str) -> None:
    assert growth(numbering.spans, unit, 50_000) < LIMIT  # a fast scan: sizes where the time is not noise
