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

from pipeline.quantities.base import Candidate
from pipeline.quantities.dates import patterns as P
from pipeline.quantities.dates.calendar import back_from, day_in, shift_month, week_of
from pipeline.quantities.dates.durations import is_numeral, is_year, year_of, zero_led
from pipeline.quantities.dates.lexicon import DATES, MONTH_PARTS, YEAR_PARTS, DurationUnit
from pipeline.text.numerals import ONE_TO_NINE, NumeralError, adjacent_pair, parse_number

DATE_PRIORITY = 3
PERIOD_PRIORITY = 4
_TWO_DIGIT_AFTER = tuple(DATES.two_digit_years.after)  # 自19年, 始建于58年: a year
_TWO_DIGIT_NOT_AFTER = tuple(DATES.two_digit_years.not_after)  # 大于19年: a span
MAX_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class Point:
    """A day whose year is written (``year``), relative to the reference year (``shift``),
    written with two digits (``yy``) or left to the sentence (none). Day 31 means the last
    day of the month."""

    month: int
    day: int
    year: int | None = None
    shift: int | None = None
    yy: int | None = None  # a two-digit year (07年): its century comes from the reference year


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
    by_year: Callable[[int], Span] | None = None  # the days, once the year of ``first`` is known
    day_only: int | None = None  # 29日: the month comes from the sentence or the reference date
    number_text: str | None = None
    priority: int = DATE_PRIORITY
    span: Span | None = None
    resolved: bool = True
    valid: bool = True  # False for a day the calendar lacks (2019年2月29日)
    follows: bool = False  # an open year comes from any date before (同年9月), not only the sentence
    after_year: int = 0  # ... that year plus this (次年3月: 1; 上年: -1, from its sentence's year)
    generic: bool = False  # a year word naming no year (下一年度 in a rule): holds its words, never reported
    yearly: bool = False  # a month or day of every year (一般在8月20日, 以当年8月31日为准): a set, no year
    qualifier: str = "exact"  # approx for two neighbouring digits (五六年前), as 三四家 is


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


def period_between(start: int, end: int, first: Point, last: Point) -> Atom:
    return Atom(start, end, "period", None, first, last, priority=PERIOD_PRIORITY)


def on_calendar(m: re.Match[str], year: int | None, shift: int | None, yy: int | None = None) -> Atom | None:
    """The date or period a year (maybe open) and the words after it name."""
    start, end = m.start(), m.end()
    g = m.groupdict()

    def pt(month: int, day: int) -> Point:
        return Point(month, day, year, shift, yy)

    if g.get("yp"):
        part = YEAR_PARTS[g["yp"]]
        first, last = pt(*part.first_md), pt(*part.last_md)
        if part.whole_year:
            return Atom(start, end, "date", "Y", first, last)
        return Atom(start, end, "date", "D", first, last) if first == last else period_between(start, end, first, last)
    if g.get("nu") or g.get("eu"):
        return _counted_part(m, pt(1, 1), pt(12, 31))
    if not g.get("m1"):
        return Atom(start, end, "date", "Y", pt(1, 1), pt(12, 31))
    m1 = _month(g["m1"])
    m2 = _month(g["m2"]) if g.get("m2") else None
    if m1 is None or (g.get("m2") and (m2 is None or m2 <= m1)):
        return None
    day = _day(g["d"], m2 or m1) if g.get("d") else None
    if g.get("d") and day is None:
        return None
    if m2 is not None:  # 1-9月, 1-9月底
        last_day = day or (MONTH_PARTS[g["mp"]].last if g["mp"] else 31)
        return period_between(start, end, pt(m1, 1), pt(m2, last_day))
    if day is not None:
        return Atom(start, end, "date", "D", pt(m1, day), pt(m1, day))
    if g.get("mp"):
        days = MONTH_PARTS[g["mp"]]
        first, last = pt(m1, days.first), pt(m1, days.last)
        return Atom(start, end, "date", "D", first, last) if first == last else period_between(start, end, first, last)
    if g.get("wn"):  # 十月的第一周: from the month's first Monday
        n = whole_number(g["wn"]) or 0
        atom = period_between(start, end, pt(m1, 1), pt(m1, 31))
        atom.by_year = partial(_nth_week_of_month, m1, n)
        return atom
    return Atom(start, end, "date", "M", pt(m1, 1), pt(m1, 31))


