"""Numerals → exact ``Decimal``: Arabic, Chinese, 大写, traditional and mixed forms.

The one numeric vocabulary of dafu. Characters and their worth live in
``pipeline/resources/numerals.toml``; this module loads them once and exposes them as
regex character classes (``DIGIT_CHARS``, ``ONE_TO_NINE``, ``ZERO_CHARS`` …) to every
room — structure (outline numbers, sessions, signature dates), quantities and linking —
so that no module writes a numeral character set of its own.

``parse_number`` is a pure function over a numeral string such as ``2,350万``,
``两万三千亿``, ``二十六点四万``, ``3千零50万`` or ``二○一六``; ``NUMBER`` is the regex
fragment that finds such strings; ``small_number`` and ``read_digits`` read the outline
numbers (十一) and the years (二○一六) of the structure with it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache

from pydantic import field_validator, model_validator

from pipeline.errors import DafuError
from pipeline.resources import Lexicon, load


class NumeralLexicon(Lexicon):
    digits: dict[str, int]
    small_units: dict[str, int]
    large_units: dict[str, int]
    inner_units: dict[str, int]
    tens: dict[str, int]
    points: dict[str, str]
    counting_only: list[str]
    variants: list[str]
    digit_by_digit_zeros: list[str]
    minus_after: list[str]
    latin_magnitudes: dict[str, int]

    @model_validator(mode="after")
    def _variants_are_numerals(self) -> NumeralLexicon:
        known = {*self.digits, *self.small_units, *self.large_units}
        for char in self.variants:
            if char not in known:
                raise ValueError(f"variant {char!r} is not a digit or a power of ten")
        return self

    @field_validator("digits", "small_units", "large_units", "inner_units", "tens", "points")
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


def _ordinary(table: dict[str, int], *values: int) -> str:
    return "".join(k for k, v in table.items() if v in values and k not in LEX.variants)


#: The ordinary script (no 大写, traditional or spoken forms), as regex class contents.
ZERO_CHARS = _ordinary(LEX.digits, 0)  # 零〇○Ｏ
ONE_TO_NINE = "".join(c for c in _ordinary(LEX.digits, *range(1, 10)) if c not in LEX.counting_only)  # 一…九
#: 零〇○ 一 二 两 三 … 九: the digits outlines, sessions and clock times are written with
ORDINARY_DIGITS = _ordinary(LEX.digits, *range(10))
ORDINARY_NONZERO = _ordinary(LEX.digits, *range(1, 10))  # 一二两三…九
TEN = _ordinary(LEX.small_units, 10)  # 十
ORDINARY_SMALL_UNITS = _ordinary(LEX.small_units, 10, 100, 1000)  # 十百千
ORDINARY_HUNDREDS_THOUSANDS = _ordinary(LEX.small_units, 100, 1000)  # 百千
ORDINARY_UNITS = ORDINARY_SMALL_UNITS + _ordinary(LEX.large_units, 10_000, 100_000_000)  # 十百千万亿
#: 百 佰 千 仟: the powers of ten that may open a numeral before a digit (百三 = 130)
HUNDREDS_THOUSANDS = "".join(k for k, v in LEX.small_units.items() if v in (100, 1000))
#: what a year read digit by digit is written with, and each character's worth (二○一六, 二O一六)
YEAR_DIGITS = {**{c: LEX.digits[c] for c in ZERO_CHARS + ONE_TO_NINE}, **dict.fromkeys(LEX.digit_by_digit_zeros, 0)}

_ARABIC = r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
_CN_DIGIT = f"[{DIGIT_CHARS}]"
_CN_FRACTION_DIGIT = "[" + "".join(c for c in LEX.digits if c not in LEX.counting_only) + "]"
_CN_ANY = f"[{DIGIT_CHARS}{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}{TENS_CHARS}]"
_CN_POINT = f"(?:[{POINT_CHARS}]{_CN_FRACTION_DIGIT}+)"
_INNER_UNIT_CHARS = "".join(LEX.inner_units)
_CN_INNER = f"(?:[{_INNER_UNIT_CHARS}](?=[{DIGIT_CHARS}{_TEN_CHARS}]))"

#: After the first character, a Chinese digit never follows an Arabic one: 307两条 is 307
#: and 两条 (306、307两条), where 3千零50万 goes on after its power of ten.
_CN_AFTER_ANY = f"(?:(?<![0-9]){_CN_DIGIT}|[{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}{TENS_CHARS}])"
#: ... nor an Arabic digit but 0 a Chinese one: 初三20名 is 初三 and 20名, 高一16班 高一 and 16班
#: (3千零50万 and the 0 of 二0一八 go on as before).
NONZERO_DIGIT_CHARS = "".join(c for c, v in LEX.digits.items() if v)  # 一…九 两 壹 … (not 零)
_CN_NONZERO = f"[{NONZERO_DIGIT_CHARS}]"
_ARABIC_AFTER_ANY = f"[0-9](?<!{_CN_NONZERO}[1-9])"

#: One numeral: it starts with a digit (Arabic or Chinese), 十 or 廿, and goes on with
#: digits, powers of ten, a decimal point between digits, or thousands groups. It never
#: starts inside another numeral (a Chinese digit right after an Arabic one starts its own),
#: and it is atomic: once matched it is not backtracked into, so a megabyte of digits is
#: read in linear time.
_NUMERAL_CHARS = f"0-9{DIGIT_CHARS}{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}{TENS_CHARS}"
NUMBER = (
    rf"(?:(?<![{_NUMERAL_CHARS}.])|(?<=[0-9])(?={_CN_DIGIT})|(?<={_CN_NONZERO})(?=[1-9]))"
    # nor at the fraction digits of 一点五 (the numeral before read them): 一点一点… stays linear
    rf"(?:(?<![{_NUMERAL_CHARS}][{POINT_CHARS}])|(?!{_CN_FRACTION_DIGIT}))"
    rf"(?>(?:[0-9]|{_CN_DIGIT}|[{_TEN_CHARS}{TENS_CHARS}])"
    rf"(?:{_ARABIC_AFTER_ANY}|,[0-9]{{3}}(?![0-9])|\.[0-9]|{_CN_AFTER_ANY}|{_CN_POINT}|{_CN_INNER})*)"
)
#: ``NUMBER`` rewritten to begin with its first character's class, for scanning a whole
#: text with ``finditer``: the regex engine then skips in C to the next character that can
#: start a numeral, where ``NUMBER`` (it begins with lookbehinds) is tried at every
#: position. The lookbehinds move after that first character and look one further back.
#: Same matches (``tests/test_fast_paths.py`` compares them).
NUMBER_SCAN = (
    rf"[0-9{DIGIT_CHARS}{_TEN_CHARS}{TENS_CHARS}]"
    rf"(?:(?<![{_NUMERAL_CHARS}.].)|(?<=[0-9]{_CN_DIGIT})|(?<={_CN_NONZERO}[1-9]))"
    rf"(?:(?<![{_NUMERAL_CHARS}][{POINT_CHARS}].)|(?<!{_CN_FRACTION_DIGIT}))"
    rf"(?>(?:{_ARABIC_AFTER_ANY}|,[0-9]{{3}}(?![0-9])|\.[0-9]|{_CN_AFTER_ANY}|{_CN_POINT}|{_CN_INNER})*)"
)
#: Magnitude words that may follow a number after a hedge (100余万元).
MAGNITUDE = f"[{SMALL_UNIT_CHARS}{LARGE_UNIT_CHARS}]+"

#: Longer digit runs are codes or noise, and would exceed Decimal's default precision.
_MAX_DIGITS = 24
_TOKEN = re.compile(rf"(?P<arabic>{_ARABIC})|(?P<cn>{_CN_DIGIT}(?:[{POINT_CHARS}]{_CN_DIGIT}+)?)|(?P<unit>.)")
_ONLY_DIGITS = re.compile(f"{_CN_DIGIT}+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_BEFORE_MINUS = frozenset(" \t\n(（[【，,：:；;=“\"'")  # a hyphen after these is a minus sign
_ARABIC_ONLY = re.compile(_ARABIC)
_ANY_ARABIC_DIGIT = re.compile("[0-9]")
#: a whole numeral, a point, digits read one by one, magnitudes: 两千万点五五, 二十六点四万
_POINTED = re.compile(rf"(?P<whole>.+?)[{POINT_CHARS}](?P<digits>{_CN_DIGIT}+)(?P<mag>[{LARGE_UNIT_CHARS}]*)")


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
    if len(text) > _MAX_DIGITS:
        raise NumeralError(f"numeral of {len(text)} characters is too long to be a quantity")
    if _ARABIC_ONLY.fullmatch(text):
        return Decimal(text.replace(",", ""))
    if len(text) > 1 and _ONLY_DIGITS.fullmatch(text):
        # 二○一六: digit by digit, as years and codes are read
        return Decimal("".join(str(LEX.digits[c]) for c in text))
    high = next((c for c in text if c in LEX.inner_units), None)
    if high is not None:  # 五兆六十二亿: 5 × 10¹² + 6.2 × 10⁹
        left, _, right = text.partition(high)
        return parse_number(left) * LEX.inner_units[high] + (parse_number(right) if right else 0)
    pointed = _POINTED.fullmatch(text)
    if pointed:
        fraction = Decimal("0." + "".join(str(LEX.digits[c]) for c in pointed["digits"]))
        scale = parse_number("1" + pointed["mag"]) if pointed["mag"] else 1
        return (parse_number(pointed["whole"]) + fraction) * scale
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
                # 零十 is ten: a 零 before a power of ten only marks a gap (一万零十二)
                section += (pending or Decimal(1)) * unit
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
        # a trailing bare digit after a power of ten is one step below it: 两万五 = 25000,
        # and after 千, 万 or 亿 in the colloquial mixed form too: 12万5 = 125000
        if _one_step_below(m, last_unit) and "." not in str(pending) and not _zero_before_last(text):
            pending *= last_unit // 10
        section += pending
    return total + myriad + section


#: 一, 十一, 二十三, 廿八: the shape of a small number as outlines and signature dates write it
_SMALL_RE = re.compile(
    rf"[{ONE_TO_NINE}]?[{TEN}][{ZERO_CHARS}{ONE_TO_NINE}]?|[{TENS_CHARS}][{ZERO_CHARS}{ONE_TO_NINE}]?|[{ZERO_CHARS}{ONE_TO_NINE}]"
)


def small_number(text: str) -> int | None:
    """The value of a small number written in ordinary Chinese or Arabic digits, else None.

    >>> small_number("二十三"), small_number("十一"), small_number("廿八"), small_number("12")
    (23, 11, 28, 12)
    """
    if text.isascii() and text.isdigit():
        return int(text)
    return int(parse_number(text)) if _SMALL_RE.fullmatch(text) else None


def read_digits(text: str) -> int | None:
    """A number read digit by digit, as years are written: ``二○一六``, ``二O一六``, ``2016``
    → 2016; None when a character is not such a digit."""
    if not text:
        return None
    value = 0
    for ch in text:
        if ch.isascii() and ch.isdigit():
            value = value * 10 + int(ch)
        elif ch in YEAR_DIGITS:
            value = value * 10 + YEAR_DIGITS[ch]
        else:
            return None
    return value


def _one_step_below(last: re.Match[str], last_unit: int) -> bool:
    """The numeral's last token is a bare digit that a power of ten before it scales."""
    if last.lastgroup == "cn":
        return last_unit >= 10
    return last.lastgroup == "arabic" and len(last.group()) == 1 and last_unit >= 1000


