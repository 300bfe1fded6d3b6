"""Clock times, time ranges, recurrences and named days: 下午3点, 15:30, 上午9点至12点,
2024年9月12日下午3点, 每周一, 每天8点, 国庆节, 正月初一, 星期三.

Records (``type`` and ``value``):

* ``time`` — a clock time, ISO 8601: ``15:30`` → ``T15:30``, ``17点55分23秒`` →
  ``T17:55:23``; with the date written before it, ``2024年9月12日下午3点`` →
  ``2024-09-12T15:00`` (a relative date — 明天, 今晚 — is resolved against the document
  date). A range is an ISO interval: ``上午9点至12点`` → ``T09:00/T12:00``; an end
  without its own day part or date takes the other's (``下午5:00到6:00`` →
  ``T17:00/T18:00``). Day parts shift the hour (下午, 晚上 +12; 中午1点 = 13:00;
  晚上12点 = ``T24:00``). A weekday of no known week leads as Recognizers-Text writes it:
  ``周一上午10点`` → ``XXXX-WXX-1T10:00``; ``下周一上午10点`` has its date. The hedges
  大约, 约, 左右, 许 are inside the span (qualifier ``approx``), and so is 多 after an hour
  (``下午6点多`` → ``T18:00``, qualifier ``gt``); 以后, 之前 stay outside. A span into the
  next day is one range (``22:00至次日6:00`` → ``T22:00/T06:00``).
* ``set`` — a recurrence with a point in it, the timex of that point as Recognizers-Text
  writes it: ``每周一`` → ``XXXX-WXX-1``, ``每周一下午八点`` → ``XXXX-WXX-1T20:00``,
  ``每天8点`` → ``T08:00``, ``每月15日`` → ``XXXX-XX-15``, ``每年3月1日`` → ``XXXX-03-01``;
  a span of the days of any week, ``周一至周五`` or ``每周一至周五`` → ``XXXX-WXX-1/XXXX-WXX-5``
  (the clock after it, ``周一至周五上午9:00至12:00``, is its own ``T09:00/T12:00``).
  A bare ``每天`` (``P1D``) is the denominator of a rate in a reply (每天10元) and only
  the adapter reports it.
* ``date`` — named days (``times.days``): holidays on the year written before them, else
  the document's (``2024年国庆节`` → ``2024-10-01``; lunar ones through the table in
  ``times.toml``: ``2024年春节`` → ``2024-02-10``), lunar dates (``农历正月初七``) and bare
  weekdays (``星期三`` → ``XXXX-WXX-3``; not when it restates the date before it,
  ``1月24日（星期三）``). A bare weekday of a general statement (``周六、周日上课的问题``,
  ``至于星期日下午，学校从未安排上课``) is a ``set`` of the same value where it says when
  (``星期六早上半天``), and no quantity where it is only the topic of its clause (``关于周六、
  周日上课的问题``): it names no day and counts nothing, as 升学当年 names no year.

Document mode leaves out, on purpose, what :mod:`pipeline.compat.recognizers.times` reads
for the Recognizers-Text adapter: a day part without a clock (2016年1月19日下午 is the date 2016年1月19日), a bare
recurrence (每天10元: 每天 is the rate's denominator) and times counted from the moment of
speaking (2小时后: the duration 2小时).

A bare numeral + 点 or 时 is an item or a moment (三点意见, 两点要求, 第一时间, 一时): it is a
clock time only with a day part or a date before it (下午三点), a clock word after it
(三点半, 八点钟, 十点整, 三点一刻, 十点以后), in digital form (9:00), or in a range with one.
A bare Arabic hour (3点) is also one when nothing but punctuation or a time word follows.

>>> [c.value for c in find("会议定于下午3点至5点召开", Context())]
['T15:00/T17:00']
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterator

from pipeline.quantities import dates
from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.dates.lexicon import DATES
from pipeline.quantities.dates.patterns import SEPARATOR as DATE_SEPARATOR
from pipeline.quantities.times import days as named_days
from pipeline.quantities.times import patterns as P
from pipeline.quantities.times.clock import PRIORITY, clocks, date_before, ranges
from pipeline.quantities.times.lexicon import TIMES
from pipeline.text.regex import alternation
from pipeline.text.scan import FewFirsts

_OPENING_BRACKETS = frozenset(TIMES.weekdays.restating_brackets)
_WEEK_PREFIX = alternation(TIMES.weekdays.prefixes)
_WEEK_DAY = f"[{''.join(TIMES.weekdays.days)}]"
#: A span of weekdays in brackets (（星期三至星期四）), which restates the span of dates right
#: before it (1月24日至25日（星期三至星期四）).
_RESTATING_RANGE_RE = re.compile(
    rf"[{re.escape(TIMES.weekdays.restating_brackets)}](?:{_WEEK_PREFIX}){_WEEK_DAY}"
    rf"{DATE_SEPARATOR}(?:{_WEEK_PREFIX})?{_WEEK_DAY}[)）]"
)
_RESTATING_RANGES = FewFirsts(_RESTATING_RANGE_RE)  # found by str.find of its first characters
_RESTATED_WINDOW = 40  # characters looked back for the dates a span of weekdays restates
_WEEKDAY_GAP = TIMES.weekdays.restating_brackets + TIMES.weekdays.restating_commas  # 1月24日（星期三）
_WEEK_RELATIVE_ENDS = frozenset(w[-1] for w in DATES.relative_weeks)  # 下周一, 这个星期一: a known week
_HABITUAL_RE = re.compile(alternation(TIMES.weekdays.habitual))
_KNOWN_WEEK_RE = re.compile(rf"(?:{alternation(DATES.relative_weeks)})(?:{_WEEK_PREFIX})")  # 下周, 上个星期
_SENTENCE_END_RE = re.compile(f"[{re.escape(TIMES.weekdays.sentence_ends)}]")
_WEEK_AND = f"[{re.escape(TIMES.weekdays.joining)}]"
_WEEKDAY_AND_RE = re.compile(rf"{_WEEK_AND}(?:{_WEEK_PREFIX})?{_WEEK_DAY}")  # 周六、(周)日
_AND_WEEKDAY_RE = re.compile(rf"(?:{_WEEK_PREFIX}){_WEEK_DAY}{_WEEK_AND}$")
_DAY_OF_MONTH_RE = re.compile(rf"月[{P.NUMERAL_CHARS}]{{1,3}}[日号]")
_TOPIC_BEFORE_RE = re.compile(
    rf"(?:{alternation(TIMES.weekdays.topic_before)})(?:(?:{_WEEK_PREFIX})?{_WEEK_DAY}{_WEEK_AND})*$")
_TOPIC_AFTER_RE = re.compile(
    rf"[^{re.escape(TIMES.weekdays.clause_ends)}]*?(?:{alternation(TIMES.weekdays.topic_after)})")


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    """Every clock time, time range, recurrence with a point and named day in ``text``."""
    days = list(named_days.find(text, ctx))
    found = list(ranges(clocks(text, ctx, days), text, ctx.ref_date))
    used: set[int] = set()
    weekly = list(_weekly_spans(text, found))
    yield from weekly
    yield from _recurrences(text, found, used, {span.start for span in weekly})
    kept = [t for i, t in enumerate(found) if i not in used]
    yield from kept
    restating = [m.span() for m in _RESTATING_RANGES.finditer(text) if _dates_end_at(text, m.start(), ctx)]
    for day in days:
        if any(t.start < day.end and day.start < t.end for t in kept):
            continue
        if named_days.is_weekday(day) and (date_before(text, day.start, ctx, {}, gap=_WEEKDAY_GAP)
                                           or any(s <= day.start and day.end <= e for s, e in restating)):
            continue
        if named_days.is_weekday(day) and _generic_weekday(text, day):
            if _topic_weekday(text, day):
                continue  # 周六、周日上课的问题: no day and no number, no quantity
            day.type = "set"  # 星期六早上半天: every Saturday, no one day
        yield day


def _generic_weekday(text: str, day: Candidate) -> bool:
    """A bare weekday of a general statement: its sentence says what is usual, or it is
    joined to another weekday (周六、周日) or its sentence names a span of weekdays or every
    week (周一…，周二至周五…), and no week or day of a month (下周一…周三, 1月24日（星期三）
    are days of a known week). 改在星期三召开，星期五办理 stays two dates."""
    lo = max((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, day.start)), default=0)
    end = _SENTENCE_END_RE.search(text, day.end)
    hi = end.start() if end is not None else len(text)
    if _HABITUAL_RE.search(text, lo, hi) is not None:
        return True
    if _KNOWN_WEEK_RE.search(text, lo, hi) or _DAY_OF_MONTH_RE.search(text, lo, hi):
        return False
    return (_WEEKDAY_AND_RE.match(text, day.end) is not None
            or _AND_WEEKDAY_RE.search(text, max(0, day.start - 4), day.start) is not None
            or "每周" in text[lo:hi] or P.RE_WEEKDAY_RANGE.search(text, lo, hi) is not None)


def _topic_weekday(text: str, day: Candidate) -> bool:
    """The generic weekday ``day`` is only the topic of its clause (关于周六、周日上课的问题)."""
    return (_TOPIC_BEFORE_RE.search(text, max(0, day.start - 12), day.start) is not None
            or _TOPIC_AFTER_RE.match(text, day.end) is not None)


def _dates_end_at(text: str, pos: int, ctx: Context) -> bool:
    """A date or a span of dates ends at ``pos`` (1月24日至25日（星期三至星期四）)."""
    lo = max(0, pos - _RESTATED_WINDOW)
    return any(c.end == pos - lo and c.type in ("date", "period") for c in dates.find(text[lo:pos], ctx))


# --- recurrences -------------------------------------------------------------------------

def _recurrences(text: str, found: list[Candidate], used: set[int], weekly: set[int]) -> Iterator[Candidate]:
    """每周一, 每天8点, 每晚8点, 每天21:00—7:00, 每月15日: recurrences with a point (not where a
    span of weekdays starts, 每周二到周日: ``weekly`` holds their starts)."""
    for m in P.RE_RECURRENCE.finditer(text):
        if m.start() in weekly:
            continue
        unit = TIMES.recurrence.units[m["u"]]
        point, end = recurrence_point(m), m.end()
        qualifier = "exact"
        i = next((i for i, t in enumerate(found) if m.start() < t.start <= m.end() < t.end), None)
        if i is not None and unit in ("P1D", "P1W") and found[i].value:
            time = found[i]
            assert time.value is not None
            if time.start < m.end() and m["wd"] and not time.value.startswith("XXXX-WXX"):
                i = None  # 每周一 and a clock inside it that is not led by 周一
            else:
                used.add(i)
                end, qualifier = time.end, time.qualifier  # 每天6点半左右: approx, as its clock
                has_day = time.value.startswith("XXXX")
                point = time.value if has_day else "/".join((point or "") + v for v in time.value.split("/"))
        if point is None:
            continue
        yield Candidate(start=m.start(), end=end, type="set", value=point, qualifier=qualifier, priority=PRIORITY)


def _weekly_spans(text: str, found: list[Candidate]) -> Iterator[Candidate]:
    """周一至周五 (``XXXX-WXX-1/XXXX-WXX-5``): the days of every week, a recurrence, not two
    dates. A clock led by the last day (周一至周五上午9:00至12:00) keeps only its clock, which
    holds on each of those days (``T09:00/T12:00``); the bare weekdays inside the span lose
    to it as shorter overlapping candidates. Not where it restates the dates before it."""
    if not any(prefix in text for prefix in TIMES.weekdays.prefixes):
        return  # one C-level search per prefix: most texts name no weekday
    for m in P.RE_WEEKDAY_RANGE.finditer(text):
        if m.start() and text[m.start() - 1] in _WEEK_RELATIVE_ENDS:
            continue  # 下周一至周三: dates of a known week
        before = text[max(0, m.start() - 2) : m.start()]
        if len(before) == 2 and before[1] in _OPENING_BRACKETS and before[0] in P.DATE_END_CHARS:
            continue  # 1月24日至25日（星期三至星期四）: the weekdays restate the dates
        first, last = TIMES.weekdays.days[m["wd"]], TIMES.weekdays.days[m["wd2"]]
        if first >= last:
            continue
        second = m.start("wp2" if m["wp2"] else "wd2")
        for t in found:  # a clock read across the span's end: only what follows the span is a clock
            if t.value and m.start() <= t.start < m.end() < t.end and "T" in t.value:
                parts = t.value.split("/")
                if t.start < second:
                    parts = parts[-1:]  # 每周二到周日上午9:00: 二到 is no clock
                t.start = m.end()
                t.value = "/".join(part[part.index("T"):] for part in parts if "T" in part)
        yield Candidate(start=m.start(), end=m.end(), type="set", value=f"XXXX-WXX-{first}/XXXX-WXX-{last}",
                        priority=PRIORITY)


def recurrence_point(m: re.Match[str]) -> str | None:
    """The point of 每周一 (``XXXX-WXX-1``), 每月15日 (``XXXX-XX-15``), 每年3月 (``XXXX-03``),
    每月10日至13日 (``XXXX-XX-10/XXXX-XX-13``),
    每年11月1日至12月31日 (``XXXX-11-01/XXXX-12-31``), 每年第四季度 (``XXXX-10-01/XXXX-12-31``),
    每年上半年 (``XXXX-01-01/XXXX-06-30``)."""
    if m["wd"]:
        return f"XXXX-WXX-{TIMES.weekdays.days[m['wd']]}"
    if m["md"]:
        days = [named_days.whole(d) for d in (m["md"], m["md2"]) if d]
        if any(day is None or not 1 <= day <= 31 for day in days):
            return None
        return "/".join(f"XXXX-XX-{day:02d}" for day in days)
    if m["q"] or m["h"]:
        months = 3 if m["q"] else 6
        nth = named_days.whole(m["q"]) if m["q"] else "上下".index(m["h"]) + 1
        if nth is None or not 1 <= nth <= 12 // months:
            return None
        end = months * nth
        return f"XXXX-{end - months + 1:02d}-01/XXXX-{end:02d}-{monthrange(2001, end)[1]:02d}"
    if m["ya"]:
        since, until = _month_day(m["ya"], None), _month_day(m["yb"], None)
        return f"{since}/{until}" if since and until else None
    if m["ym"]:
        since = _month_day(m["ym"], m["yd"])
        if since is None or not (m["ym2"] or m["yd2"]):
            return since
        until = _month_day(m["ym2"] or m["ym"], m["yd2"])
        return f"{since}/{until}" if until is not None else None
    return None


def _month_day(month_text: str, day_text: str | None) -> str | None:
    """``XXXX-05`` for 5月, ``XXXX-04-15`` for 4月15日; None for no such month or day."""
    month = named_days.whole(month_text)
    if month is None or not 1 <= month <= 12:
        return None
    if not day_text:
        return f"XXXX-{month:02d}"
    day = named_days.whole(day_text)
    return f"XXXX-{month:02d}-{day:02d}" if day is not None and 1 <= day <= 31 else None
