"""The date forms Recognizers-Text reports that a reply rarely means, read for its suite only.

Document mode (:func:`pipeline.quantities.dates.find`) leaves these out on purpose: 12号
alone (12号文, 12号楼), a day without 日 (八月十五), numeric dates day- or month-first
(13.5.2015, 05/05/89, 12/1), two-digit years alone (15年, a duration in a reply), years
before 1900 (789年), 前1周/未来两天, 最近 alone, 上半月, and days the calendar lacks
(2019年2月29日, kept unresolved). Each form here is a regex built from the fragments of
:mod:`pipeline.quantities.dates.patterns` and an interpreter built on those of
:mod:`pipeline.quantities.dates.forms`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import partial

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.dates import FORMS, NOTHING, Form, find_with
from pipeline.quantities.dates import forms as F
from pipeline.quantities.dates import patterns as P
from pipeline.quantities.dates.calendar import add_months, day_in, shift_month, week_of
from pipeline.quantities.dates.durations import year_of
from pipeline.quantities.dates.lexicon import DATES
from pipeline.text.regex import alternation, char_class

# --- the forms ------------------------------------------------------------------------------

#: 12号, 29日 (any day with 号 too: in a reply 12号 is mostly 12号文, 12号楼).
RE_RT_DAY = re.compile(rf"(?P<d>{P.DAY})[日号]")
#: 两千零四: a year written as a number.
_NUMBER_YEAR = r"[一二两]千[零〇一二三四五六七八九十]{0,3}"
#: 八月十五, 二零零四年八月十五, 两千零四年八月十五: a day without 日.
RE_RT_MONTH_DAY = re.compile(
    rf"""
    (?:(?P<y>[12][0-9]{{3}})[ ]?年 | (?P<cy>[一二]{char_class(P.CN_YEAR_DIGIT)}{{3}})年 | (?P<ny>{_NUMBER_YEAR})年)?
    (?P<m1>{P.MONTH})月(?P<d>{P.DAY})(?![0-9{P.CN_NUMERAL}日号月])
    """,
    re.VERBOSE,
)
#: 两千零四年, 两千年八月.
RE_RT_NUMBER_YEAR = re.compile(rf"(?P<head>(?P<ny>{_NUMBER_YEAR})年){P.YEAR_TAIL}", re.VERBOSE)
#: 1357年6月10日 without a month too, 789年, 三六七年一月一日: years before first_year.
RE_RT_OLD_YEAR = re.compile(
    rf"""(?P<head>(?:(?P<y>[1-9][0-9]{{2,3}})[ ]? | (?P<cy>[一二三四五六七八九]{char_class(P.CN_YEAR_DIGIT)}{{2,3}}))年)
    {P.YEAR_TAIL}""",
    re.VERBOSE,
)
#: 13.5.2015, 3-7-2017, 05/05/89, 27-7-3, 1789-01-29: day-first, US and two-digit years.
RE_RT_NUMERIC = re.compile(
    r"(?P<a>[0-9]{1,4})(?P<s>[-./])(?P<b>[0-9]{1,2})(?P=s)(?P<c>[0-9]{1,4})(?![0-9]|(?P=s)[0-9])"
)
#: 12/1 (month/day).
RE_RT_MONTH_SLASH = re.compile(r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9/])")
RT_NUMERIC_NOT_AFTER = frozenset("0123456789./")
#: 2010 01 29.
RE_RT_SPACED = re.compile(r"(?P<y>[12][0-9]{3}) (?P<m>0[1-9]|1[0-2]) (?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])")
#: 前1周, 上2个月, 后1年, 未来两天.
RE_RT_AROUND = re.compile(
    rf"""
    (?P<p>{alternation([*DATES.around.before, *DATES.around.after])})
    (?P<n>{P.NUMBER_RUN})(?P<cls>个)?(?P<u>{P.CALENDAR_UNITS})
    """,
    re.VERBOSE,
)
#: 最近 alone.
RE_RT_LATELY = re.compile(rf"最近(?![{P.NUMBER_CHARS}几])")
#: 从2016到2018, 从2016-2018: bare years (the span starts after 从).
RE_RT_YEAR_SPAN = re.compile(rf"(?<=从)(?P<y1>[12][0-9]{{3}}){P.SEPARATOR}(?P<y2>[12][0-9]{{3}})(?![0-9年])")
#: 今年夏天, 2024年秋季.
RE_RT_SEASON = re.compile(
    rf"(?:(?P<y>[12][0-9]{{3}})[ ]?年|(?P<rel>{P.REL_YEARS}))(?P<s>{alternation(DATES.seasons)})[季天]"
)
#: 上半月, 下半周, 上个半年.
RE_RT_HALF = re.compile(rf"(?P<w>{alternation(DATES.relative_halves)})")

# --- what they mean ---------------------------------------------------------------------------

def rt_day(m: re.Match[str], text: str) -> F.Atom | None:
    """12号, 29日 alone."""
    day = F.whole_number(m["d"]) if P.DAY_RE.fullmatch(m["d"]) else None
    if day is None or not 1 <= day <= 31:
        return None
    return F.Atom(m.start(), m.end(), "date", "D", day_only=day, number_text=m["d"])


def _written_year(m: re.Match[str]) -> int | None:
    if m["y"]:
        return int(m["y"])
    if m["cy"]:
        return year_of(m["cy"])
    if m["ny"]:
        return F.whole_number(m["ny"])
    return None


def rt_month_day(m: re.Match[str], text: str) -> F.Atom | None:
    """八月十五, 二零零四年八月十五: a month and day without 日."""
    return F.on_calendar(m, _written_year(m), None)


def rt_number_year(m: re.Match[str], text: str) -> F.Atom | None:
    """两千零四年, 两千年八月."""
    year = F.whole_number(m["ny"])
    if year is None or not DATES.first_year <= year <= DATES.last_year:
        return None
    return F.with_year(m, text, year, None)


def rt_old_year(m: re.Match[str], text: str) -> F.Atom | None:
    """789年, 1357年6月10日, 三六七年一月一日."""
    year = int(m["y"]) if m["y"] else year_of(m["cy"])
    if not 100 <= year < DATES.first_year:
        return None
    return F.with_year(m, text, year, None)


def rt_numeric(m: re.Match[str], text: str) -> F.Atom | None:
    """Year first: 1789-01-29, 27-7-3, 12-11-10 (two digits each); day first: 13.5.2015,
    3-7-2017, 3-7-07, 05/05/89 (a one-digit day, or a year past 31); 10/1/2018 is US, month first."""
    a, b, c = m["a"], m["b"], m["c"]
    if len(a) == 4 or (len(a) == 2 and len(c) == 1) or (len(a) == len(c) == 2 and int(c) <= 31):
        y, month, day = a, int(b), int(c)
    elif len(c) in (2, 4) and len(a) <= 2:
        first, second = int(a), int(b)
        us = m["s"] == "/" and len(c) == 4 and first <= 12
        month, day = (first, second) if us else (second, first)
        y = c
    else:
        return None
    if not 1 <= month <= 12 or not 1 <= day <= F.MAX_DAYS[month]:
        return None
    point = F.Point(month, day, int(y)) if len(y) == 4 else F.Point(month, day, yy=int(y))
    return F.Atom(m.start(), m.end(), "date", "D", point, point)


def rt_month_slash(m: re.Match[str], text: str) -> F.Atom | None:
    """12/1: 1 December."""
    month, day = int(m["m"]), int(m["d"])
    if day > F.MAX_DAYS[month]:
        return None
    return F.Atom(m.start(), m.end(), "date", "D", F.Point(month, day), F.Point(month, day))


def rt_spaced(m: re.Match[str], text: str) -> F.Atom | None:
    """2010 01 29."""
    month, day = int(m["m"]), int(m["d"])
    if day > F.MAX_DAYS[month]:
        return None
    point = F.Point(month, day, int(m["y"]))
    return F.Atom(m.start(), m.end(), "date", "D", point, point)


def _ahead(designator: str, amount: int, ref: dt.date) -> F.Span:
    """The ``amount`` units after the reference date (未来两天: the next two days)."""
    first = ref + dt.timedelta(days=1)
    if designator == "Y":
        return first, add_months(ref, 12 * amount)
    if designator == "M":
        return first, add_months(ref, amount)
    return first, ref + dt.timedelta(days=amount * (7 if designator == "W" else 1))


def rt_around(m: re.Match[str], text: str) -> F.Atom | None:
    """前1周, 上2个月 (up to the reference date); 后1年, 未来两天 (from it)."""
    counted = F.calendar_count(m)
    if counted is None:
        return None
    unit, n = counted
    back = m["p"] in DATES.around.before
    fn = partial(F.back_to_ref if back else _ahead, unit.designator, n)
    return F.Atom(m.start(), m.end(), "period", from_ref=fn, number_text=m["n"], priority=F.PERIOD_PRIORITY)


def rt_lately(m: re.Match[str], text: str) -> F.Atom:
    """最近 alone: a time close to the reference date, no days."""
    return F.Atom(m.start(), m.end(), "period", resolved=False, priority=F.PERIOD_PRIORITY)


def rt_year_span(m: re.Match[str], text: str) -> F.Atom | None:
    """从2016到2018 (bare years)."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not DATES.first_year <= y1 < y2 <= DATES.last_year:
        return None
    return F.period_between(m.start(), m.end(), F.Point(1, 1, y1), F.Point(12, 31, y2))