def _counted_part(m: re.Match[str], first: Point, last: Point) -> Atom | None:
    """2021年的第一周 (ISO week), 明年第九个月, 2021年的前2周, 去年的最后10天."""
    g = m.groupdict()
    nth = g.get("nu") is not None
    n = whole_number(g["nth"] if nth else g["en"]) if P.NUMBER_RE.fullmatch(g["nth"] or g["en"] or "") else None
    unit = DATES.durations.units.get(g["nu"] or g["eu"])
    if n is None or n < 1 or unit is None:
        return None
    if (g["ncls"] or g["ecls"]) and unit.classifier == "never":
        return None
    if unit.designator == "M" and not (g["ncls"] or g["ecls"]):
        return None  # 第九个月, 前2个月 (月 alone is a month's name)
    if nth:
        fn = partial(_nth_of_year, unit.designator, n)
        precision = "M" if unit.designator == "M" else None
    else:
        fn = partial(_edge_of_year, unit.designator, n, g["edge"] != "前")
        precision = None
    if precision == "M":
        if n > 12:
            return None
        return Atom(m.start(), m.end(), "date", "M", first, last, by_year=fn)
    return Atom(m.start(), m.end(), "period", None, first, last, by_year=fn, priority=PERIOD_PRIORITY)


def _nth_week_of_month(month: int, n: int, year: int) -> Span:
    """The ``n``-th week (Monday to Sunday) from the first Monday of the month."""
    first = dt.date(year, month, 1)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))
    if monday.month != month:
        raise ValueError(f"{year}-{month} has no week {n}")
    return monday, monday + dt.timedelta(days=6)


def _nth_of_year(designator: str, n: int, year: int) -> Span:
    if designator == "M":
        return day_in(year, n, 1), day_in(year, n, 31)
    monday = dt.date.fromisocalendar(year, n, 1)  # ValueError past the year's last week
    return monday, monday + dt.timedelta(days=6)


def _edge_of_year(designator: str, n: int, last: bool, year: int) -> Span:
    """The first (or last) ``n`` days, weeks or months of ``year``."""
    days = {"D": 1, "W": 7}.get(designator)
    if days is not None:
        if n * days > 366:
            raise ValueError(f"{n}{designator} is longer than a year")
        if last:
            return dt.date(year, 12, 31) - dt.timedelta(days=n * days - 1), dt.date(year, 12, 31)
        return dt.date(year, 1, 1), dt.date(year, 1, 1) + dt.timedelta(days=n * days - 1)
    if not 1 <= n <= 12:
        raise ValueError(f"{n} months is not part of a year")
    if last:
        return dt.date(year, 13 - n, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), day_in(year, n, 31)


def with_year(m: re.Match[str], text: str, year: int | None, shift: int | None) -> Atom | None:
    atom = on_calendar(m, year, shift)
    if atom is None:  # 2024年13月: keep the year alone
        atom = Atom(m.start(), m.end("head"), "date", "Y", Point(1, 1, year, shift), Point(12, 31, year, shift))
    return atom


def year_date(m: re.Match[str], text: str) -> Atom | None:
    """2024年, 2024年9月12日, 2024年上半年, 2018年元月份; 1357年6月10日 (an old year needs its month)."""
    year = int(m["y"])
    if DATES.old_first_year <= year < DATES.first_year and m["m1"] and not m["m2"]:
        atom = on_calendar(m, year, None)
        if atom is not None:
            atom.number_text = m["y"]
        return atom
    if not DATES.first_year <= year <= DATES.last_year:
        return None
    atom = with_year(m, text, year, None)
    if atom is not None:
        atom.number_text = m["y"]
    return atom


def cn_year_date(m: re.Match[str], text: str) -> Atom | None:
    """二○一六年十一月八日."""
    if not is_year(m["cy"]):
        return None
    atom = with_year(m, text, year_of(m["cy"]), None)
    if atom is not None:
        atom.number_text = m["cy"]
    return atom


