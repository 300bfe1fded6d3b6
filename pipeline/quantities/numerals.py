"""Numerals → exact ``Decimal``: Arabic, Chinese, 大写, traditional and mixed forms.

``parse_number`` is a pure function over a numeral string such as ``2,350万``,
``两万三千亿``, ``二十六点四万``, ``3千零50万`` or ``二○一六``; ``NUMBER`` is the regex
fragment that finds such strings. Characters and their worth live in
``pipeline/resources/numerals.toml``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from pydantic import field_validator

from pipeline.errors import DafuError
from pipeline.resources import Lexicon, load


class NumeralLexicon(Lexicon):
    digits: dict[str, int]
    small_units: dict[str, int]
    large_units: dict[str, int]
    tens: dict[str, int]
    points: dict[str, str]

    @field_validator("digits", "small_units", "large_units", "tens", "points")
    @classmethod
    def _single_chars(cls, table: dict[str, object]) -> dict[str, object]:
        for key in table:
            if len(key) != 1:
                raise ValueError(f"{key!r} is not a single character")
        return table

    @field_validator("digits")
    @classmethod
    def _digit_range(cls, table: dict[str, int]) -> dict[str, int]:
        for key, val in table.items():
            if not 0 <= val <= 9:
                raise ValueError(f"{key!r} = {val} is not a digit")
        return table


class NumeralError(DafuError, ValueError):
    """A string that is not a numeral was given to :func:`parse_number`."""


LEX = load("numerals.toml", NumeralLexicon)

DIGIT_CHARS = "".join(LEX.digits)
SMALL_UNIT_CHARS = "".join(LEX.small_units)
LARGE_UNIT_CHARS = "".join(LEX.large_units)
TENS_CHARS = "".join(LEX.tens)
POINT_CHARS = "".join(LEX.points)
_TEN_CHARS = "".join(k for k, v in LEX.small_units.items() if v == 10)

_ARABIC = r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
_CN_DIGIT = f"[{DIGIT_CHARS}]"
_CN_ANY = f"[{DIGIT_CHARS}{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}{TENS_CHARS}]"
_CN_POINT = f"(?:[{POINT_CHARS}]{_CN_DIGIT}+)"

#: One numeral: it starts with a digit (Arabic or Chinese), 十 or 廿, and goes on with
#: digits, powers of ten, a decimal point between digits, or further Arabic groups.
NUMBER = (
    rf"(?:{_ARABIC}|{_CN_DIGIT}|[{_TEN_CHARS}{TENS_CHARS}])"
    rf"(?:{_ARABIC}|{_CN_ANY}|{_CN_POINT})*"
)
#: Magnitude words that may follow a number after a hedge (100余万元).
MAGNITUDE = f"[{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}]+"

_TOKEN = re.compile(rf"(?P<arabic>{_ARABIC})|(?P<cn>{_CN_DIGIT}(?:[{POINT_CHARS}]{_CN_DIGIT}+)?)|(?P<unit>.)")
_ONLY_DIGITS = re.compile(f"{_CN_DIGIT}+")
_ARABIC_ONLY = re.compile(_ARABIC)


def _cn_decimal(token: str) -> Decimal:
    """``六点四`` → 6.4 (the integer part is a single digit here)."""
    whole, _, frac = token.partition(next((p for p in LEX.points if p in token), "\0"))
    digits = str(LEX.digits[whole])
    if frac:
        digits += "." + "".join(str(LEX.digits[c]) for c in frac)
    return Decimal(digits)


@cache
def parse_number(text: str) -> Decimal:
    """The exact value of a numeral.

    >>> parse_number("两万三千亿")
    Decimal('2300000000000')
    """
    if not text:
        raise NumeralError("empty numeral")
    if _ARABIC_ONLY.fullmatch(text):
        return Decimal(text.replace(",", ""))
    if len(text) > 1 and _ONLY_DIGITS.fullmatch(text):
        # 二○一六: digit by digit, as years and codes are read
        return Decimal("".join(str(LEX.digits[c]) for c in text))
    total = Decimal(0)  # parts already multiplied by 亿
    myriad = Decimal(0)  # parts multiplied by 万 since the last 亿
    section = Decimal(0)  # below 万
    pending: Decimal | None = None  # a digit waiting for its power of ten
    last_unit = 1  # the power of ten written last, for 两万五 = 25000
    for m in _TOKEN.finditer(text):
        if m.lastgroup == "arabic":
            pending = Decimal(m.group().replace(",", ""))
        elif m.lastgroup == "cn":
            pending = _cn_decimal(m.group())
        else:
            ch = m.group()
            if ch in LEX.small_units:
                unit = LEX.small_units[ch]
                section += (Decimal(1) if pending is None else pending) * unit
                pending, last_unit = None, unit
            elif ch in LEX.tens:
                section += LEX.tens[ch]
                pending, last_unit = None, 1
            elif ch in LEX.large_units:
                unit = LEX.large_units[ch]
                value = section + (pending or 0)
                if unit >= 100_000_000:
                    total = (total + myriad + value) * unit
                    myriad = Decimal(0)
                else:
                    myriad = (myriad + value) * unit
                section, pending, last_unit = Decimal(0), None, unit
            elif ch in LEX.digits or ch in LEX.points:
                raise NumeralError(f"misplaced {ch!r} in numeral {text!r}")
            else:
                raise NumeralError(f"{ch!r} is not part of a numeral in {text!r}")
    if pending is not None:
        # a trailing bare digit after a power of ten is one step below it: 两万五 = 25000
        if m.lastgroup == "cn" and last_unit >= 10 and "." not in str(pending) and not _zero_before_last(text):
            pending *= last_unit // 10
        section += pending
    return total + myriad + section


def _zero_before_last(text: str) -> bool:
    """True when a 零 stands before the final digit (一百零五: 5 is not 50)."""
    return len(text) >= 2 and LEX.digits.get(text[-2], -1) == 0


def adjacent_pair(text: str) -> tuple[Decimal, Decimal] | None:
    """``三四`` → (3, 4): two neighbouring digits that mean "three or four"."""
    if len(text) == 2 and all(c in LEX.digits for c in text):
        a, b = LEX.digits[text[0]], LEX.digits[text[1]]
        if a >= 1 and b == a + 1:
            return Decimal(a), Decimal(b)
    return None


def is_chinese_numeral(text: str) -> bool:
    """True when ``text`` has no Arabic digit (so it is written in Chinese characters)."""
    return not any("0" <= c <= "9" for c in text)


def format_decimal(value: Decimal) -> str:
    """The canonical text of an exact value: no exponent, no trailing zeros."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
