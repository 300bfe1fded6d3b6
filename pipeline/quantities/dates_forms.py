"""What each written date form means, before its year is known.

Every interpreter takes a match of one ``dates_patterns.RE_*`` and returns an
:class:`Atom` — a date or period whose days are either fixed by calendar points
(``2024年6月`` → June 2024; ``9月8日`` → 8 September of a year still open) or computed
from the reference date (``近三年``, ``下周一``) — or None when the words refuse it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from pipeline.quantities import dates_patterns as P
from pipeline.quantities.dates_calendar import back_from, day_in, shift_month, week_of
from pipeline.quantities.dates_durations import is_numeral, is_year, year_of, zero_led
from pipeline.quantities.dates_lexicon import DATES, MONTH_PARTS, YEAR_PARTS, DurationUnit
from pipeline.quantities.numerals import NumeralError, parse_number

DATE_PRIORITY = 3
PERIOD_PRIORITY = 4
MAX_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class Point:
    """A day whose year is written (``year``), relative to the reference year (``shift``),
    or left to the sentence (neither). Day 31 means the last day of the month."""

    month: int
    day: int
    year: int | None = None
    shift: int | None = None


@dataclass(slots=True)
class Atom:
    """A date or period; ``span`` is filled once its year is known."""

    start: int
    end: int
    type: str  # "date" | "period"
    precision: str | None = None  # Y, M or D for a date
    first: Point | None = None
    last: Point | None = None
    from_ref: Callable[[dt.date], Span] | None = None
    number_text: str | None = None
    priority: int = DATE_PRIORITY
    span: Span | None = None
    resolved: bool = True
    valid: bool = True  # False for a day the calendar lacks (2019年2月29日)
    follows: bool = False  # an open year comes from any date before (同年9月), not only the sentence


def whole_number(text: str) -> int | None:
    try:
        value = parse_number(text)
    except NumeralError:
        return None
    return int(value) if value == value.to_integral_value() else None


def _month(text: str) -> int | None:
    if not P.MONTH_RE.fullmatch(text):
        return None
    month = DATES.month_names.get(text) or whole_number(text)
    return month if month is not None and 1 <= month <= 12 else None


def _day(text: str, month: int) -> int | None:
    day = whole_number(text) if P.DAY_RE.fullmatch(text) else None
    return day if day is not None and 1 <= day <= MAX_DAYS[month] else None


def _period(start: int, end: int, first: Point, last: Point) -> Atom:
    return Atom(start, end, "period", None, first, last, priority=PERIOD_PRIORITY)


def _calendar(m: re.Match[str], year: int | None, shift: int | None) -> Atom | None:
    """The date or period a year (maybe open) and the words after it name."""
    start, end = m.start(), m.end()
    g = m.groupdict()
    if g.get("yp"):
        part = YEAR_PARTS[g["yp"]]
        first, last = Point(*part.first_md, year, shift), Point(*part.last_md, year, shift)
        if part.whole_year:
            return Atom(start, end, "date", "Y", first, last)
        return Atom(start, end, "date", "D", first, last) if first == last else _period(start, end, first, last)
    if not g.get("m1"):
        return Atom(start, end, "date", "Y", Point(1, 1, year, shift), Point(12, 31, year, shift))
    m1 = _month(g["m1"])
    m2 = _month(g["m2"]) if g["m2"] else None
    if m1 is None or (g["m2"] and (m2 is None or m2 <= m1)):
        return None
    day = _day(g["d"], m2 or m1) if g["d"] else None
    if g["d"] and day is None:
        return None
    if m2 is not None:  # 1-9月, 1-9月底
        last_day = day or (MONTH_PARTS[g["mp"]].last if g["mp"] else 31)
        return _period(start, end, Point(m1, 1, year, shift), Point(m2, last_day, year, shift))
    if day is not None:
        return Atom(start, end, "date", "D", Point(m1, day, year, shift), Point(m1, day, year, shift))
    if g["mp"]:
        days = MONTH_PARTS[g["mp"]]
        first, last = Point(m1, days.first, year, shift), Point(m1, days.last, year, shift)
        return Atom(start, end, "date", "D", first, last) if first == last else _period(start, end, first, last)
    return Atom(start, end, "date", "M", Point(m1, 1, year, shift), Point(m1, 31, year, shift))


def _with_year(m: re.Match[str], text: str, year: int | None, shift: int | None) -> Atom | None:
    atom = _calendar(m, year, shift)
    if atom is None:  # 2024年13月: keep the year alone
        atom = Atom(m.start(), m.end("head"), "date", "Y", Point(1, 1, year, shift), Point(12, 31, year, shift))
    return atom


def year_date(m: re.Match[str], text: str) -> Atom | None:
    """2024年, 2024年9月12日, 2024年上半年, 2018年元月份."""
    year = int(m["y"])
    if not DATES.first_year <= year <= DATES.last_year:
        return None
    atom = _with_year(m, text, year, None)
    if atom is not None:
        atom.number_text = m["y"]
    return atom


def cn_year_date(m: re.Match[str], text: str) -> Atom | None:
    """二○一六年十一月八日."""
    if not is_year(m["cy"]):
        return None
    atom = _with_year(m, text, year_of(m["cy"]), None)
    if atom is not None:
        atom.number_text = m["cy"]
    return atom


def rel_year_date(m: re.Match[str], text: str) -> Atom | None:
    """今年, 今年6月, 去年上半年, 明年底; 同年9月 (the year of the date before)."""
    after = text[m.end() : m.end() + 1]
    if after and m.end() == m.end("head") and after in DATES.relative_context.not_before:
        return None  # 上年龄, 当年轻
    shift = DATES.relative_years.get(m["rel"])
    atom = _with_year(m, text, None, shift)
    if atom is not None and shift is None:
        atom.follows = True
    return atom


def bare_month(m: re.Match[str], text: str) -> Atom | None:
    """9月8日, 3月, 6月底: the year comes later, from the sentence or the document."""
    if m["m1"] in DATES.month_names and not (m["fen"] or m["d"] or m["m2"]):
        return None  # 元月 alone is mostly 美元月…; 元月份 and 元月8日 are months
    atom = _calendar(m, None, None)
    if atom is not None:
        atom.number_text = m["m1"]
    return atom


def numeric(m: re.Match[str], text: str) -> Atom | None:
    """2024-09-12, 2024.9.12, 2024/9/12."""
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not DATES.first_year <= year <= DATES.last_year or day > MAX_DAYS[month]:
        return None
    point = Point(month, day, year)
    return Atom(m.start(), m.end(), "date", "D", point, point, number_text=m["y"])


def year_range(m: re.Match[str], text: str) -> Atom | None:
    """2014-2016年."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not DATES.first_year <= y1 < y2 <= DATES.last_year:
        return None
    atom = _period(m.start(), m.end(), Point(1, 1, y1), Point(12, 31, y2))
    atom.number_text = m["y1"]
    return atom


