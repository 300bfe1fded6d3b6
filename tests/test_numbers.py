"""The number layer (``numbers="all"``): every numeral, as the engine reports it then."""

from __future__ import annotations

import pytest

from pipeline.quantities.base import Context
from pipeline.quantities.engine import find_candidates
from pipeline.quantities.numbers import find
from pipeline.text.normalise import normalise
from pipeline.text.numerals import read_digits

CASES = [
    ("一百五十二", [("一百五十二", "152")]),
    ("十余万", [("十余万", "100000")]),
    ("四百多", [("四百", "400")]),
    ("负三十二", [("负三十二", "-32")]),
    ("-10000", [("-10000", "-10000")]),
    ("三百五又三分之一", [("三百五又三分之一", "350.333333333333333")]),
    ("负３分之负一百五十七", [("负3分之负一百五十七", "52.333333333333333")]),
    ("1 3/5", [("1 3/5", "1.6")]),
    ("2e5", [("2e5", "200000")]),
    ("2.5^-1", [("2.5^-1", "0.4")]),
    ("十打苹果", [("十打", "120")]),
    ("40k", [("40k", "40000")]),
    ("2222.2222.22222", [("2222", "2222"), ("2222", "2222"), ("22222", "22222")]),
    ("两千万点五五四四", [("两千万点五五四四", "20000000.5544")]),
    ("一点两小时", [("一", "1"), ("两", "2")]),
    # a lone Chinese digit counts before a classifier, a unit, a listed word or the end
    ("答案是四不是五", [("四", "4"), ("五", "5")]),
    ("小明有十个手指头", [("十", "10")]),
    ("一看", []),
    ("美味十足", []),
    ("陽光九九是食物品牌", []),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[t for t, _ in CASES])
def test_numbers_finds_every_numeral(text: str, want: list[tuple[str, str]]) -> None:
    norm = normalise(text)
    assert [(norm.text[c.start : c.end], c.value) for c in find(norm.text, Context())] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [("这是我的队伍", []), ("我家在四川", []), ("一百零一万一千", [("一百零一万一千", "1011000")])],
)
def test_numbers_false_friends_apply_to_the_layer(text: str, want: list[tuple[str, str]]) -> None:
    norm = normalise(text)
    got = find_candidates(norm, None, numbers="all")
    assert [(norm.text[c.start : c.end], c.value) for c in got] == want


def test_numbers_all_nests_the_numeral_inside_a_count() -> None:
    norm = normalise("引入超6家央企")
    got = [(c.type, norm.text[c.start : c.end]) for c in find_candidates(norm, None, numbers="all")]
    assert got == [("count", "超6家"), ("number", "6")]


def test_numbers_reported_mode_leaves_bare_numbers_out() -> None:
    assert find_candidates(normalise("答案是四不是五"), None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("二○一六", 2016), ("二O一六", 2016), ("二o一六", 2016), ("二0一六", 2016), ("2016", 2016), ("二〇二四", 2024),
     ("二十一", None), ("两千", None), ("", None)],
)
def test_numbers_read_digits_reads_a_year_digit_by_digit(text: str, expected: int | None) -> None:
    assert read_digits(text) == expected
