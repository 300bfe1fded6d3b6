"""The number layer: every numeral in the text as a ``number``, units left out.

Document mode reports a bare number only when it means something on its own (a bare
"3" in a reply is noise). A reader who wants every numeral — an index of the figures in
a text, or a comparison with a number recogniser — asks the engine for
``numbers="all"``, which adds one ``number`` for each numeral found here: also the
``199`` inside ``199个`` and the ``15`` inside ``15元``, so these records may nest inside
the others.

Beyond the shared grammar of :mod:`numerals`, this layer reads a sign (负三十二,
-10000), a hedge before a magnitude (十余万, 500余万), fractions (三分之一,
3又一千分之23, 1 3/5, 16/5), exponents (2e5, 2^5), dozens (五十打), Latin multipliers
(40k, 2.5M) and dotted chains, which are several numbers (2222.2222.22222).

>>> [c.value for c in find("十余万和三分之一", Context())]
['100000', '0.333333333333333']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS
from pipeline.quantities.lexicon import CLASSIFIERS, HEDGES, UNIT_TABLE, to_decimal
from pipeline.text.numerals import (
    DIGIT_CHARS,
    HUNDREDS_THOUSANDS,
    LARGE_UNIT_CHARS,
    NUMBER,
    ORDINARY_SMALL_UNITS,
    NumeralError,
    format_decimal,
    is_chinese_numeral,
    parse_number,
    sign_start,
)
from pipeline.text.numerals import LEX as NUMERALS
from pipeline.text.regex import alternation

#: places kept for a fraction that does not terminate (1/3)
_PLACES = 15
_NEGATIVE_WORDS = "负負"
_LATIN = NUMERALS.latin_magnitudes
_DOZEN = 12

# A numeral that may open with a bare 百 or 千 before a digit: 百三 = 130, 千三 = 1300.
_NUM = rf"(?:[{HUNDREDS_THOUSANDS}](?=[{DIGIT_CHARS}]))?{NUMBER}"
_INNER = alternation(HEDGES.inner)

_PLAIN_RE = re.compile(
    rf"""(?P<num>{_NUM})
        (?:(?P<inner>{_INNER})(?P<mag>[{LARGE_UNIT_CHARS}]+))?     # 十余万, 500余万
        (?P<latin>[{"".join(_LATIN)}](?![A-Za-z]))?                   # 40k, 2.5M
    """,
    re.VERBOSE,
)
_FRACTION_RE = re.compile(
    rf"""(?:(?P<whole>{_NUM})又)?                                  # 3又, 三百五又
        (?P<dsign>[{_NEGATIVE_WORDS}])?(?P<den>{NUMBER})分之
        (?P<nsign>[{_NEGATIVE_WORDS}])?(?P<num>{NUMBER})
    """,
    re.VERBOSE,
)
_SLASH_RE = re.compile(r"(?<![0-9/.])(?:(?P<whole>[0-9]+) )?(?P<num>[0-9]+)/(?P<den>[0-9]+)(?![0-9/])")
_EXPONENT_RE = re.compile(
    r"""(?<![0-9.])(?P<mant>[0-9]+(?:\.[0-9]+)?)
        (?:[eE](?P<exp>[-+]?[0-9]+)(?![0-9A-Za-z])      # 2e5, 12.32e+14
          |\^(?P<pow>[-+]*[0-9]+))                       # 2^5, 2.5^-1
    """,
    re.VERBOSE,
)
_LEADING_POINT_RE = re.compile(r"(?<![0-9.])\.[0-9]+")
_CHAIN_RE = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+){2,}(?![0-9])")
_CHAIN_PART_RE = re.compile(r"[0-9]+")
_DOZEN_RE = re.compile(
    rf"(?P<num>{_NUM})打(?![{DIGIT_CHARS}{ORDINARY_SMALL_UNITS}]|{alternation(KINDS.number.dozen_blocked_next)})"
)
_FOLLOWER_RE = re.compile(
    alternation([*UNIT_TABLE, *CLASSIFIERS.count, *CLASSIFIERS.arabic_only, *KINDS.rank.units,
                 *KINDS.number.followers])
)
_WORD_CHAR = re.compile(r"[\u3400-\u9fff]")


def find(text: str, ctx: Context) -> list[Candidate]:
    """Every numeral in ``text``, in text order; of overlapping readings the longest."""
    taken = bytearray(len(text) + 1)
    kept = []
    for chain in _CHAIN_RE.finditer(text):  # 2222.2222.22222: several numbers, not one decimal
        taken[chain.start() : chain.end()] = b"\x01" * (chain.end() - chain.start())
        for part in _CHAIN_PART_RE.finditer(text, chain.start(), chain.end()):
            kept.append(_number(text, part.start(), part.end(), Decimal(part.group()), part.group()))
    found = [*_exponents(text), *_fractions(text), *_slashes(text), *_dozens(text),
             *_leading_points(text), *_plain(text)]
    found.sort(key=lambda c: (c.start - c.end, c.start))
    for cand in found:
        if taken.find(1, cand.start, cand.end) == -1:
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _number(text: str, start: int, end: int, value: Decimal | Fraction, numeral: str) -> Candidate:
    begin = sign_start(text, start)
    if begin < start:
        value = -value
    amount = to_decimal(value, _PLACES) if isinstance(value, Fraction) else value
    return Candidate(
        start=begin, end=end, type="number", amount=amount, value=format_decimal(amount),
        number_text=numeral, core_start=begin, core_end=end, factor=Decimal(1),
    )


def _plain(text: str) -> Iterator[Candidate]:
    for m in _PLAIN_RE.finditer(text):
        numeral = m["num"]
        try:
            value = parse_number(numeral)
        except NumeralError:
            continue
        if m["mag"]:
            value *= parse_number("1" + m["mag"])
        if m["latin"]:
            if is_chinese_numeral(numeral):
                continue
            value *= _LATIN[m["latin"]]
        end = m.end()
        if m["inner"] is None and m["latin"] is None and not _stands_alone(text, numeral, end):
            continue
        yield _number(text, m.start(), end, value, m.group())


def _stands_alone(text: str, numeral: str, end: int) -> bool:
    """A one-character Chinese numeral counts before a unit, classifier, listed word,
    punctuation or the end (五个, 是五); two Chinese digits alone (九九, 两两) never."""
    if not is_chinese_numeral(numeral):
        return True
    if len(numeral) == 2 and all(c in DIGIT_CHARS for c in numeral):
        return False
    if len(numeral) > 1:
        return True
    nxt = text[end : end + 1]
    return not nxt or not _WORD_CHAR.match(nxt) or _FOLLOWER_RE.match(text, end) is not None


def _fractions(text: str) -> Iterator[Candidate]:
    for m in _FRACTION_RE.finditer(text):
        try:
            den = Fraction(parse_number(m["den"]))
            num = Fraction(parse_number(m["num"]))
            whole = Fraction(parse_number(m["whole"])) if m["whole"] else Fraction(0)
        except NumeralError:
            continue
        if den == 0:
            continue
        sign = -1 if bool(m["dsign"]) != bool(m["nsign"]) else 1
        yield _number(text, m.start(), m.end(), whole + sign * num / den, m.group())


def _slashes(text: str) -> Iterator[Candidate]:
    for m in _SLASH_RE.finditer(text):
        den = int(m["den"])
        if den == 0:
            continue
        whole = int(m["whole"]) if m["whole"] else 0
        yield _number(text, m.start(), m.end(), whole + Fraction(int(m["num"]), den), m.group())


def _exponents(text: str) -> Iterator[Candidate]:
    for m in _EXPONENT_RE.finditer(text):
        mant = Decimal(m["mant"])
        if m["exp"] is not None:
            value = mant.scaleb(int(m["exp"]))
        else:
            power = int(m["pow"].lstrip("+-"))
            if m["pow"].count("-") % 2:
                power = -power
            if abs(power) > 100:
                continue
            value = Decimal(1) / mant ** -power if power < 0 else mant**power
        yield _number(text, m.start(), m.end(), value, m.group())


def _dozens(text: str) -> Iterator[Candidate]:
    for m in _DOZEN_RE.finditer(text):
        try:
            value = parse_number(m["num"]) * _DOZEN
        except NumeralError:
            continue
        yield _number(text, m.start(), m.end(), value, m.group())


def _leading_points(text: str) -> Iterator[Candidate]:
    for m in _LEADING_POINT_RE.finditer(text):
        yield _number(text, m.start(), m.end(), Decimal("0" + m.group()), m.group())