def rel_year_date(m: re.Match[str], text: str) -> Atom | None:
    """今年, 今年6月, 去年上半年, 明年底; 同年9月 (the year of the date before); 次年3月,
    10月至来年7月 (the year after it)."""
    after = text[m.end() : m.end() + 1]
    if after and m.end() == m.end("head") and after in DATES.relative_context.not_before:
        return None  # 上年龄, 当年轻
    if m["m1"] is None and (generic_year(m, text) or m["rel"] in P.NEXT_YEAR_WORDS):
        # 获得称号的当年奖补, 低于上年度人均可支配收入: no year of its own, and no duration
        # inside it either (上一年度 is not 一年); nor 次年 alone (如次年仍不合格: a rule's year)
        return Atom(m.start(), m.end(), "date", valid=False, generic=True)
    if m["m1"] is not None and generic_year(m, text):
        return _yearly(on_calendar(m, None, None), m["m1"])  # 升学当年8月31日: every year's
    after_separator = P.RE_SEPARATOR_BEFORE.search(text, max(0, m.start() - 3), m.start()) is not None
    following = m["rel"] in P.NEXT_YEAR_WORDS or (m["rel"] in P.NEXT_YEAR_AFTER_SEPARATOR and after_separator)
    previous = m["rel"] in P.PREVIOUS_YEAR_WORDS  # 2012年…比上年增长: 2011
    shift = None if following or previous else DATES.relative_years.get(m["rel"])
    atom = with_year(m, text, None, shift)
    if atom is not None and shift is None:
        atom.follows = not previous  # 同年, 次年: the last date written; 上年: its sentence's
        atom.after_year = -1 if previous else (1 if following else 0)
    return atom


def generic_year(m: re.Match[str], text: str) -> bool:
    """当年, 上年度 … naming no year: the year of an event in a rule (升学当年, 的当年奖补) or of
    a statistic in a formula (按全省上年度在岗职工月平均工资); 比上年增长2% names one."""
    return m["rel"] in P.GENERIC_YEAR_WORDS and _generic_at(text, m.start(), m.end())


def _generic_at(text: str, start: int, end: int) -> bool:
    """The year word at ``text[start:end]`` names no year (see :func:`generic_year`)."""
    return bool(_generic_before(text, start)
                or P.RE_GENERIC_AFTER.match(text, end)
                or _joined_to_generic(text, start)
                or _in_scheme(text, start))


def _after_generic_year(text: str, at: int) -> bool:
    """A year word that names no year stands right before ``at``, or before a 的 there (申请转学
    当年的上半年: the first half of whichever year the transfer is asked for)."""
    return generic_year_before(text, at) is not None


def generic_year_before(text: str, at: int) -> int | None:
    """Where the year word naming no year that :func:`_after_generic_year` finds starts, if any."""
    end = at - 1 if at and text[at - 1] == "的" else at
    word = next((w for w in P.GENERIC_YEAR_WORDS if text.startswith(w, end - len(w))), None)
    return end - len(word) if word is not None and _generic_at(text, end - len(word), end) else None


def _generic_before(text: str, at: int) -> bool:
    return P.RE_GENERIC_BEFORE.search(text, max(0, at - 4), at) is not None


def _joined_to_generic(text: str, at: int) -> bool:
    """Joined (及, 和) to a year word before it in its clause that names no year (根据上年…
    情况及当年…情况)."""
    if at == 0 or text[at - 1] not in P.GENERIC_JOINING:
        return False
    lo = max(0, at - 2 * DATES.generic_years.reach)
    start = P.RE_GENERIC_CLAUSE_START.search(text, lo, at)
    lo = start.start() + 1 if start is not None else lo
    return any(_generic_before(text, w.start()) for w in P.RE_GENERIC_WORD.finditer(text, lo, at - 1))


