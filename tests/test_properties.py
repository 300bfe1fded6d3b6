"""Properties of pipeline.extract over arbitrary text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline

_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９.,，%％-—至到第前超约余多以上下左右万亿千百十零〇一二三四五六七八九两")
    + list("年月日个家元人米亩平方公里号期名位是、。；：（）“”\n *#+/")
)
_TEXT = st.one_of(st.text(alphabet=_ALPHABET, max_size=80), st.text(max_size=60))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_properties_extract_offsets_index_original(text: str) -> None:
    doc = pipeline.extract(text, ref_date="2024-09-12")
    last_end = 0
    for q in doc.quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= last_end, "quantities overlap"
        last_end = q.end
        if q.amount is not None:
            assert q.amount.is_finite()


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_properties_extract_is_deterministic(text: str) -> None:
    assert pipeline.extract(text) == pipeline.extract(text)
