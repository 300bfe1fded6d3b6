"""The time kind: clock arithmetic, the lunar table, holidays, RT-only readings, the RT
adapter's time mapping, and linear scans. Whole-text cases are in specs/times.jsonl."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from growth import LIMIT, growth

import pipeline
from pipeline.compat.recognizers import times as rt_times
from pipeline.errors import ResourceError
from pipeline.quantities import times
from pipeline.quantities.base import Context
from pipeline.quantities.times import days as named_days
from pipeline.quantities.times.calendar import ClockTime, holiday_day, lunar_day, shift_hour, weekday_of
from pipeline.quantities.times.lexicon import HOLIDAYS, TIMES, TimesLexicon
from pipeline.resources import read_toml

REF = Context(dt.date(2016, 11, 7))


# --- calendar ----------------------------------------------------------------------------

@pytest.mark.parametrize(("hour", "rule", "expected"), [
    (3, "pm", 15), (12, "pm", 12), (1, "noon", 13), (12, "noon", 12), (9, "night", 21),
    (12, "night", 24), (2, "night", 2), (2, "am", 2), (15, None, 15),
])
def test_times_shift_hour_reads_the_day_part(hour: int, rule: Any, expected: int) -> None:
    assert shift_hour(hour, rule) == expected


def test_times_clock_iso_with_and_without_day() -> None:
    assert ClockTime(15, 30).iso() == "T15:30"
    assert ClockTime(17, 55, 23).iso(dt.date(2024, 9, 12)) == "2024-09-12T17:55:23"


@pytest.mark.parametrize(("year", "month", "day", "leap", "expected"), [
    (2024, 1, 1, False, dt.date(2024, 2, 10)),   # 春节 2024
    (2015, 10, 1, False, dt.date(2015, 11, 12)),
    (2023, 2, 1, True, dt.date(2023, 3, 22)),    # 闰二月初一
    (2019, 1, 0, False, dt.date(2019, 2, 4)),    # 除夕
])
def test_times_lunar_day_converts_with_the_table(year: int, month: int, day: int, leap: bool,
                                                expected: dt.date) -> None:
    assert lunar_day(year, month, day, leap=leap) == expected


def test_times_lunar_day_refuses_what_the_calendar_lacks() -> None:
    assert lunar_day(2024, 3, 1, leap=True) is None  # 2024 has no leap month
    assert lunar_day(1899, 1, 1) is None             # before the table
    assert lunar_day(2024, 1, 31) is None


@pytest.mark.parametrize(("word", "year", "expected"), [
    ("国庆节", 2024, "2024-10-01"), ("中秋节", 2024, "2024-09-17"), ("端午节", 2024, "2024-06-10"),
    ("清明节", 2024, "2024-04-04"), ("母亲节", 2024, "2024-05-12"), ("父亲节", 2024, "2024-06-16"),
    ("感恩节", 2024, "2024-11-28"), ("除夕", 2024, "2024-02-09"),
])
def test_times_holiday_day_by_its_rule(word: str, year: int, expected: str) -> None:
    day = holiday_day(HOLIDAYS[word], year)
    assert day is not None and day.isoformat() == expected


def test_times_weekday_of_the_reference_week() -> None:
    assert weekday_of(dt.date(2016, 11, 7), 3, weeks=1) == dt.date(2016, 11, 16)


# --- lexicon -----------------------------------------------------------------------------

def test_times_lexicon_rejects_a_broken_lunar_year() -> None:
    data = read_toml("times.toml")
    data["lunar"]["2024"] = ["02-11", *data["lunar"]["2024"][1:]]
    with pytest.raises(ValueError, match="lunar 2023"):
        TimesLexicon.model_validate(data)


def test_times_lexicon_rejects_a_holiday_with_two_rules() -> None:
    data = read_toml("times.toml")
    data["holidays"]["春节"]["date"] = "01-01"
    with pytest.raises(ValueError, match="exactly one"):
        TimesLexicon.model_validate(data)


def test_times_lexicon_loads_every_lunar_year() -> None:
    assert min(TIMES.lunar) == 1900 and max(TIMES.lunar) == 2100


def test_times_resource_error_names_the_file() -> None:
    from pipeline.resources import load

    with pytest.raises(ResourceError, match=r"times\.toml"):
        load("times.toml", _Strict)


class _Strict(TimesLexicon):
    missing_field: int


# --- finding -----------------------------------------------------------------------------

def _found(text: str, finder: Any = times.find, ctx: Context = REF) -> list[tuple[str, str, str | None]]:
    return [(c.type, text[c.start : c.end], c.value) for c in finder(text, ctx)]


def test_times_relative_clock_without_reference_is_unresolved() -> None:
    [cand] = times.find("明天下午5:00", Context())
    assert (cand.type, cand.value, cand.resolved) == ("time", None, False)


def test_times_days_weekday_has_no_week() -> None:
    assert _found("礼拜日", named_days.find) == [("date", "礼拜日", "XXXX-WXX-7")]


def test_times_extras_report_what_documents_leave_out() -> None:
    assert _found("事件每天都发生", rt_times.find_extras) == [("set", "每天", "P1D")]
    assert _found("明天上午", rt_times.find_extras) == [("time", "明天上午", "2016-11-08T08:00/2016-11-08T12:00")]
    assert _found("七月五号晚", rt_times.find_extras) == [("time", "七月五号晚", "2016-07-05T16:00/2016-07-05T20:00")]
    assert _found("2小时后", rt_times.find_extras) == [("time", "2小时后", None)]


def test_times_extras_short_day_part_needs_a_date() -> None:
    assert _found("早稻田大学", rt_times.find_extras) == []
    assert _found("晚礼服", rt_times.find_extras) == []


def test_times_document_mode_keeps_day_part_outside_a_date() -> None:
    # gold: 2016年1月19日下午 is the date 2016年1月19日
    doc = pipeline.extract("2016年1月19日下午骆铭孙村部分村民", ref_date="2019-05-01")
    assert [(q.type, q.text) for q in doc.quantities] == [("date", "2016年1月19日")]


@pytest.mark.parametrize("unit", ["1", "点", "时", "每", "1:", "周一"])
def test_times_long_runs_are_scanned_in_linear_time(unit: str) -> None:
    # 20,000 then 80,000 characters: a scan retried at every character of the run grows 16×
    assert growth(lambda text: list(times.find(text, REF)), unit, 20_000) < LIMIT


@pytest.mark.parametrize("text", ["1" * 200_000, "点" * 200_000])
def test_times_long_runs_hold_no_quantity(text: str) -> None:
    assert pipeline.extract(text).quantities == []


# --- the Recognizers-Text adapter --------------------------------------------------------

def _rt(text: str) -> list[tuple[str, str, Any]]:
    from pipeline.compat.recognizers import extract

    return [(e["type"], e["text"], e["value"]) for e in extract(text, ref=dt.datetime(2016, 11, 7, 16, 12))
            if e["type"] != "number"]


def test_times_rt_clock_values_in_rt_terms() -> None:
    assert _rt("下午5:00") == [("time", "下午5:00", [{"value": "17:00:00"}, {"value": "T17:00"}, {"value": "T17"}])]


def test_times_rt_range_is_a_pair() -> None:
    [(_, text, value)] = _rt("从昨天下午两点到四点")
    assert text == "从昨天下午两点到四点"
    assert value == [{"start": "2016-11-06 14:00:00", "end": "2016-11-06 16:00:00"}]


def test_times_rt_set_offers_both_timexes() -> None:
    assert _rt("事件每周一下午八点都发生") == [
        ("set", "每周一下午八点", [{"timex": "XXXX-WXX-1T20:00"}, {"timex": "XXXX-WXX-1T20"}])]


def test_times_rt_bounds_join_the_span() -> None:
    assert [t for _, t, _ in _rt("在2019年1月1日或之后平均总销售")] == ["2019年1月1日或之后"]
    assert [t for _, t, _ in _rt("自2018年以来")] == ["自2018年以来"]


def test_times_rt_day_part_replaces_its_date() -> None:
    assert [(k, t) for k, t, _ in _rt("我明天中午没空")] == [("time", "明天中午")]
