"""The time readings Recognizers-Text reports that a reply leaves out, read for its suite only.

Document mode (:func:`pipeline.quantities.times.find`) leaves these out on purpose: a bare
recurrence (每天10元: 每天 is the rate's denominator), a day part without a clock
(2016年1月19日下午 is the date 2016年1月19日) and times counted from the moment of speaking
(2小时后: the duration 2小时).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.times import days as named_days
from pipeline.quantities.times import patterns as P
from pipeline.quantities.times import recurrence_point
from pipeline.quantities.times.calendar import parse_hh_mm
from pipeline.quantities.times.clock import PRIORITY, by_end, clock_time, date_before, part_of
from pipeline.quantities.times.lexicon import DAY_PARTS, TIMES
from pipeline.text.regex import alternation

#: A day part or day word alone (上午, 今晚).
RE_DAY_PART = re.compile(rf"(?P<dw>{alternation(TIMES.day_words)})|(?P<dp>{alternation(DAY_PARTS)})")
_COUNT = r"(?:[0-9]{1,3}+|[一二三四五六七八九十两半]{1,3}+)"
_UNITS = alternation(TIMES.relative.units)
#: 之后5分钟, 还剩 3 小时, 2小时后, 10分钟之前, 上个小时, 马上.
RE_FROM_NOW = re.compile(
    rf"""
    (?P<pre>{alternation(TIMES.relative.before)})[ ]?{_COUNT}[ ]?个?(?:{_UNITS})
  | (?<![{P.NUMERAL_CHARS}]){_COUNT}[ ]?个?(?:{_UNITS})(?P<post>{alternation(TIMES.relative.after)})
  | (?P<word>{alternation(TIMES.relative.words)})
    """,
    re.VERBOSE,
)
#: 现在到八点: a range from now (its clock is read with RE_CLOCK).
RE_FROM_NOW_TO = re.compile(rf"(?:{alternation(TIMES.relative.now)}){P.SEPARATOR}")


def find_extras(text: str, ctx: Context) -> Iterator[Candidate]:
    """Readings Recognizers-Text reports that dafu's document mode leaves out: a bare
    recurrence (每天 → ``P1D``), a day part without a clock (上午, 明天晚上, 7月25日早间 →
    an interval such as ``T08:00/T12:00``) and times counted from the moment of speaking
    (2小时后, 还剩5分钟, 马上; value None, as the reference has no time of day). In a reply
    每天 is the denominator of a rate, 2016年1月19日下午 is a date and 2小时 a duration."""
    for m in P.RE_RECURRENCE.finditer(text):
        if recurrence_point(m) is None:
            yield Candidate(start=m.start(), end=m.end(), type="set", value=TIMES.recurrence.units[m["u"]],
                            priority=PRIORITY)
    days = by_end(named_days.find(text, ctx))
    for m in RE_DAY_PART.finditer(text):
        cand = _day_part(m, text, ctx, days)
        if cand is not None:
            yield cand
    for m in RE_FROM_NOW.finditer(text):
        yield Candidate(start=m.start(), end=m.end(), type="time", resolved=False, priority=PRIORITY)
    for m in RE_FROM_NOW_TO.finditer(text):
        clock = P.RE_CLOCK.match(text, m.end())
        if clock is not None and clock_time(clock, part_of(clock)) is not None:
            yield Candidate(start=m.start(), end=clock.end(), type="time", resolved=False, priority=PRIORITY)


def _day_part(m: re.Match[str], text: str, ctx: Context, days: dict[int, Candidate]) -> Candidate | None:
    part = part_of(m)
    assert part is not None
    start, day, resolved = m.start(), "", True
    if m["dw"]:
        ref = ctx.ref_date
        day = (ref + dt.timedelta(days=TIMES.day_words[m["dw"]].day)).isoformat() if ref else ""
        resolved = ref is not None
    else:
        found = date_before(text, m.start(), ctx, days)
        if found is not None:
            start, day, resolved = found.start, found.value or "", found.resolved
        elif part.short:
            return None  # 早, 晚 alone: 早稻田, 晚礼服
    first, last = parse_hh_mm(part.first), parse_hh_mm(part.last)
    value = f"{day}{first.iso()}/{day}{last.iso()}" if resolved else None
    return Candidate(start=start, end=m.end(), type="time", value=value, resolved=resolved, priority=PRIORITY)
