"""Percentages written with words: 百分之七十, 千分之三, 三分之二, 六成.

``70%`` and ``3个百分点`` are unit forms handled by :mod:`measures`; this module reads the
forms where the denominator comes first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS
from pipeline.quantities.lexicon import to_decimal
from pipeline.quantities.numerals import NUMBER, NumeralError, format_decimal, parse_number

_SEP = r"(?:至|到|-|—|－|~|～)"
_FRACTION_RE = re.compile(
    rf"""(?P<den>百|千|万|{NUMBER})分之(?P<num>{NUMBER})
        (?:{_SEP}(?:(?P=den)分之)?(?P<num2>{NUMBER}))?""",
    re.VERBOSE,
)
_CHENG_RE = re.compile(r"(?P<num>[二三四五六七八九两]|十)成(?P<half>半)?")
_CHENG_BLOCKED = frozenset(KINDS.percent.cheng_blocked_next)
_DENOMINATORS = {"百": 100, "千": 1000, "万": 10000}


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    yield from _fractions(text)
    yield from _cheng(text)


def _fractions(text: str) -> Iterator[Candidate]:
    for m in _FRACTION_RE.finditer(text):
        try:
            den = Fraction(_DENOMINATORS.get(m["den"]) or parse_number(m["den"]))
            num = Fraction(parse_number(m["num"]))
            num2 = Fraction(parse_number(m["num2"])) if m["num2"] else None
        except NumeralError:
            continue
        if den == 0:
            continue
        value = to_decimal(num / den * 100)
        cand = Candidate(
            start=m.start(), end=m.end(), type="percent", unit="%", number_text=m.group(),
            priority=3, core_start=m.start(), core_end=m.end(),
        )
        if num2 is not None:
            cand.low, cand.high = value, to_decimal(num2 / den * 100)
        else:
            cand.amount, cand.value = value, format_decimal(value)
        yield cand


def _cheng(text: str) -> Iterator[Candidate]:
    for m in _CHENG_RE.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        if nxt in _CHENG_BLOCKED or (m.start() > 0 and text[m.start() - 1] in "一二三四五六七八九十"):
            continue
        value = parse_number(m["num"]) * 10 + (Decimal(5) if m["half"] else 0)
        yield Candidate(
            start=m.start(), end=m.end(), type="percent", amount=value, value=format_decimal(value),
            unit="%", number_text=m["num"], unit_text="成", priority=3,
            core_start=m.start(), core_end=m.end(),
        )
