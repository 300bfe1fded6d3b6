"""Named days, read as ``date`` records: holidays (国庆节, 2024年春节, 今年圣诞节), lunar
dates (农历2015年十月初一, 正月初一, 大年三十) and weekdays (星期一 → ``XXXX-WXX-1``, a
Monday of no known week, as Recognizers-Text writes it).

A holiday falls on its day of the year written before it (2024年国庆节 → 2024-10-01),
else of the reference year; lunar days are converted with the table in ``times.toml``
(2024年春节 → 2024-02-10). A lunar date needs a lunar mark (农历, 正月, 腊月, 初一, 大年):
八月十五 alone is left to the dates kind.

>>> [c.value for c in find("2024年国庆节", Context())]
['2024-10-01']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.dates.lexicon import DATES
from pipeline.quantities.dates.patterns import DAY_RE
from pipeline.quantities.times import patterns as P
from pipeline.quantities.times.calendar import holiday_day, lunar_day
from pipeline.quantities.times.lexicon import HOLIDAYS, TIMES
from pipeline.text.numerals import NumeralError, parse_number
from pipeline.text.regex import alternation, char_class
from pipeline.text.scan import FewFirsts

PRIORITY = 3
_WEEK = "XXXX-WXX-"
_WEEKDAYS = FewFirsts(P.RE_WEEKDAY)  # found by str.find of its first characters
_LEAD_WINDOW = 12  # 农历2015年十 before 月初一
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_LUNAR_DAYS = {"三十": 30, "二十九": 29}
_EVERY_RE = re.compile(rf"(?:{alternation(TIMES.holiday_context.every)})$")
_GREETING_RE = re.compile(alternation(TIMES.holiday_context.greetings))
#: 春节等, 春节、国庆等: the holiday opens a list of kinds of day
_STOPS = re.escape(TIMES.holiday_context.clause_stops)
_KIND_RE = re.compile(rf"(?:、[^{_STOPS}]{{1,5}}?)*(?:{alternation(TIMES.holiday_context.kind_marks)})")
#: “春节送温暖”: a quoted name that goes on after the holiday
_CLOSE_QUOTES = TIMES.holiday_context.close_quotes
_QUOTED_NAME_RE = re.compile(
    rf"[^{re.escape(_CLOSE_QUOTES)}{_STOPS}\s]{{1,8}}{char_class(_CLOSE_QUOTES)}"
)
_OPEN_QUOTES = TIMES.holiday_context.open_quotes


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    """Every holiday, lunar date and weekday in ``text``."""
    for m in _anchored(text, P.RE_HOLIDAY_NAME.finditer(text), lambda a: P.RE_HOLIDAY_LEAD, P.RE_HOLIDAY):
        cand = _holiday(m, text, ctx)
        if cand is not None:
            yield cand
    leads = lambda a: P.RE_LUNAR_LEAD if a.group() == "月" else P.RE_NEW_YEAR_LEAD  # noqa: E731
    # the anchors of both kinds in text order (月 and 大年 never share a character)
    anchors = sorted((*P.RE_LUNAR_ANCHOR.finditer(text), *P.RE_NEW_YEAR_ANCHOR.finditer(text)), key=re.Match.start)
    for m in _anchored(text, anchors, leads, P.RE_LUNAR_DATE):
        cand = _lunar(m, ctx)
        if cand is not None:
            yield cand
    for m in _WEEKDAYS.finditer(text):  # a weekday of no known week: XXXX-WXX-1
        yield Candidate(start=m.start(), end=m.end(), type="date", value=f"{_WEEK}{TIMES.weekdays.days[m['wd']]}",
                        priority=PRIORITY)


def is_weekday(cand: Candidate) -> bool:
    """A bare weekday (星期一) read by :func:`find`."""
    return cand.value is not None and cand.value.startswith(_WEEK)


def whole(text: str) -> int | None:
    """A month or day written in digits or Chinese numerals (12, 十二), else None."""
    try:
        return int(parse_number(text))
    except NumeralError:
        return None


def _anchored(
    text: str, anchors: Iterable[re.Match[str]], lead: Callable[[re.Match[str]], re.Pattern[str]],
    full: re.Pattern[str],
) -> Iterator[re.Match[str]]:
    """Matches of ``full`` through each of the ``anchors`` (in text order): the scan finds the
    rare anchor (a holiday's name, 月 before 初一) and ``lead`` finds what may stand before it."""
    done = 0
    for a in anchors:
        if a.start() < done:
            continue
        before = lead(a).search(text, max(done, a.start() - _LEAD_WINDOW), a.start())
        m = full.match(text, before.start() if before is not None else a.start())
        if m is not None and m.end() > a.start():
            done = m.end()
            yield m


def _year(m: re.Match[str], ctx: Context) -> tuple[int | None, bool]:
    """The year written before (2024年, 今年) or the reference year; and whether it was written."""
    if m["y"]:
        return int(m["y"]), True
    if m["rel"]:
        return (ctx.ref_date.year + DATES.relative_years[m["rel"]] if ctx.ref_date else None), True
    return (ctx.ref_date.year if ctx.ref_date else None), False


def _holiday(m: re.Match[str], text: str, ctx: Context) -> Candidate | None:
    holiday = HOLIDAYS[m["name"]]
    before = text[m.start("name") - 1 : m.start("name")]
    after = text[m.end() : m.end() + 1]
    if (before and before in holiday.not_after) or (after and after in holiday.not_before):
        return None  # 政治清明, 五一路
    if not (m["y"] or m["rel"]) and _no_one_day(m, text):
        return None  # 每逢端午, 春节等节假日, “春节送温暖”
    year, _ = _year(m, ctx)
    if year is not None and not DATES.first_year <= year <= DATES.last_year:
        return None
    day = _holiday_day(m["name"], year) if year is not None else None
    return _record(m.start(), m.end(), day, resolved=year is not None, number_text=m["y"])


def _no_one_day(m: re.Match[str], text: str) -> bool:
    """A holiday of every year or a kind of day (每逢端午, 春节等节假日), a greeting (新年快乐),
    or a word in a quoted name (“春节送温暖”)."""
    start = m.start("name")
    if _EVERY_RE.search(text, max(0, start - 2), start) or _KIND_RE.match(text, m.end()):
        return True
    if _GREETING_RE.match(text, m.end()):
        return True
    return text[start - 1 : start] in _OPEN_QUOTES and bool(_QUOTED_NAME_RE.match(text, m.end()))


def _lunar(m: re.Match[str], ctx: Context) -> Candidate | None:
    month: int | None
    day: int | None
    if m["nd"]:
        month, day = 1, _lunar_number(m["nd"])
        if m["nd"] in _LUNAR_DAYS:  # 大年三十: the last day of the year before
            month, day = 1, 0
    else:
        marked = m["lunar"] or m["lunar2"] or m["leap"] or m["m"] in _LUNAR_MONTHS or m["d"].startswith("初")
        if not marked:
            return None  # 八月十五 is for the dates kind
        month = _LUNAR_MONTHS.get(m["m"]) or _lunar_number(m["m"])
        day = _lunar_number(m["d"])
    if month is None or day is None:
        return None
    year = int(m["y"]) if m["y"] else (ctx.ref_date.year if ctx.ref_date else None)
    found = _lunar_in(year, month, day, bool(m["leap"])) if year is not None else None
    if found is not None and ctx.ref_date is not None and not m["y"]:
        # no year written: the occurrence nearest the reference date (腊月三十 in a reply of
        # 2018-02-27 is 2018-02-15, of the lunar year 2017, not 2019-02-04)
        earlier = _lunar_in(year - 1, month, day, bool(m["leap"])) if year is not None else None
        if earlier is not None and abs(earlier - ctx.ref_date) < abs(found - ctx.ref_date):
            found = earlier
    if year is not None and found is None:
        return None  # a day the lunar month lacks, or a year off the table
    return _record(m.start(), m.end(), found, resolved=year is not None, number_text=m["y"])


def _lunar_in(year: int, month: int, day: int, leap: bool) -> dt.date | None:
    """The day of lunar ``year`` (正月三十 of a 29-day month: its last day)."""
    found = lunar_day(year, month, day, leap=leap)
    if found is None and day == 30:
        found = lunar_day(year, month, 29, leap=leap)
    return found


@cache
def _holiday_day(word: str, year: int) -> dt.date | None:
    return holiday_day(HOLIDAYS[word], year)


def _lunar_number(text: str) -> int | None:
    text = text.removeprefix("初").replace("廿", "二十")
    if not DAY_RE.fullmatch(text):
        return None
    try:
        return int(parse_number(text))
    except NumeralError:
        return None


def _record(start: int, end: int, day: dt.date | None, *, resolved: bool, number_text: str | None) -> Candidate:
    return Candidate(
        start=start, end=end, type="date", value=day.isoformat() if day else None,
        date_start=day, date_end=day, resolved=resolved, number_text=number_text, priority=PRIORITY,
    )
