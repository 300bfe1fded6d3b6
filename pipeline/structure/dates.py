"""Signature dates, read with the numerals of ``numerals.toml``.

A signature states one whole date, so this parser needs no reference date; the quantity
engine has its own, richer one. ``二○一六年十一月八日`` → ``date(2016, 11, 8)``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from pipeline.structure.lexicon import lexicon
from pipeline.text.numerals import TEN, TENS_CHARS, YEAR_DIGITS, read_digits, small_number


def _month(text: str) -> int | None:
    return lexicon().numerals.months.get(text) or small_number(text)


@cache
def date_fragment() -> str:
    """The signature date as a regex fragment with groups ``y m d`` or ``y2 m2 d2``."""
    year_digit = "0-9" + "".join(re.escape(c) for c in YEAR_DIGITS)
    # the digits of a year but the Arabic ones (read by the [0-9] branch), and 十 廿 卅
    small = "".join(re.escape(c) for c in [*YEAR_DIGITS, *TEN, *TENS_CHARS] if c not in "0123456789")
    month_names = "".join(re.escape(c) for c in lexicon().numerals.months)
    written = rf"""
        (?<![0-9])(?P<y>[{year_digit}]{{4}}) \s* 年 \s*
        (?P<m>[0-9]{{1,2}}|[{small}{month_names}]{{1,3}}) \s* 月 \s*
        (?P<d>[0-9]{{1,2}}|[{small}]{{1,3}}) \s* (?:日|号)?
    """
    separated = r"""
        (?<![0-9])(?P<y2>[0-9]{4}) \s* (?P<sep>[-./]) \s* (?P<m2>[0-9]{1,2}) \s* (?P=sep) \s*
        (?P<d2>[0-9]{1,2})(?![0-9])
    """
    return rf"(?:{written}|{separated})"


@cache
def _date_only() -> re.Pattern[str]:
    return re.compile(rf"\s*{date_fragment()}\s*", re.VERBOSE)


def date_from_match(match: re.Match[str]) -> dt.date | None:
    """The date a match of :func:`date_fragment` states, or None if it is no real day."""
    if match.group("y") is not None:
        year, month, day = read_digits(match["y"]), _month(match["m"]), small_number(match["d"])
    else:
        year, month, day = int(match["y2"]), int(match["m2"]), int(match["d2"])
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The date a signature line states, or None when the line is not one whole date.

    >>> parse_date("二○一六年十一月八日")
    datetime.date(2016, 11, 8)
    """
    match = _date_only().fullmatch(text)
    return date_from_match(match) if match else None
