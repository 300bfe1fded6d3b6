"""Every word of the published hedge policy does what the policy table says."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.quantities.lexicon import HEDGES


def _only(text: str) -> tuple[str, str]:
    doc = pipeline.extract(text)
    assert len(doc.quantities) == 1, [q.text for q in doc.quantities]
    q = doc.quantities[0]
    return q.text, q.qualifier


@pytest.mark.parametrize(("word", "qualifier"), sorted(HEDGES.prefix.items()))
def test_hedges_prefix_joins_span(word: str, qualifier: str) -> None:
    assert _only(f"共有{word}25家企业。") == (f"{word}25家", qualifier)


@pytest.mark.parametrize(("word", "qualifier"), sorted(HEDGES.inner.items()))
def test_hedges_inner_joins_span(word: str, qualifier: str) -> None:
    assert _only(f"共有20{word}家企业。") == (f"20{word}家", qualifier)


@pytest.mark.parametrize(("word", "qualifier"), sorted(HEDGES.suffix.items()))
def test_hedges_suffix_joins_span(word: str, qualifier: str) -> None:
    assert _only(f"共有25家{word}。") == (f"25家{word}", qualifier)


@pytest.mark.parametrize(("word", "qualifier"), sorted(HEDGES.context_before.items()))
def test_hedges_context_sets_qualifier_outside_span(word: str, qualifier: str) -> None:
    text, got = _only(f"金额{word}为25万元。")
    assert (text, got) == ("25万元", qualifier)


@pytest.mark.parametrize("negated", ["没超过", "未超过", "不小于"])
def test_hedges_negated_prefix_is_not_in_span(negated: str) -> None:
    text, _ = _only(f"宽度{negated}4.5米")
    assert text == "4.5米"