def bare_part(m: re.Match[str], text: str) -> Atom | None:
    """上半年, 一季度 without a year."""
    return _calendar(m, None, None)


def plan(m: re.Match[str], text: str) -> Atom | None:
    """“十四五” → 2021-01-01/2025-12-31 (the span is inside the quotes)."""
    after = m.end() + (1 if m.end() < len(text) and text[m.end()] in P.CLOSE_QUOTES else 0)
    if any(text.startswith(w, after) for w in DATES.plan_context.not_before):
        return None  # “八五”普法
    years = DATES.plans[m["p"]]
    return _period(m.start("p"), m.end("p"), Point(1, 1, years.first), Point(12, 31, years.last))


# --- counted from the reference date ----------------------------------------------------

def _days_from(days: int, ref: dt.date) -> Span:
    day = ref + dt.timedelta(days=days)
    return day, day


def _month_from(months: int, ref: dt.date) -> Span:
    y, m = shift_month(ref.year, ref.month, months)
    return day_in(y, m, 1), day_in(y, m, 31)


def _week_days(weeks: int, days: Sequence[int], ref: dt.date) -> Span:
    monday, sunday = week_of(ref, weeks)
    if not days:
        return monday, sunday
    return monday + dt.timedelta(days=days[0] - 1), monday + dt.timedelta(days=days[-1] - 1)


def _year_back(years: int, ref: dt.date) -> Span:
    return dt.date(ref.year - years, 1, 1), dt.date(ref.year - years, 12, 31)


def _back_to_ref(designator: str, amount: int, ref: dt.date) -> Span:
    return back_from(ref, designator, amount), ref


def rel_day(m: re.Match[str], text: str) -> Atom:
    """今天, 昨天, 大后天."""
    return Atom(m.start(), m.end(), "date", "D", from_ref=partial(_days_from, DATES.relative_days[m["w"]]))


def rel_month(m: re.Match[str], text: str) -> Atom:
    """本月, 上个月."""
    return Atom(m.start(), m.end(), "date", "M", from_ref=partial(_month_from, DATES.relative_months[m["w"]]))


def rel_week(m: re.Match[str], text: str) -> Atom:
    """下周 (Monday to Sunday), 本周五, 下周末."""
    days = DATES.weeks.days[m["d"]] if m["d"] else []
    fn = partial(_week_days, DATES.relative_weeks[m["p"]], days)
    if len(days) == 1:
        return Atom(m.start(), m.end(), "date", "D", from_ref=fn)
    return Atom(m.start(), m.end(), "period", from_ref=fn, priority=PERIOD_PRIORITY)


def _calendar_count(m: re.Match[str]) -> tuple[DurationUnit, int] | None:
    """The unit and whole number of 三年, 两个月 (None when 个 is wrong or it is not a count)."""
    unit = DATES.durations.units[m["u"]]
    if (unit.classifier == "never" and m["cls"]) or (unit.classifier == "required" and not m["cls"]):
        return None
    n_text = m["n"]
    if not is_numeral(n_text) or zero_led(n_text) or is_year(n_text):
        return None  # 2018年之前 is before a date, not 2018 years ago
    n = whole_number(n_text)
    return (unit, n) if n is not None and n > 0 else None


def recent(m: re.Match[str], text: str) -> Atom | None:
    """近三年 → the three years up to the reference date."""
    if any(text.endswith(w, 0, m.start()) for w in DATES.recent.not_after):
        return None
    counted = _calendar_count(m)
    if counted is None:
        return None
    unit, n = counted
    if unit.designator != "Y" and m["pre"] == "近" and not m["tail"]:
        return None  # 近两个月 is mostly "nearly two months"
    return Atom(m.start(), m.end("u"), "period", from_ref=partial(_back_to_ref, unit.designator, n),
                number_text=m["n"], priority=PERIOD_PRIORITY)


def ago(m: re.Match[str], text: str) -> Atom | None:
    """三年前 → the year three before the reference year; 三天前 → that day."""
    counted = _calendar_count(m)
    if counted is None:
        return None
    unit, n = counted
    if unit.designator == "Y":
        return Atom(m.start(), m.end(), "date", "Y", from_ref=partial(_year_back, n), number_text=m["n"])
    if unit.designator == "M":
        return Atom(m.start(), m.end(), "date", "M", from_ref=partial(_month_from, -n), number_text=m["n"])
    days = -n * (7 if unit.designator == "W" else 1)
    return Atom(m.start(), m.end(), "date", "D", from_ref=partial(_days_from, days), number_text=m["n"])
