"""Signature dates and small Chinese numbers, read with the structure lexicon.

A signature states one whole date, so this parser needs no reference date; the quantity
engine has its own, richer one. ``二○一六年十一月八日`` → ``date(2016, 11, 8)``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from pipeline.structure.lexicon import lexicon


def cn_int(text: str) -> int | None:
    """The value of a small number written in Chinese or Arabic digits, else None.

    >>> cn_int("二十三"), cn_int("十一"), cn_int("廿八"), cn_int("12")
    (23, 11, 28, 12)
    """
    if text.isascii() and text.isdigit():
        return int(text)
    num = lexicon().numerals
    total, digit, seen_tens = 0, None, False
    for ch in text:
        if ch in num.digits and digit is None:
            digit = num.digits[ch]
        elif ch in num.tens and not seen_tens:
            if ch == "十":  # 十 multiplies the digit before it; 廿 and 卅 stand alone
                total += (1 if digit is None else digit) * 10
            elif digit is None:
                total += num.tens[ch]
            else:
                return None
            digit, seen_tens = None, True
        else:
            return None
    if not text or (digit is None and not seen_tens):
        return None
    return total + (digit or 0)


def _year(text: str) -> int | None:
    """A year written digit by digit: ``二○一六``, ``二0一八``, ``2016``."""
    digits = lexicon().numerals.digits
    value = 0
    for ch in text:
        if ch.isascii() and ch.isdigit():
            value = value * 10 + int(ch)
        elif ch in digits:
            value = value * 10 + digits[ch]
        else:
            return None
    return value


def _month(text: str) -> int | None:
    return lexicon().numerals.months.get(text) or cn_int(text)


@cache
def date_fragment() -> str:
    """The signature date as a regex fragment with groups ``y m d`` or ``y2 m2 d2``."""
    num = lexicon().numerals
    year_digit = "0-9" + "".join(re.escape(c) for c in num.digits)
    small = "".join(re.escape(c) for c in [*num.digits, *num.tens])
    month_names = "".join(re.escape(c) for c in num.months)
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
        year, month, day = _year(match["y"]), _month(match["m"]), cn_int(match["d"])
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