def _in_scheme(text: str, at: int) -> bool:
    """The sentence before ``at`` opens a scheme (对…的组织，当年新购机具; 如果学校当年学位富余) or
    says 每年, and writes no year of its own that 当年 would name."""
    lo = max(0, at - DATES.generic_years.sentence_reach)
    start = P.RE_GENERIC_SENTENCE_START.search(text, lo, at)
    if start is None and lo > 0:
        # a sentence longer than the reach, its opening not seen: its own clause may open the
        # scheme (…难以延迟入学截止时间，如果学校当年学位富余), with no year written in reach
        clause = P.RE_GENERIC_CLAUSE_START.search(text, lo, at)
        return (clause is not None and P.RE_WRITTEN_YEAR.search(text, lo, at) is None
                and P.RE_GENERIC_SCHEME.match(text[clause.start() + 1 : at]) is not None)
    before = text[start.start() + 1 if start else lo : at]
    if P.RE_WRITTEN_YEAR.search(before) is not None:
        return False
    # the opener's frame may close after the word (对…、当年实施…面积2000亩以上的组织)
    clause_end = P.RE_GENERIC_CLAUSE_END.search(text, at)
    return P.RE_GENERIC_SCHEME.search(before + text[at : clause_end.start() if clause_end else len(text)]) is not None


def two_digit_year(m: re.Match[str], text: str) -> Atom | None:
    """07年, 零八年, 18年10月1日, 19年底, 自19年, 始建于58年 (15年 alone is a duration in a reply)."""
    after_word = text.endswith(_TWO_DIGIT_AFTER, 0, m.start()) and not text.endswith(
        _TWO_DIGIT_NOT_AFTER, 0, m.start()
    )
    if not (zero_led(m["yy"]) or m["m1"] or m["yp"] or after_word):
        return None
    return any_two_digit_year(m, text)


def any_two_digit_year(m: re.Match[str], text: str) -> Atom | None:
    """07年, 18年10月1日, and 15年, 89年 alone (a duration in a reply; Recognizers-Text reads a year)."""
    if m["yy"][0].isascii() != m["yy"][1].isascii():
        return None  # 0八年, 零8年
    yy = int(year_of(m["yy"]) if not m["yy"].isascii() else m["yy"])
    atom = on_calendar(m, None, None, yy)
    if atom is None:
        return None
    atom.number_text = m["yy"]
    return atom


def century_year(yy: int, ref_year: int) -> int:
    """The year ``yy`` (two digits) names: at most ``two_digit_years.ahead`` after ``ref_year``."""
    year = ref_year // 100 * 100 + yy
    if year > ref_year + DATES.two_digit_years.ahead:
        year -= 100
    elif year + 100 <= ref_year + DATES.two_digit_years.ahead:
        year += 100
    return year


def era_year(m: re.Match[str], text: str) -> Atom | None:
    """康熙三年 → 1664; 康熙三年五月; 神龙二年正月初一 (a lunar day: unresolved)."""
    n = 1 if m["n"] == "元" else (whole_number(m["n"]) if P.NUMBER_RE.fullmatch(m["n"]) else None)
    if n is None or n < 1:
        return None
    era = DATES.eras[m["era"]]
    lunar = m["lunar"] is not None
    if n > era.years or lunar:  # past the era (雍正二十三年), or a lunar day: the span alone
        precision = "D" if lunar else ("M" if m["m1"] else "Y")
        return Atom(m.start(), m.end(), "date", precision, resolved=False, number_text=m["n"])
    atom = on_calendar(m, era.first + n - 1, None)
    if atom is not None:
        atom.number_text = m["n"]
    return atom


def decade(m: re.Match[str], text: str) -> Atom | None:
    """九十年代 → 1990–1999 (the latest not after the reference year); 19世纪70年代 → 1870–1879;
    1960年代 → 1960–1969; 上世纪七八十年代 → 1970–1989."""
    form = P.DECADE_FORM.search(text, max(0, m.start() - P.DECADE_LOOKBACK), m.end())
    if form is None or (form.start() and text[form.start() - 1] in P.DECADE_NOT_AFTER):
        return None  # 21960年代: no year
    m = form
    start, end = m.start(), m.end()
    if m["y"]:
        first = int(m["y"] + m["yd"] + "0")
        return period_between(start, end, Point(1, 1, first), Point(12, 31, first + 9))
    d = whole_number(m["d"])
    earlier = whole_number(m["d0"] + "十") if m["d0"] else None
    if d is None or (m["d0"] and earlier != d - 10):
        return None  # 三八十年代: not two decades in a row
    span = d - (earlier or d)  # 10 for two decades, else 0
    if m["c"]:
        century = whole_number(m["c"])
        if century is None:
            return None
        first = (century - 1) * 100 + d
        return period_between(start, end, Point(1, 1, first - span), Point(12, 31, first + 9))
    shift = DATES.decades.centuries[m["cw"]] if m["cw"] else None
    return Atom(start, end, "period", from_ref=partial(_decade_from, d, shift, span), priority=PERIOD_PRIORITY)