def rt_half(m: re.Match[str], text: str) -> F.Atom:
    """上半月, 下半周, 上个半年."""
    half = DATES.relative_halves[m["w"]]
    return F.Atom(m.start(), m.end(), "period", from_ref=partial(_half_from, half.unit, half.part, half.shift),
                priority=F.PERIOD_PRIORITY)


def _half_from(unit: str, part: int, shift: int, ref: dt.date) -> F.Span:
    if unit == "H":
        y, h = divmod(ref.year * 2 + (ref.month > 6) + shift, 2)
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 0 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    if unit == "W":
        monday, sunday = week_of(ref, shift)
        return (monday, monday + dt.timedelta(days=3)) if part == 1 else (monday + dt.timedelta(days=4), sunday)
    y, mo = shift_month(ref.year, ref.month, shift)
    return (dt.date(y, mo, 1), dt.date(y, mo, 15)) if part == 1 else (dt.date(y, mo, 16), day_in(y, mo, 31))


def rt_season(m: re.Match[str], text: str) -> F.Atom:
    """今年夏天 → June–August of this year."""
    season = DATES.seasons[m["s"]]
    year = int(m["y"]) if m["y"] else None
    shift = DATES.relative_years.get(m["rel"]) if m["rel"] else None
    first = F.Point(int(season.first[:2]), int(season.first[3:]), year, shift)
    last = F.Point(int(season.last[:2]), int(season.last[3:]), year, shift)
    atom = F.period_between(m.start(), m.end(), first, last)
    atom.follows = m["rel"] is not None and shift is None
    return atom


