"""The quantity lexicons (units, classifiers, hedges, false friends), validated on load."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import field_validator

from pipeline.resources import Lexicon, load

HedgeQualifier = Literal["approx", "gt", "ge", "lt", "le"]


class UnitEntry(Lexicon):
    base: str
    factor: str

    @field_validator("factor")
    @classmethod
    def _factor_is_exact(cls, factor: str) -> str:
        Fraction(factor)  # raises ValueError on a typo such as "1O00"
        return factor

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.factor)


class UnitLexicon(Lexicon):
    arabic_only: list[str]
    money: dict[str, UnitEntry]
    money_prefix: dict[str, UnitEntry]
    money_parts: dict[str, UnitEntry]
    area: dict[str, UnitEntry]
    length: dict[str, UnitEntry]
    weight: dict[str, UnitEntry]
    volume: dict[str, UnitEntry]
    energy: dict[str, UnitEntry]
    power: dict[str, UnitEntry]
    speed: dict[str, UnitEntry]
    temperature: dict[str, UnitEntry]
    temperature_prefix: dict[str, UnitEntry]
    percent: dict[str, UnitEntry]
    ratio: dict[str, UnitEntry]

    def by_surface(self) -> dict[str, tuple[str, UnitEntry]]:
        """Surface form → (quantity type, entry)."""
        table: dict[str, tuple[str, UnitEntry]] = {}
        for kind in type(self).model_fields:
            if kind in ("arabic_only", "money_prefix", "money_parts", "temperature_prefix"):
                continue
            for surface, entry in getattr(self, kind).items():
                if surface in table:
                    raise ValueError(f"unit {surface!r} listed under {table[surface][0]} and {kind}")
                table[surface] = (kind, entry)
        return table


class ClassifierLexicon(Lexicon):
    count: list[str]
    arabic_only: list[str]
    chinese_blocked: list[str]
    after_counting_digits: list[str]
    big: list[str]
    big_blocked_next: list[str]


class ShareScope(Lexicon):
    """Which types a comparator before a share bounds, and how far back it is looked for."""

    types: list[str]
    reach: int


class DeadlineScope(Lexicon):
    """Which types a word of the latest point before them bounds, and what may stand between."""

    types: list[str]
    fillers: str


class HedgeLexicon(Lexicon):
    prefix: dict[str, HedgeQualifier]
    inner: dict[str, HedgeQualifier]
    suffix: dict[str, HedgeQualifier]
    suffix_at_break: dict[str, HedgeQualifier]
    dated_suffix: dict[str, HedgeQualifier]
    dated_suffix_not_before: dict[str, str]
    deadline_before: dict[str, HedgeQualifier]
    dated_before: dict[str, HedgeQualifier]
    deadline_scope: DeadlineScope
    context_before: dict[str, HedgeQualifier]
    context_after: dict[str, HedgeQualifier]
    context_after_gapped: dict[str, HedgeQualifier]
    context_after_repeated: dict[str, HedgeQualifier]
    share_before: dict[str, HedgeQualifier]
    share_prefix: dict[str, HedgeQualifier]
    share_scope: ShareScope
    measure_after: dict[str, HedgeQualifier]
    measure_after_scope: dict[str, list[str]]
    context_limits: dict[str, str]
    not_hedges: dict[str, list[str]]
    negators: dict[str, list[str]]
    negated_modals: dict[str, list[str]]
    touching: dict[str, list[str]]


class NumberingLexicon(Lexicon):
    """Session and issue numbering (``false_friends.toml``, ``[numbering]``)."""

    session_bodies: list[str]
    session_before: list[str]
    sitting_marks: list[str]
    issue_units: list[str]
    code_labels: list[str]
    document_kinds: list[str]
    document_reach: int
    screen_name_labels: list[str]
    greetings: list[str]


class ProgrammeLexicon(Lexicon):
    """What makes a quoted quantity the name of a programme (``false_friends.toml``, ``[programmes]``)."""

    channels: list[str]
    kinds: list[str]


class FalseFriendLexicon(Lexicon):
    words: list[str]
    patterns: list[str]
    numbering: NumberingLexicon
    programmes: ProgrammeLexicon

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            re.compile(p)
        return patterns


UNITS = load("units.toml", UnitLexicon)
UNIT_TABLE = UNITS.by_surface()
CLASSIFIERS = load("classifiers.toml", ClassifierLexicon)
HEDGES = load("hedges.toml", HedgeLexicon)
FALSE_FRIENDS = load("false_friends.toml", FalseFriendLexicon)


def to_decimal(value: Fraction, places: int = 2) -> Decimal:
    """An exact ``Decimal`` for a fraction, rounded to ``places`` only when it does not terminate."""
    num, den = value.numerator, value.denominator
    d = den
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d == 1:
        return Decimal(num) / Decimal(den)
    return (Decimal(num) / Decimal(den)).quantize(Decimal(1).scaleb(-places))
