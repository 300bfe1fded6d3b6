"""The temporal kind on its own: ``pipeline.quantities.dates.find``, its calendar helpers,
its lexicon, and the forms the Recognizers-Text adapter adds.

The whole-text cases (``tests/specs/dates.jsonl``, ``dates_forms.jsonl``) are run once, by
the spec runner (``test_specs.py``), through the whole engine.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from pipeline.compat.recognizers.dates import find_extras
from pipeline.quantities.base import Context
from pipeline.quantities.dates import find
from pipeline.quantities.dates.calendar import (
    add_months,
    day_exact,
    duration_parts,
    duration_value,
    period_value,
    week_of,
)
from pipeline.quantities.dates.lexicon import DATES, DatesLexicon
from pipeline.resources import read_toml

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


def test_dates_day_alone_without_reference_is_unresolved() -> None:
    [cand] = find("于29日开工", Context())
    assert (cand.type, cand.value, cand.resolved) == ("date", None, False)


def test_dates_day_alone_refuses_a_day_the_month_lacks() -> None:
    assert find_values("于31日开工", dt.date(2019, 4, 2)) == []
    assert find_values("于30日开工", dt.date(2019, 4, 2)) == [("30日", "2019-04-30")]


def test_dates_two_digit_year_takes_the_century_of_the_reference() -> None:
    assert find_values("07年", dt.date(2019, 5, 9)) == [("07年", "2007")]
    assert find_values("零八年", dt.date(1999, 5, 9)) == [("零八年", "2008")]  # at most 10 years ahead
    assert find_values("零八年", dt.date(1990, 5, 9)) == [("零八年", "1908")]
    [cand] = find("07年", Context())
    assert cand.value is None and not cand.resolved


def test_dates_month_without_a_fifth_week_is_dropped() -> None:
    assert find_values("二月的第五周", dt.date(2021, 5, 9)) == []  # Feb 2021 has four Mondays
    assert find_values("三月的第五周", dt.date(2021, 5, 9)) == [("三月的第五周", "2021-03-29/2021-04-04")]


def find_values(text: str, ref: dt.date | None) -> list[tuple[str, str | None]]:
    return [(text[c.start : c.end], c.value) for c in find(text, Context(ref))]


# --- Recognizers-Text extras ----------------------------------------------------------------

REF = dt.date(2017, 3, 22)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("12号", "12号", "2017-03-12"),
        ("八月十五", "八月十五", "2017-08-15"),
        ("两千零四年八月十五", "两千零四年八月十五", "2004-08-15"),
        ("你13.5.2015有时间吗", "13.5.2015", "2015-05-13"),
        ("我会在 3-7-2017 回来", "3-7-2017", "2017-07-03"),
        ("你05/05/89有时间吗", "05/05/89", "1989-05-05"),
        ("你27-7-3有时间吗", "27-7-3", "2027-07-03"),
        ("10/1/2018", "10/1/2018", "2018-10-01"),
        ("12/1", "12/1", "2017-12-01"),
        ("2010 01 29", "2010 01 29", "2010-01-29"),
        ("1789-01-29", "1789-01-29", "1789-01-29"),
        ("三六七年一月一日", "三六七年一月一日", "0367-01-01"),
        ("前1周", "前1周", "2017-03-15/2017-03-22"),
        ("后1年", "后1年", "2017-03-23/2018-03-22"),
        ("在未来两天", "未来两天", "2017-03-23/2017-03-24"),
        ("时间从2016到2018", "2016到2018", "2016-01-01/2018-12-31"),
        ("我上半月都不在北京", "上半月", "2017-03-01/2017-03-15"),
        ("我下半周都不在北京", "下半周", "2017-03-24/2017-03-26"),
        ("我上个半年都不在北京", "上个半年", "2016-07-01/2016-12-31"),
        ("今年夏天", "今年夏天", "2017-06-01/2017-08-31"),
        ("10/1/2018-10/7/2018", "10/1/2018-10/7/2018", "2018-10-01/2018-10-07"),
    ],
)
def test_dates_extras_read_what_document_mode_leaves_out(text: str, span: str, value: str) -> None:
    extras = [(text[c.start : c.end], c.value) for c in find_extras(text, Context(REF))]
    assert (span, value) in extras
    assert span not in [text[c.start : c.end] for c in find(text, Context(REF)) if c.type != "duration"]


def test_dates_extras_keep_a_day_the_calendar_lacks_unresolved() -> None:
    [cand] = find_extras("2019年2月29日", Context(REF))
    assert (cand.start, cand.end, cand.value, cand.resolved) == (0, 10, None, False)
    assert list(find("2019年2月29日", Context(REF))) == []


def test_dates_extras_lately_alone_has_no_days() -> None:
    [cand] = find_extras("最近", Context(REF))
    assert (cand.type, cand.value, cand.resolved) == ("period", None, False)
    assert [c.value for c in find_extras("最近三年", Context(REF))] == ["2014-03-22/2017-03-22"]


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


def test_dates_lexicon_file_is_what_the_kind_reads() -> None:
    lexicon = DatesLexicon.model_validate(_lexicon_data())
    assert lexicon == DATES
    assert lexicon.old_first_year < lexicon.first_year < lexicon.last_year
    assert (lexicon.plans["十四五"].first, lexicon.plans["十四五"].last) == (2021, 2025)
    assert lexicon.month_names["元"] == 1


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
        (("seasons",), {"夏": {"first": "6-1", "last": "08-31"}}, "not MM-DD"),
        (("relative_halves",), {"上半月": {"unit": "Q", "part": 1}}, "unit"),
        (("eras",), {"康熙": {"first": "一六六二", "years": 61}}, "first"),
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


# --- through the Recognizers-Text adapter --------------------------------------------------

RTBENCH = Path(__file__).resolve().parents[2] / "shared" / "tools" / "rtbench.py"
#: Recognizers-Text's own F1 on its date suites (the issue's targets)
RT_DATE_F1 = {"date-p": 0.873, "daterange-p": 0.773}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("12号", [("date", "12号")]),  # document mode leaves 12号 out (12号文)
        ("二零零四年八月十五", [("date", "二零零四年八月十五")]),  # replaces 二零零四年八月
        ("近 三 年，犯罪数量逐步下降", [("date", "近 三 年")]),  # the gaps RT writes
        ("帮我统计一下2010年之后2018年之前的销量", [("date", "2010年之后2018年之前")]),
        ("在2007年与2009年之间", [("date", "在2007年与2009年之间")]),
        ("根据12号文要求", [("date", "12号")]),  # RT's reading: extras are for RT only
    ],
)
def test_dates_adapter_reports_rt_forms(text: str, want: list[tuple[str, str]]) -> None:
    pytest.importorskip("opencc", reason="the adapter reads traditional text with opencc (dafu[opencc])")
    from pipeline.compat.recognizers import extract

    got = [(e["type"], e["text"]) for e in extract(text, ref=REF) if e["type"] == "date"]
    assert got == want
    assert all(text[e["start"] : e["end"]] == e["text"] for e in extract(text, ref=REF))


def test_dates_rt_suites_at_least_rt(tmp_path: Path) -> None:
    pytest.importorskip("opencc", reason="the adapter reads traditional text with opencc (dafu[opencc])")
    if not RTBENCH.exists():
        pytest.skip("the RT specs and rtbench live in ../shared, absent here")
    out = tmp_path / "rtbench.json"
    subprocess.run(
        [sys.executable, str(RTBENCH), "--module", "pipeline.compat.recognizers:extract",
         "--suites", ",".join(RT_DATE_F1), "--json", str(out)],
        cwd=Path(__file__).resolve().parents[1], check=True, capture_output=True,
    )
    f1 = {name: row["f1"] for name, row in json.loads(out.read_text(encoding="utf-8")).items()}
    for suite, peer in RT_DATE_F1.items():
        assert f1[suite] >= peer, suite
