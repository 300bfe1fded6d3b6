"""Lexicons are validated on load; a malformed one names the file and the entry."""

from __future__ import annotations

import pytest
from pydantic import field_validator

from pipeline.errors import ResourceError
from pipeline.quantities.lexicon import UNIT_TABLE, UnitEntry, UnitLexicon
from pipeline.resources import Lexicon, load, read_toml
from pipeline.text.numerals import (
    LEX,
    ONE_TO_NINE,
    ORDINARY_DIGITS,
    ORDINARY_UNITS,
    ZERO_CHARS,
    NumeralLexicon,
)


def test_resources_numeral_digit_out_of_range_is_refused() -> None:
    data = read_toml("numerals.toml")
    data["digits"]["一"] = 11
    with pytest.raises(ValueError, match="not a digit"):
        NumeralLexicon.model_validate(data)


def test_resources_numeral_variant_that_is_no_numeral_is_refused() -> None:
    data = read_toml("numerals.toml")
    data["variants"].append("甲")
    with pytest.raises(ValueError, match="not a digit or a power of ten"):
        NumeralLexicon.model_validate(data)


def test_resources_numeral_classes_come_from_the_one_resource() -> None:
    # the sets once written by hand in seven modules drifted (○ was missing in one)
    assert set(ZERO_CHARS) == {c for c, v in LEX.digits.items() if v == 0 and c not in LEX.variants}
    assert {"零", "〇", "○"} <= set(ZERO_CHARS) <= set(ORDINARY_DIGITS)
    assert ONE_TO_NINE == "一二三四五六七八九"
    assert not set(ORDINARY_DIGITS + ORDINARY_UNITS) & set(LEX.variants)


def test_resources_unit_factor_typo_is_refused() -> None:
    with pytest.raises(ValueError):
        UnitEntry.model_validate({"base": "m2", "factor": "1O00"})


def test_resources_unit_listed_twice_is_refused() -> None:
    data = read_toml("units.toml")
    data["area"]["公里"] = {"base": "m2", "factor": "1"}
    with pytest.raises(ValueError, match="公里"):
        UnitLexicon.model_validate(data).by_surface()


def test_resources_missing_file_names_it() -> None:
    class Missing(Lexicon):
        words: list[str]

    with pytest.raises(ResourceError, match=r"nope\.toml"):
        load("nope.toml", Missing)


def test_resources_invalid_file_names_file_and_field() -> None:
    class Strict(Lexicon):
        digits: dict[str, str]

        @field_validator("digits")
        @classmethod
        def _never(cls, v: dict[str, str]) -> dict[str, str]:
            raise ValueError("refused")

    with pytest.raises(ResourceError, match=r"numerals\.toml: digits"):
        load("numerals.toml", Strict)


def test_resources_mu_factor_is_exact_fraction() -> None:
    kind, entry = UNIT_TABLE["亩"]
    assert kind == "area"
    assert entry.fraction.numerator == 2000 and entry.fraction.denominator == 3