def _decade_from(d: int, century_shift: int | None, span: int, ref: dt.date) -> Span:
    if century_shift is not None:  # 上世纪90年代: the century before the reference year's
        first = (ref.year // 100 + century_shift) * 100 + d
    else:
        first = ref.year // 100 * 100 + d
        if first > ref.year:
            first -= 100
    return dt.date(first - span, 1, 1), dt.date(first + 9, 12, 31)


def bare_day(m: re.Match[str], text: str) -> Atom | None:
    """29日: a day of the month of the sentence's date, else of the reference date."""
    start = m.start()
    while start > 0 and start > m.start() - 3 and P.DAY_CHAR.match(text, start - 1):
        start -= 1  # back over the day's digits
    form = P.BARE_DAY_FORM.fullmatch(text, start, m.end())
    if form is None or (start and text[start - 1] in P.BARE_DAY_NOT_AFTER):
        return None
    m = form
    written = m["d"]
    if not P.DAY_RE.fullmatch(written) or not (written.isascii() or any(c in "十廿卅" for c in written)):
        return None  # 一日, 三日 are mostly "one day", "three days" (同一日, 三日清零)
    start = m.start()
    if start and not P.RE_BARE_DAY_AFTER.search(text, max(0, start - 3), start):
        return None  # 拘留15日 counts days
    day = whole_number(m["d"])
    if day is None or not 1 <= day <= 31:
        return None
    return Atom(m.start(), m.end(), "date", "D", day_only=day, number_text=m["d"])


_MONTH_UNIT = DATES.durations.units["月"]


def bare_month(m: re.Match[str], text: str) -> Atom | None:
    """9月8日, 3月, 6月底: the year comes later, from the sentence or the document."""
    if m["m1"] in DATES.month_names and not (m["fen"] or m["d"] or m["m2"]):
        return None  # 元月 alone is mostly 美元月…; 元月份 and 元月8日 are months
    if m.end() == m.end("m2" if m["m2"] else "m1") + 1 and _MONTH_UNIT.bare_at(text, m.end(), m.start()):
        return None  # 间隔一月以上, 发热1月余, 通知后一月内: a count of months (durations), no January
    atom = on_calendar(m, None, None)
    if atom is None:
        return None
    word = generic_year_before(text, m.start())
    if word is not None:  # 以当年8月31日为准: the span takes the year word
        atom.start = word
        return _yearly(atom, m["m1"])
    if P.RE_HABITUAL_BEFORE.search(text, max(0, m.start() - 4), m.start()):
        return _yearly(atom, m["m1"])  # 一般在8月20日发放
    atom.number_text = m["m1"]
    return atom


def _yearly(atom: Atom | None, number_text: str) -> Atom | None:
    """``atom`` as a month or day of every year (a ``set`` with no year)."""
    if atom is not None:
        atom.yearly, atom.number_text = True, number_text
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
    atom = period_between(m.start(), m.end(), Point(1, 1, y1), Point(12, 31, y2))
    atom.number_text = m["y1"]
    return atom


def school_year(m: re.Match[str], text: str) -> Atom | None:
    """2018年下至2019年上期 → 2018-07-01/2019-06-30 (the second year the next)."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not (DATES.first_year <= y1 and y2 == y1 + 1 <= DATES.last_year):
        return None
    atom = period_between(m.start(), m.end(), Point(7, 1, y1), Point(6, 30, y2))
    atom.number_text = m["y1"]
    return atom


def bare_part(m: re.Match[str], text: str) -> Atom | None:
    """上半年, 一季度 without a year; none of a year that names none (转学当年的上半年)."""
    if _after_generic_year(text, m.start()):
        return Atom(m.start(), m.end(), "date", valid=False, generic=True)
    return on_calendar(m, None, None)


def plan(m: re.Match[str], text: str) -> Atom | None:
    """“十四五” → 2021-01-01/2025-12-31 (the span is inside the quotes)."""
    after = m.end() + (1 if m.end() < len(text) and text[m.end()] in P.CLOSE_QUOTES else 0)
    if any(text.startswith(w, after) for w in DATES.plan_context.not_before):
        return None  # “八五”普法
    years = DATES.plans[m["p"]]
    return period_between(m.start("p"), m.end("p"), Point(1, 1, years.first), Point(12, 31, years.last))


# --- counted from the reference date ----------------------------------------------------

def _days_from(days: int, ref: dt.date) -> Span:
    day = ref + dt.timedelta(days=days)
    return day, day


def _month_part_from(months: int, first: int, last: int, ref: dt.date) -> Span:
    y, m = shift_month(ref.year, ref.month, months)
    return day_in(y, m, first), day_in(y, m, last)


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


def back_to_ref(designator: str, amount: int, ref: dt.date) -> Span:
    return back_from(ref, designator, amount), ref


def ahead_of_ref(designator: str, amount: int, ref: dt.date) -> Span:
    return ref, back_from(ref, designator, -amount)


_SPEECH = DATES.reported_speech
#: a verb of saying, then no sentence end, up to the day word (他们说材料还没补充好，明天…)
_REPORTED_RE = re.compile(
    rf"(?:{'|'.join(map(re.escape, _SPEECH.verbs))})(?![{re.escape(_SPEECH.not_next)}])"
    rf"[^{re.escape(_SPEECH.sentence_ends)}]*$"
)


def rel_day(m: re.Match[str], text: str) -> Atom | None:
    """今天, 昨天, 大后天; none in reported speech (他说，明天送来: the speaker's day)."""
    if _REPORTED_RE.search(text, max(0, m.start() - _SPEECH.reach), m.start()) is not None:
        return None
    return Atom(m.start(), m.end(), "date", "D", from_ref=partial(_days_from, DATES.relative_days[m["w"]]))


def rel_month(m: re.Match[str], text: str) -> Atom | None:
    """本月, 上个月; 本月十日; not the month after an event in a rule (缴费的下月起), which
    holds its words and is never reported (下一个月 is no duration 一个月)."""
    if (m["w"] in P.GENERIC_MONTH_WORDS
            and P.RE_GENERIC_MONTH_BEFORE.search(text, max(0, m.start() - 2), m.start())):
        return Atom(m.start(), m.end(), "date", valid=False, generic=True)
    shift = DATES.relative_months[m["w"]]
    if m["mp"]:  # 本月下旬: a part of that month, 下月底 its last day
        part = MONTH_PARTS[m["mp"]]
        fn = partial(_month_part_from, shift, part.first, part.last)
        if part.first == part.last:
            return Atom(m.start(), m.end(), "date", "D", from_ref=fn)
        return Atom(m.start(), m.end(), "period", from_ref=fn, priority=PERIOD_PRIORITY)
    if m["d"]:
        day = _day(m["d"], 1)  # any month's day 1–31; a day the month lacks fails on resolving
        if day is None:
            return None
        return Atom(m.start(), m.end(), "date", "D", from_ref=partial(_month_day_from, shift, day))
    return Atom(m.start(), m.end(), "date", "M", from_ref=partial(_month_from, shift))


def rel_quarter(m: re.Match[str], text: str) -> Atom:
    """本季度, 上一个季度: the quarter of the reference date, or one before or after it."""
    fn = partial(_quarter_from, DATES.relative_quarters[m.group()])
    return Atom(m.start(), m.end(), "period", from_ref=fn, priority=PERIOD_PRIORITY)


def _quarter_from(quarters: int, ref: dt.date) -> Span:
    y, m = shift_month(ref.year, (ref.month - 1) // 3 * 3 + 1, 3 * quarters)
    return day_in(y, m, 1), day_in(y, m + 2, 31)


def _month_day_from(months: int, day: int, ref: dt.date) -> Span:
    y, m = shift_month(ref.year, ref.month, months)
    return _days_from(0, dt.date(y, m, day))


def rel_week(m: re.Match[str], text: str) -> Atom:
    """下周 (Monday to Sunday), 本周五, 下周末."""
    days = DATES.weeks.days[m["d"]] if m["d"] else []
    fn = partial(_week_days, DATES.relative_weeks[m["p"]], days)
    if len(days) == 1:
        return Atom(m.start(), m.end(), "date", "D", from_ref=fn)
    return Atom(m.start(), m.end(), "period", from_ref=fn, priority=PERIOD_PRIORITY)


def calendar_count(m: re.Match[str]) -> tuple[DurationUnit, int] | None:
    """The unit and whole number of 三年, 两个月 (None when 个 is wrong or it is not a count)."""
    unit = DATES.durations.units[m["u"]]
    if (unit.classifier == "never" and m["cls"]) or (unit.classifier == "required" and not m["cls"]):
        return None
    n_text = m["n"]
    if not is_numeral(n_text) or zero_led(n_text) or is_year(n_text):
        return None  # 2018年之前 is before a date, not 2018 years ago
    n = whole_number(n_text)
    return (unit, n) if n is not None and n > 0 else None


def recent(m: re.Match[str], text: str) -> Atom | Candidate | None:
    """近三年 → the three years up to the reference date; in a rule (近4年年度考核合格) the
    window's length, ``P4Y``: it ends at each application, not at the document date."""
    if any(text.endswith(w, 0, m.start()) for w in DATES.recent.not_after):
        return None
    if m["half"]:  # 近半年内: six months
        designator, n, end, number = "M", DATES.recent.halves[m["hu"]], m.end("hu"), m["half"]
    else:
        counted = calendar_count(m)
        if counted is None:
            return None
        designator, n, end, number = counted[0].designator, counted[1], m.end("u"), m["n"]
    if designator == "Y" and P.RE_RECENT_RULE.match(text, m.end()):
        return Candidate(start=m.start(), end=end, type="duration", value=f"P{n}Y", number_text=number,
                         unit_text=m["u"], priority=PERIOD_PRIORITY, core_start=m.start("n"), core_end=m.end("n"))
    if designator != "Y" and m["pre"] == "近" and not m["tail"]:
        if P.RE_RECENT_AHEAD.match(text, end):  # 近两天可以办理好: the coming two days
            return Atom(m.start(), end, "period", from_ref=partial(ahead_of_ref, designator, n),
                        number_text=number, priority=PERIOD_PRIORITY)
        return None  # 近两个月 is mostly "nearly two months"
    return Atom(m.start(), end, "period", from_ref=partial(back_to_ref, designator, n),
                number_text=number, priority=PERIOD_PRIORITY)


def _ago_pair(m: re.Match[str], near: int, far: int) -> Atom | None:
    """五六年前, 五、六年前: from the start of the farther back to the end of the nearer."""
    unit = DATES.durations.units[m["u"]]
    if (unit.classifier == "never" and m["cls"]) or (unit.classifier == "required" and not m["cls"]):
        return None
    if unit.designator == "Y":
        back: Callable[[int, dt.date], Span] = _year_back
    elif unit.designator == "M":
        back = lambda n, ref: _month_from(-n, ref)  # noqa: E731
    else:
        week = 7 if unit.designator == "W" else 1
        back = lambda n, ref: _days_from(-n * week, ref)  # noqa: E731

    def span(ref: dt.date) -> Span:
        return back(far, ref)[0], back(near, ref)[1]

    return Atom(m.start(), m.end(), "period", from_ref=span, number_text=m["pair"] or m["n"],
                priority=PERIOD_PRIORITY, qualifier="approx")


def ago(m: re.Match[str], text: str) -> Atom | None:
    """三年前 → the year three before the reference year; 三天前 → that day."""
    if m["u"] in DATES.ago.day_units and not m["cls"]:
        return None  # 20日前: before the 20th
    pair = adjacent_pair("".join(c for c in m["pair"] if c in ONE_TO_NINE)) if m["pair"] else adjacent_pair(m["n"])
    if pair is not None:
        return _ago_pair(m, int(pair[0]), int(pair[1]))
    counted = calendar_count(m)
    if counted is None:
        return None
    unit, n = counted
    if unit.designator == "Y":
        return Atom(m.start(), m.end(), "date", "Y", from_ref=partial(_year_back, n), number_text=m["n"])
    if unit.designator == "M":
        return Atom(m.start(), m.end(), "date", "M", from_ref=partial(_month_from, -n), number_text=m["n"])
    days = -n * (7 if unit.designator == "W" else 1)
    return Atom(m.start(), m.end(), "date", "D", from_ref=partial(_days_from, days), number_text=m["n"])
