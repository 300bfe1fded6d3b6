"""Percentages written with words: 百分之七十, 千分之三, 三分之二, 六成, 八折.

``70%`` and ``3个百分点`` are unit forms handled by :mod:`measures`; this module reads the
forms where the denominator comes first (百万分之五, 百分之百), tenths (六成, 9.5成,
七成六, 七八成) and prices in tenths (八折, 75折, 三点五折).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS, RANGE_SEPARATOR
from pipeline.quantities.lexicon import FALSE_FRIENDS, to_decimal
from pipeline.text.numerals import (
    LARGE_UNIT_CHARS,
    NUMBER,
    ORDINARY_DIGITS,
    ORDINARY_UNITS,
    SMALL_UNIT_CHARS,
    NumeralError,
    adjacent_pair,
    format_decimal,
    parse_number,
)
from pipeline.text.numerals import LEX as NUMERALS
from pipeline.text.scan import anchored_finditer

_SEP = RANGE_SEPARATOR
_LATIN = "".join(NUMERALS.latin_magnitudes)
_MAG = f"[{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}]"
_DENOMINATOR = rf"(?<!{_MAG}){_MAG}++|{NUMBER}"  # 百, 百万, 千, 三 (before 分之)
_FRACTION_RE = re.compile(
    rf"""(?P<den>{_DENOMINATOR})分之
        (?P<num>{NUMBER}|(?<=百分之)百)                                   # 百分之百
        (?P<latin>[{_LATIN}](?![A-Za-z]))?                                 # 百分之3.2k
        (?:{_SEP}(?:(?P<den2>{_DENOMINATOR})分之)?(?P<num2>{NUMBER}))?""",  # 二分之一至三分之二
    re.VERBOSE,
)
_CN_DIGIT = "[" + "".join(c for c, v in NUMERALS.digits.items() if v > 0) + "]"
_NOT_AFTER_NUMERAL = f"(?<![0-9.{ORDINARY_DIGITS}{ORDINARY_UNITS}])"
# 一成 is left out: 一成不变, 一成员 are words far more often than 10 %.
_CHENG_RE = re.compile(
    rf"""{_NOT_AFTER_NUMERAL}
        (?:(?P<num>[1-9](?:\.[0-9])?|10|(?![一壹幺]){_CN_DIGIT}(?:[点點]{_CN_DIGIT})?|十)
          |(?P<pair>{_CN_DIGIT}{{2}})|(?P<only_half>半))
        成(?:(?P<half>半)|(?P<tenth>{_CN_DIGIT})(?![\u3400-\u9fff]))?""",
    re.VERBOSE,
)
_CHENG_BLOCKED = frozenset(KINDS.percent.cheng_blocked_next)
_ZHE_RE = re.compile(
    rf"""{_NOT_AFTER_NUMERAL}
        (?:(?P<num>[1-9](?:\.[0-9]|[0-9])?|{_CN_DIGIT}(?:[点點]?{_CN_DIGIT})?)
          |(?P<half>半)|(?<=打)(?P<pair>[对對]))
        折""",
    re.VERBOSE,
)
_ZHE_BLOCKED = frozenset(KINDS.percent.zhe_blocked_next)
_MAGNITUDES = frozenset(SMALL_UNIT_CHARS + LARGE_UNIT_CHARS)
# Every character a match can hold before its 分之, 成 or 折, for ``anchored_finditer``: supersets,
# the characters of the patterns' sources and the digits their ranges (0-9, 1-9) name.
_DENOMINATOR_CHARS = frozenset(_DENOMINATOR + "0123456789")
_CHENG_CHARS = frozenset(_CHENG_RE.pattern + "0123456789")
_ZHE_CHARS = frozenset(_ZHE_RE.pattern + "0123456789")
# False friends that begin with a numeral (二手, 三农): after 百分之一 they take their digit
# back from the numerator.
_NUMERAL_WORDS = tuple(w for w in FALSE_FRIENDS.words if w[0] in NUMERALS.digits)


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    # each form is found from its anchor (分之, 成, 折) by str.find: no whole-text regex
    # scan, not even a gate (a gate's class scan cost more than the anchors' runs)
    yield from _fractions(text)
    yield from _cheng(text)
    yield from _zhe(text)


def _denominator(text: str) -> Fraction:
    """The value of a denominator before 分之: a bare magnitude is one of it (百分之, 千分之, 百万分之).

    >>> _denominator("百"), _denominator("百万"), _denominator("三")
    (Fraction(100, 1), Fraction(1000000, 1), Fraction(3, 1))
    """
    return Fraction(parse_number(text if text[0] not in _MAGNITUDES else "1" + text))


def _fractions(text: str) -> Iterator[Candidate]:
    for m in anchored_finditer(_FRACTION_RE, text, "分之", _DENOMINATOR_CHARS):
        num_text, end = m["num"], m.end()
        if len(num_text) > 1 and text.startswith(_NUMERAL_WORDS, m.end("num") - 1):
            num_text, end = num_text[:-1], m.end("num") - 1  # 百分之一二手房: 1 %, then 二手房
        try:
            den = _denominator(m["den"])
            num = Fraction(parse_number(num_text if num_text != "百" else "一百"))
            num *= NUMERALS.latin_magnitudes[m["latin"]] if m["latin"] and end == m.end() else 1
            num2 = Fraction(parse_number(m["num2"])) if m["num2"] and end == m.end() else None
            den2 = _denominator(m["den2"]) if m["den2"] else den
        except NumeralError:
            continue
        if den == 0 or den2 == 0:
            continue
        value = to_decimal(num / den * 100)
        cand = Candidate(
            start=m.start(), end=end, type="percent", unit="%", number_text=text[m.start() : end],
            priority=3, core_start=m.start(), core_end=end,
        )
        pair = adjacent_pair(num_text)
        if num2 is not None:
            cand.low, cand.high = value, to_decimal(num2 / den2 * 100)
        elif pair is not None:  # 百分之二三十
            cand.low, cand.high = (to_decimal(Fraction(x) / den * 100) for x in pair)
            cand.qualifier = "approx"
        else:
            cand.amount, cand.value = value, format_decimal(value)
        yield cand


def _cheng(text: str) -> Iterator[Candidate]:
    """六成 = 60 %, 9.5成, 三成半 = 35 %, 七成六 = 76 %, 半成 = 5 %, 七八成 = 70–80 %."""
    for m in anchored_finditer(_CHENG_RE, text, "成", _CHENG_CHARS):
        if text[m.end() : m.end() + 1] in _CHENG_BLOCKED:
            continue
        numeral = m["num"] or m["pair"] or m["only_half"]
        cand = Candidate(
            start=m.start(), end=m.end(), type="percent", unit="%", number_text=numeral,
            unit_text="成", priority=3, core_start=m.start(), core_end=m.end(),
        )
        if m["pair"]:
            pair = adjacent_pair(m["pair"])
            if pair is None:
                continue
            cand.low, cand.high = pair[0] * 10, pair[1] * 10
            cand.qualifier = "approx"
        else:
            value = parse_number(m["num"]) * 10 if m["num"] else Decimal(0)
            value += Decimal(5) if m["half"] or m["only_half"] else 0
            value += parse_number(m["tenth"]) if m["tenth"] else 0
            cand.amount, cand.value = value, format_decimal(value)
        yield cand


def _zhe(text: str) -> Iterator[Candidate]:
    """八折 = 80 %, 75折 = 75 %, 9.9折 = 99 %, 三点五折 = 35 %, 三八折 = 38 %, 半折 = 50 %."""
    for m in anchored_finditer(_ZHE_RE, text, "折", _ZHE_CHARS):
        if text[m.end() : m.end() + 1] in _ZHE_BLOCKED:
            continue
        numeral = m["num"]
        if numeral is None:
            value = Decimal(50)  # 半折, 打对折
        elif len(numeral) == 2 and numeral[1] not in ".点點":
            value = parse_number(numeral)  # 75折, 三八折: the price in hundredths
        else:
            value = parse_number(numeral) * 10
        yield Candidate(
            start=m.start(), end=m.end(), type="percent", amount=value, value=format_decimal(value),
            unit="%", number_text=numeral or m.group()[:-1], unit_text="折", priority=3,
            core_start=m.start(), core_end=m.end(),
        )