#: Each form: its regex, the characters it may not follow, and what it means.
RT_FORMS: tuple[Form, ...] = (
    (RE_RT_DAY, P.BARE_DAY_NOT_AFTER | frozenset("月"), rt_day),
    (RE_RT_MONTH_DAY, P.MONTH_NOT_AFTER, rt_month_day),
    (RE_RT_NUMBER_YEAR, P.CN_YEAR_NOT_AFTER, rt_number_year),
    (RE_RT_OLD_YEAR, P.YEAR_NOT_AFTER | P.CN_YEAR_NOT_AFTER, rt_old_year),
    (P.RE_TWO_DIGIT_YEAR, P.TWO_DIGIT_NOT_AFTER, F.any_two_digit_year),
    (RE_RT_NUMERIC, RT_NUMERIC_NOT_AFTER, rt_numeric),
    (RE_RT_MONTH_SLASH, RT_NUMERIC_NOT_AFTER, rt_month_slash),
    (RE_RT_SPACED, RT_NUMERIC_NOT_AFTER, rt_spaced),
    (RE_RT_AROUND, P.REL_NOT_AFTER, rt_around),
    (RE_RT_LATELY, NOTHING, rt_lately),
    (RE_RT_YEAR_SPAN, NOTHING, rt_year_span),
    (RE_RT_HALF, NOTHING, rt_half),
    (RE_RT_SEASON, P.YEAR_NOT_AFTER | P.REL_NOT_AFTER, rt_season),
)


def find_extras(text: str, ctx: Context) -> Iterator[Candidate]:
    """The readings of :func:`pipeline.quantities.dates.find` with the forms above, and days
    the calendar lacks kept unresolved. The caller keeps those that add to its records."""
    return find_with(text, ctx, FORMS + RT_FORMS, keep_invalid=True)
