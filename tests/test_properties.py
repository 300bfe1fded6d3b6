"""Properties of pipeline.extract over arbitrary text (hypothesis).

For any text — CJK numerals, digits, full-width forms, units, hedges, punctuation, control
characters, long runs of one character — ``extract`` never raises; every quantity, entity and
sentence lies within bounds and does not overlap the next; every value is a finite Decimal;
the same input gives the same output. A known quantity put after text that normalisation
shortens (zero-width characters, ``**``, line breaks, page numbers) is found where it was put:
its offsets index the original text.

CI runs a few hundred examples per property; a longer fuzz run raises the count:

    DAFU_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_properties.py -q -p no:cacheprovider
"""

from __future__ import annotations

import os
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.records import Document

EXAMPLES = int(os.environ.get("DAFU_FUZZ_EXAMPLES", "250"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９.,，%％-—至到第前超约余多以上下左右万亿千百十零〇一二三四五六七八九两")
    + list("年月日个家元人米亩平方公里号期名位是、。；：（）“”\n *#+/")
)
# Pieces the extractor has rules for, so that random text often looks like a quantity.
_PIECES = st.sampled_from([
    # numerals: ASCII, full-width, CJK, 大写, with separators and decimals
    "0", "6", "10", "2024", "1,000", "3.5", "０", "６", "１０", "．", "，", "一", "二", "两", "十", "百", "千",
    "零", "〇", "壹", "贰", "叁", "拾", "佰", "仟", "万", "亿", "万亿", "兆", "半", "几", "数",
    # units, classifiers, currencies, percent
    "家", "个", "项", "人次", "名", "元", "万元", "亿元", "美元", "平方米", "亩", "公顷", "公里", "吨", "%",
    "％", "‰", "个百分点", "倍", "年", "月", "日", "号", "季度", "天", "小时", "分", "秒", "第", "期", "届",
    # hedges, ranges, false friends
    "超", "超过", "约", "近", "逾", "余", "多", "以上", "以下", "左右", "不少于", "不到", "至", "到", "-", "—",
    "~", "～", "一流", "一批", "20+8", "同比增长", "下降", "今年", "去年", "上半年",
    # punctuation, spaces, controls, surrogates' neighbours and combining marks
    "、", "。", "；", "：", "（", "）", "(", ")", "“", "”", "《", "》", "\n", "\r\n", "\t", " ", "\u3000",
    "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\ufeff", "\u0301", "\U0001f600", "\uffff",
])
_RUN_CHARS = st.sampled_from(["1", "一", "%", "第", "万", "０", "，", ".", "-", "亿", "余", "\n", "超"])
_LONG_RUN = st.builds(lambda c, n: c * n, _RUN_CHARS, st.integers(min_value=50, max_value=3000))
_PIECED = st.lists(st.one_of(_PIECES, _LONG_RUN, st.text(max_size=3)), max_size=40).map("".join)
_TEXT = st.one_of(st.text(alphabet=_ALPHABET, max_size=80), st.text(max_size=60), _PIECED)


# Text around a known quantity: no numeral, unit or hedge of its own, but characters that
# normalisation drops or folds, so that normalised and original offsets part.
_FILLER = st.lists(st.sampled_from([
    "推动", "中心", "平台", "建立", "合作", "机制", "香港大学", "福田", "您好", "abc", "ＡＢ",
    "\u200b", "\u200c", "\u2060", "\ufeff", "**", "__", "\n", "\r\n", "\n\n", " ", "\u3000", "\t",
    "，", "、", "：", "（", "）", "\n- 3 -\n", "\n第3页\n",
]), max_size=30).map("".join)
# Quantities whose whole surface is the quantity, with their type.
_KNOWN = st.sampled_from([
    ("超20家", "count"), ("2亿元", "money"), ("70%", "percent"), ("３５所", "count"), ("一百二十个", "count"),
    ("超30万**平方米", "area"), ("约2.4万元", "money"), ("2024年6月", "date"), ("百分之五到十", "percent"),
])


def _assert_spans(spans: list[tuple[int, int]], text: str, what: str) -> None:
    last_end = 0
    for start, end in sorted(spans):
        assert 0 <= start < end <= len(text), f"{what} out of bounds"
        assert start >= last_end, f"{what} overlap"
        last_end = end


def _assert_finite(doc: Document) -> None:
    for q in doc.quantities:
        for number in (q.amount, q.low, q.high):
            assert number is None or (isinstance(number, Decimal) and number.is_finite()), q


@FUZZ
@given(_TEXT)
@example("1" * 5000)
@example("第" * 3000 + "1")
@example("\x00超\r\n6家\u3000")
def test_properties_extract_spans_in_bounds_without_overlap(text: str) -> None:
    doc = pipeline.extract(text, ref_date="2024-09-12")
    _assert_spans([(q.start, q.end) for q in doc.quantities], text, "quantities")
    _assert_spans([(e.start, e.end) for e in doc.entities], text, "entities")
    _assert_finite(doc)


@FUZZ
@given(_FILLER, _KNOWN, _FILLER)
@example("推动\u200b**中心\n平台", ("超30万**平方米", "area"), "__合作\ufeff")
@example("\n- 3 -\n您好\r\n", ("超20家", "count"), "")
def test_properties_extract_finds_a_known_quantity_where_it_was_put(before: str, known: tuple[str, str],
                                                                    after: str) -> None:
    surface, kind = known
    text = f"{before}。{surface}。{after}"
    start = len(before) + 1  # counted in the original text, apart from the extractor
    found = [(q.start, q.end, q.type) for q in pipeline.extract(text).quantities]
    assert (start, start + len(surface), kind) in found


@FUZZ
@given(_TEXT)
def test_properties_extract_sentences_in_bounds_hold_their_quantities(text: str) -> None:
    doc = pipeline.extract(text)
    _assert_spans([(s.start, s.end) for s in doc.sentences], text, "sentences")
    for q in doc.quantities:  # a quantity placed in a sentence lies inside it
        if q.sentence_id is not None:
            sentence = next(s for s in doc.sentences if s.id == q.sentence_id)
            assert sentence.start <= q.start < sentence.end


@settings(max_examples=max(EXAMPLES // 3, 50), deadline=None)
@given(_TEXT)
def test_properties_extract_is_deterministic(text: str) -> None:
    assert pipeline.extract(text) == pipeline.extract(text)