def _zero_before_last(text: str) -> bool:
    """True when a 零 stands before the final digit (一百零五: 5 is not 50)."""
    return len(text) >= 2 and LEX.digits.get(text[-2], -1) == 0


def adjacent_pair(text: str) -> tuple[Decimal, Decimal] | None:
    """``三四`` → (3, 4): two neighbouring digits that mean "three or four"; a power of
    ten after them applies to both (``二三十`` → (20, 30), ``七八万`` → (70000, 80000))."""
    if len(text) >= 2 and text[0] in LEX.digits and text[1] in LEX.digits:  # most numerals fail at text[0]
        a, b = LEX.digits[text[0]], LEX.digits[text[1]]
        scale = text[2:]
        if a >= 1 and b == a + 1 and all(c in LEX.small_units or c in LEX.large_units for c in scale):
            times = parse_number("1" + scale) if scale else Decimal(1)
            return a * times, b * times
    return None


def is_digit_code(text: str) -> bool:
    """``五一``, ``八一``, ``一二九``: Chinese digits read one by one with no power of ten, and
    not two neighbours (三四): the code of a name or a day (五一大桥, 八一路), no amount."""
    return len(text) >= 2 and _ONLY_DIGITS.fullmatch(text) is not None and adjacent_pair(text) is None


def sign_start(text: str, start: int) -> int:
    """Where a number starting at ``start`` begins once its sign is included: 负2.6%,
    增长-3.5% (but not the hyphen of 3-5, 30%-50% or 5万-10万, nor the 负 of 背负)."""
    if start == 0:
        return start
    before = text[start - 2 : start - 1]
    if text[start - 1] in "负負" and (not _HAN.match(before) or before in LEX.minus_after):
        return start - 1
    if text[start - 1] == "-" and (not before or before in _BEFORE_MINUS or before in LEX.minus_after):
        return start - 1
    return start


@lru_cache(maxsize=16384)
def is_chinese_numeral(text: str) -> bool:
    """True when ``text`` has no Arabic digit (so it is written in Chinese characters)."""
    # called for every numeral read, several times (7,400 calls for 60 replies); the same few
    # hundred numerals recur: a cached answer costs a third of a regex search
    return _ANY_ARABIC_DIGIT.search(text) is None


def format_decimal(value: Decimal) -> str:
    """The canonical text of an exact value: no exponent, no trailing zeros."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
