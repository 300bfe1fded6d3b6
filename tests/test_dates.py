"""The temporal kind on its own: ``pipeline.quantities.dates.find`` against the date,
period and duration records of ``tests/specs/dates.jsonl``, plus its helpers and lexicon.

The spec runner (``test_specs.py``) checks the same cases through the whole engine; here
a duration may be found without the hedge words the engine adds around it (``约``).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.dates import find
from pipeline.quantities.dates_calendar import (
    add_months,
    day_exact,
    duration_parts,
    duration_value,
    period_value,
    week_of,
)
from pipeline.quantities.dates_lexicon import DatesLexicon
from pipeline.resources import read_toml
from pipeline.text.normalise import normalise

SPEC = Path(__file__).parent / "specs" / "dates.jsonl"
TYPES = frozenset({"date", "period", "duration"})


def _cases() -> list[Any]:
    params = []
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        # an xfail names what another kind gets wrong; find alone may pass it
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def _found(text: str, ref_date: str | None) -> list[tuple[int, int, Candidate]]:
    norm = normalise(text)
    ref = dt.date.fromisoformat(ref_date) if ref_date else None
    return [(*norm.to_original(c.start, c.end), c) for c in find(norm.text, Context(ref))]


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


@pytest.mark.parametrize("case", _cases())
def test_dates_spec_case(case: dict[str, Any]) -> None:
    text = case["text"]
    found = _found(text, case.get("ref_date"))
    unmatched = list(found)
    pos = 0
    for want in (w for w in case["expected"] if w["type"] in TYPES):
        start = text.index(want["text"], pos)
        end = pos = start + len(want["text"])
        # the engine adds hedges around durations (约1个多小时); find stops inside them
        hits = [f for f in unmatched if (f[0], f[1]) == (start, end)
                or (want["type"] == "duration" and start <= f[0] and f[1] <= end)]
        assert hits, f"{want['text']!r} not found; found {[text[a:b] for a, b, _ in found]}"
        a, b, cand = hits[0]
        unmatched.remove(hits[0])
        assert cand.type == want["type"]
        for key in ("value", "low", "high", "unit", "resolved"):
            if key in want:
                assert _as_text(getattr(cand, key)) == _as_text(want[key]), key
        if "qualifier" in want and (a, b) == (start, end):
            assert cand.qualifier == want["qualifier"]
    assert not unmatched, f"unexpected {[(text[a:b], c.type, c.value) for a, b, c in unmatched]}"


# --- records ------------------------------------------------------------------------------

def test_dates_date_carries_its_days() -> None:
    [cand] = find("2024年6月", Context())
    assert (cand.date_start, cand.date_end) == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    assert cand.number_text == "2024" and cand.resolved


def test_dates_relative_date_without_reference_is_unresolved() -> None:
    [cand] = find("明年底", Context())
    assert cand.value is None and cand.date_start is None and not cand.resolved


def test_dates_duration_keeps_number_and_unit_as_written() -> None:
    [cand] = find("一个半月", Context())
    assert (cand.number_text, cand.unit_text, cand.value) == ("一", "个月", "P1M15D")
    assert (cand.core_start, cand.core_end) == (0, 1)


def test_dates_duration_range_has_bounds_not_value() -> None:
    [cand] = find("3至6个月", Context())
    assert (cand.value, cand.low, cand.high, cand.unit) == (None, Decimal(3), Decimal(6), "M")


def test_dates_period_outranks_a_hedged_duration_of_equal_length() -> None:
    [cand] = find("近三年", Context(dt.date(2020, 1, 1)))
    assert cand.type == "period" and cand.priority > 3


def test_dates_long_runs_find_nothing() -> None:
    # a pathological line must not be read as dates (and must stay linear: see bench/)
    assert list(find("1" * 20_000, Context())) == []
    assert list(find("年" * 20_000, Context())) == []


def test_dates_offsets_index_the_normalised_text() -> None:
    text = "甲" * 5 + "于2024年9月12日签订"
    [cand] = find(text, Context())
    assert text[cand.start : cand.end] == "2024年9月12日"


# --- calendar helpers ---------------------------------------------------------------------

def test_dates_duration_value_orders_date_and_time_parts() -> None:
    assert duration_value({"D": Decimal(8), "H": Decimal(20), "Y": Decimal(1)}) == "P1Y8DT20H"
    assert duration_value({"MIN": Decimal(30)}) == "PT30M"


@pytest.mark.parametrize("value", ["P3Y6M", "P1M15D", "PT1H30M", "P8DT20H", "P1.5Y", "PT0.5S"])
def test_dates_duration_parts_inverts_duration_value(value: str) -> None:
    assert duration_value(dict(duration_parts(value))) == value


def test_dates_day_exact_refuses_a_missing_day() -> None:
    assert day_exact(2019, 2, 29) is None
    assert day_exact(2020, 2, 29) == dt.date(2020, 2, 29)
    assert day_exact(2019, 2, 31) == dt.date(2019, 2, 28)  # 31 is "the last day"


def test_dates_add_months_stays_in_a_short_month() -> None:
    assert add_months(dt.date(2019, 3, 31), -1) == dt.date(2019, 2, 28)
    assert add_months(dt.date(2019, 1, 15), -2) == dt.date(2018, 11, 15)


def test_dates_week_runs_monday_to_sunday() -> None:
    assert week_of(dt.date(2019, 5, 9), 1) == (dt.date(2019, 5, 13), dt.date(2019, 5, 19))
    assert period_value(*week_of(dt.date(2019, 5, 13), 0)) == "2019-05-13/2019-05-19"


# --- lexicon -----------------------------------------------------------------------------

def _lexicon_data() -> dict[str, Any]:
    return read_toml("dates.toml")


def test_dates_lexicon_loads() -> None:
    DatesLexicon.model_validate(_lexicon_data())


@pytest.mark.parametrize(
    ("path", "bad", "message"),
    [
        (("month_names",), {"元": 13}, "not 1–12"),
        (("relative_years",), {"今朝": 0}, "does not end in 年"),
        (("weeks", "days"), {"一": [8]}, "ISO day"),
        (("month_parts",), [{"words": ["上旬"], "first": 10, "last": 1}], "first ≤ last"),
        (("year_parts",), [{"words": ["上半年"], "first": "1-1", "last": "06-30"}], "not MM-DD"),
        (("plans",), {"十四五": {"first": 2025, "last": 2021}}, "is after"),
        (("month_parts",), [{"words": ["上旬"], "first": 1, "last": 10}, {"words": ["上旬"], "first": 1, "last": 9}],
         "more than once"),
        (("durations", "units"), {"年": {"designator": "X", "classifier": "never"}}, "designator"),
    ],
)
def test_dates_lexicon_rejects_a_typo(path: tuple[str, ...], bad: Any, message: str) -> None:
    data = _lexicon_data()
    table = data
    for key in path[:-1]:
        table = table[key]
    table[path[-1]] = bad
    with pytest.raises(ValidationError, match=message):
        DatesLexicon.model_validate(data)
