"""One clock time as written, and ranges of two: the reading behind :mod:`times`.

A match of ``RE_CLOCK`` (下午3点, 15:30, 今晚7点, 周一上午10点) becomes a :class:`Clock`:
its hour read with its day part (下午3点 → 15:00), its day (the date written right before
it, found with the dates kind, or 今晚, or a weekday) and whether the words make it a
clock time at all (三点意见 is not). Two clocks joined by 至/到/- (or 和 … 之间) become one
range; an end without a day part or a date reads like the other (下午5:00到6:00).

>>> [c.value for c in ranges(clocks("下午5:00到6:00", Context()), "下午5:00到6:00", None)]
['T17:00/T18:00']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from pipeline.quantities import dates
from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.dates.lexicon import DATES
from pipeline.quantities.times import days as named_days
from pipeline.quantities.times import patterns as P
from pipeline.quantities.times.calendar import ClockTime, shift_hour, weekday_of
from pipeline.quantities.times.lexicon import DAY_PARTS, TIMES, ClockRule, DayPart
from pipeline.text.numerals import NumeralError, parse_number
from pipeline.text.regex import alternation
from pipeline.text.scan import FewFirsts

PRIORITY = 3
_CLOCK_ANCHORS = FewFirsts(P.RE_CLOCK_ANCHOR)  # found by str.find of its first characters
_DATE_WINDOW = 40  # characters looked back for the date of a clock time
_A_LITTLE = frozenset({"一", "两"})  # 早一点, 晚两点: a bit earlier, later
_ONE_DAY = len("2024-09-12")
#: A date written the machine way (2023-05-16, 2020/9/2): before a digital clock and a space
#: it is a timestamp of the page (发布日期：2023-05-16 09:30), a date and a clock of its own.
#: A day part or a day word with its part (今晚), before a clock that says none.
_PART_WORD_RE = re.compile(rf"(?P<dw>{alternation(TIMES.day_words)})|(?P<dp>{alternation(DAY_PARTS)})")
_CLAUSE_BREAK_RE = re.compile(r"[，,；;。！？!?\n]")
_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")
_STAMP_DATE = re.compile(r"[0-9]{4}([-/.])[0-9]{1,2}\1[0-9]{1,2}")


@dataclass(slots=True)
class Clock:
    """One clock time as read, before ranges are joined. ``day`` is the ISO text of its
    day: a date (``2024-09-12``), a weekday of no known week (``XXXX-WXX-1``) or ``""``."""

    start: int
    end: int
    time: ClockTime
    rule: ClockRule | None  # the day part's, shared with the other end of a range
    day: str = ""
    resolved: bool = True
    confirmed: bool = False
    approx: bool = False
    over: bool = False  # 下午6点多: a little past the hour
    hour_text: str = ""

    def iso(self, time: ClockTime | None = None) -> str:
        return self.day + (time or self.time).iso()


def clocks(text: str, ctx: Context, days: list[Candidate] | None = None) -> list[Clock]:
    """Every clock time written in ``text``, confirmed or not (``days``: the named days of
    :mod:`~pipeline.quantities.times.days`, which may stand before a clock)."""
    named = by_end(days if days is not None else named_days.find(text, ctx))
    out: list[Clock] = []
    for m in clock_matches(text):
        clock = _read(m, text, ctx, named, out[-1].end if out else 0)
        if clock is not None:
            out.append(clock)
    restated(out, text)
    return out


def clock_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches ``RE_CLOCK.finditer`` would give, searched for only around the rare
    characters a clock holds (点, 时, :), so that plain text is skipped in C."""
    done = 0
    for a in _CLOCK_ANCHORS.finditer(text):
        if a.start() < done:
            continue
        pos = max(done, a.start() - P.CLOCK_BEFORE)
        while (m := P.RE_CLOCK.search(text, pos, a.end() + P.CLOCK_AFTER)) is not None and m.start() < a.end():
            done = pos = m.end()
            yield m
            if m.end() > a.start():
                break


def by_end(days: Iterable[Candidate]) -> dict[int, Candidate]:
    """Named days by where they end, for :func:`date_before`."""
    return {d.end: d for d in days}


def _read(m: re.Match[str], text: str, ctx: Context, days: dict[int, Candidate], floor: int = 0) -> Clock | None:
    """The clock of a match of ``RE_CLOCK``; its date is looked for after ``floor`` (the
    clock before)."""
    part = part_of(m)
    if part is not None and part.short and not _short_part_fits(m):
        inner = P.RE_CLOCK.match(text, m.end("dp"), m.end())  # 早一点: "a bit earlier"
        return _read(inner, text, ctx, days, floor) if inner is not None and not inner["dp"] else None
    if part is None and not m["ampm"]:
        part = _part_before(text, m.start(), floor)  # 晚上开放到9:00
    time = clock_time(m, part)
    if time is None:
        return None
    clock = Clock(m.start(), m.end(), time, part.clock if part else None, hour_text=m["dh"] or m["h"],
                  approx=bool(m["approx"] or m["approx1"] or m["approx2"]), over=bool(m["over"]))
    if m["dw"]:
        shift = TIMES.day_words[m["dw"]].day
        _set_day(clock, ctx.ref_date + dt.timedelta(days=shift) if ctx.ref_date else None)
    elif m["wd"] and m["wrel"]:  # 下周一上午
        weekday, weeks = TIMES.weekdays.days[m["wd"]], DATES.relative_weeks[m["wrel"]]
        _set_day(clock, weekday_of(ctx.ref_date, weekday, weeks) if ctx.ref_date else None)
    elif m["wd"]:  # 周一上午: a Monday of no known week
        clock.day = f"XXXX-WXX-{TIMES.weekdays.days[m['wd']]}"
    else:
        found = date_before(text, clock.start, ctx, days, floor=floor)
        if found is not None and m["dh"] and found.end < clock.start and _STAMP_DATE.fullmatch(text, found.start,
                                                                                              found.end):
            found = None  # 2023-05-16 09:30: the date is a date, the clock a time
        if found is not None:
            clock.start = found.start
            _set_day(clock, found.date_start, found.value)
    clock.confirmed = _confirmed(m, clock, part, text)
    return clock


def _part_before(text: str, start: int, floor: int) -> DayPart | None:
    """The day part said shortly before a clock in its clause, after the clock before it
    (``floor``): 晚上开放到9:00, 晚上的十点; a short one (晚于9点) says none."""
    lo = max(floor, start - TIMES.clock.part_reach)
    found = None
    for m in _PART_WORD_RE.finditer(text, lo, start):
        found = m
    if found is None or _CLAUSE_BREAK_RE.search(text, found.end(), start) is not None:
        return None
    between = text[found.end() : start]
    if max(between.rfind("（"), between.rfind("(")) > max(between.rfind("）"), between.rfind(")")):
        return None  # 夜间（7:00-19:00）: a bracket says its clock in full
    part = part_of(found)
    return None if part is None or part.short else part


def restated(found: list[Clock], text: str) -> None:
    """A clock without a day part that restates one of its sentence with one, same hour and
    minute (调整为下午四点半接幼儿，…不方便四点半接), takes its time. One pass: the clocks with
    a day part of the sentence so far, by the 12-hour time they restate."""
    said: dict[tuple[int, int], Clock] = {}
    previous_end = 0
    for clock in found:
        if _SENTENCE_END_RE.search(text, previous_end, clock.start) is not None:
            said.clear()
        previous_end = clock.end
        if clock.rule is not None:
            if clock.time.hour > 12:
                said[(clock.time.hour - 12, clock.time.minute)] = clock
            continue
        before = said.get((clock.time.hour, clock.time.minute)) if clock.time.hour < 12 else None
        if before is not None:
            clock.time, clock.rule = before.time, before.rule


def _set_day(clock: Clock, day: dt.date | None, value: str | None = None) -> None:
    clock.day = value or (day.isoformat() if day else "")
    clock.resolved = bool(clock.day)


def part_of(m: re.Match[str]) -> DayPart | None:
    """The day part a match of ``RE_CLOCK`` or ``RE_DAY_PART`` names (今晚 names 晚上)."""
    if m["dw"]:
        return DAY_PARTS[TIMES.day_words[m["dw"]].part]
    return DAY_PARTS[m["dp"]] if m["dp"] else None


def _short_part_fits(m: re.Match[str]) -> bool:
    """早, 晚 lead a clock only with a clock word or an hour other than 一, 两: 早8点, 早八点,
    not 早一点 or 晚两点 (a bit earlier, later)."""
    if m["dh"] or m["m"] or m["mw"] or m["tail"]:
        return True
    return bool(m["h"]) and m["h"] not in _A_LITTLE


def _number(text: str) -> int | None:
    if text in TIMES.clock.zero_hours:
        return 0
    try:
        return int(parse_number(text.lstrip("零") or "0"))
    except (NumeralError, ValueError):
        return None


def clock_time(m: re.Match[str], part: DayPart | None) -> ClockTime | None:
    """The 24-hour time of a match of ``RE_CLOCK`` said after ``part``."""
    rule = part.clock if part else None
    if m["dh"]:
        hour, minute = int(m["dh"]), int(m["dm"])
        if m["ampm"]:
            pm = m["ampm"] in TIMES.clock.pm
            hour = hour + 12 if pm and hour < 12 else (0 if not pm and hour == 12 else hour)
        else:
            hour = shift_hour(hour, rule)
        return _valid(hour, minute, int(m["ds"]) if m["ds"] else None)
    hour_n = _number(m["h"])
    minute_text = m["m"] or m["mb"]
    minute_n = TIMES.clock.minute_words[m["mw"]] if m["mw"] else (_number(minute_text) if minute_text else 0)
    second = _number(m["s"]) if m["s"] else None
    if hour_n is None or minute_n is None or (m["s"] and second is None):
        return None
    return _valid(shift_hour(hour_n, rule), minute_n, second)


def _valid(hour: int, minute: int, second: int | None) -> ClockTime | None:
    if hour > 24 or minute > 59 or (second or 0) > 59 or (hour == 24 and (minute or second)):
        return None
    return ClockTime(hour, minute, second)


def date_before(
    text: str, pos: int, ctx: Context, days: dict[int, Candidate], *, gap: str = " ", floor: int = 0
) -> Candidate | None:
    """The one-day date written right before ``pos`` (2024年9月12日, 明天, 国庆节), within
    its sentence and after ``floor``; one character of ``gap`` may stand between."""
    lo = max(floor, pos - _DATE_WINDOW)
    for stop in P.RE_SENTENCE_END.finditer(text, lo, pos):
        lo = stop.end()
    end = pos - 1 if pos > lo and text[pos - 1] in gap else pos
    if end <= lo:
        return None
    named = days.get(end)
    found = [named] if named is not None and named.start >= lo else []
    last = text[end - 1]
    rel = P.RE_REL_DAY_BEFORE.search(text, lo, end) if not found and last in P.REL_DAY_LAST_CHARS else None
    if rel is not None:  # 昨天, also after 从 (which the dates kind refuses: 从前天 …)
        shift = DATES.relative_days[rel.group()]
        rel_day = ctx.ref_date + dt.timedelta(days=shift) if ctx.ref_date else None
        found = [Candidate(rel.start(), end, "date", value=rel_day.isoformat() if rel_day else None,
                           date_start=rel_day, date_end=rel_day, resolved=rel_day is not None)]
    weekday = last in P.WEEKDAY_CHARS and text[end - 2 : end - 1] in P.WEEK_PREFIX_ENDS
    if not found and (last in P.DATE_END_CHARS or weekday):
        found = [replace(c, start=c.start + lo, end=c.end + lo) for c in dates.find(text[lo:end], ctx)
                 if c.end == end - lo and c.type == "date"]
    if not found:
        return None
    cand = found[-1]
    if cand.date_start != cand.date_end or (cand.value is not None and len(cand.value) != _ONE_DAY
                                            and not cand.value.startswith("XXXX-WXX")):
        return None  # 2024年, 9月: not one day
    return cand


def _confirmed(m: re.Match[str], clock: Clock, part: DayPart | None, text: str) -> bool:
    """Whether the words make this a clock time (see :mod:`times`)."""
    if m["dh"]:
        return not P.RE_RATIO_BEFORE.search(text, max(0, m.start() - 3), m.start())  # 比例1:50
    if part is not None or clock.day or not clock.resolved:
        return True
    h = m["h"]
    after = m.end("tail") if m["tail"] else m.end("hm")
    if m["hm"] == "时" and text[after : after + 1] in P.HOUR_NOT_BEFORE:
        return False  # 第一时间, 那时候
    if m["m"] or m["mw"] or m["tail"] or (m["mb"] and m["mb"].isascii()):
        return True
    if m["mb"] or m["over"]:
        return False  # 三点五 is 3.5; 增长了3点多 may be 3.x (a day part, a date or 钟 makes it a clock)
    start = m.start("h")
    if (P.RE_BARE_NOT_AFTER.search(text, max(0, start - 2), start)
            or P.RE_DAYS_BEFORE.search(text, max(0, start - 2), start)):
        return False  # 第3点, 以下3点, 8天20时, 数量>3时
    if m["approx"] and len(m["approx"]) > 1:
        return True  # 大约十点
    if h in TIMES.clock.zero_hours:
        return not P.CJK.match(text, m.end()) or bool(P.RE_CN_BARE_FOLLOWER.match(text, m.end()))
    if not h.isascii():
        return bool(P.RE_CN_BARE_FOLLOWER.match(text, m.end()))  # 十点以后, not 三点意见
    return not P.CJK.match(text, m.end()) or bool(P.RE_BARE_FOLLOWER.match(text, m.end()))


# --- ranges ------------------------------------------------------------------------------

def ranges(found: list[Clock], text: str, ref: dt.date | None) -> Iterator[Candidate]:
    """Join 9点至12点 and 4点和9点之间 into ranges; keep the confirmed single times."""
    i = 0
    while i < len(found):
        a = found[i]
        joined = _join(a, found[i + 1], text, ref) if i + 1 < len(found) else None
        if joined is not None:
            yield joined
            i += 2
            continue
        i += 1
        lead = _bare_lead(a, text)
        if lead is not None:
            yield lead
        elif a.confirmed:
            yield _record(a.start, a.end, a.iso() if a.resolved else None, a, over=a.over)


def _join(a: Clock, b: Clock, text: str, ref: dt.date | None) -> Candidate | None:
    if not (a.confirmed or b.confirmed):
        return None
    end = b.end
    if P.RE_NEXT_DAY_GAP.fullmatch(text, a.end, b.start):
        return _overnight(a, b, text)
    if not P.RE_RANGE_GAP.fullmatch(text, a.end, b.start):
        tail = P.RE_BETWEEN_TAIL.match(text, b.end)
        if not P.RE_BETWEEN_GAP.fullmatch(text, a.end, b.start) or tail is None:
            return None
        end = tail.end()
    first, last = a.iso(), b.iso()
    if not b.day:  # 下午5:00到6:00, 昨天下午两点到四点: the second end reads like the first
        last = a.day + (_reshift(b.time, a.rule) if b.rule is None else b.time).iso()
    elif not a.day and ref is not None and b.day[:1].isdigit():
        first = ref.isoformat() + a.time.iso()  # 2点-明天4点: the first end is today
    resolved = a.resolved and b.resolved
    return _record(a.start, end, f"{first}/{last}" if resolved else None, a, approx=b.approx)


def _overnight(a: Clock, b: Clock, text: str) -> Candidate:
    """22:00至次日6:00, 晚上22:30—次日凌晨6:30: one range into the next day. Its end is read
    as written (no day part of the first end shifts it) on the day after the first end's
    date; without a date, ``T22:00/T06:00`` (the end before the start is the next day's).
    A 间 or 之间 after the end stays outside, as after one clock (在21点至次日2点间收运)."""
    day = ""
    if a.day[:1].isdigit():
        day = (dt.date.fromisoformat(a.day[:_ONE_DAY]) + dt.timedelta(days=1)).isoformat()
    value = f"{a.iso()}/{day}{b.time.iso()}" if a.resolved and b.resolved else None
    return _record(a.start, b.end, value, a, approx=b.approx)


def _reshift(time: ClockTime, rule: ClockRule | None) -> ClockTime:
    if rule is None or time.hour > 12:
        return time
    return ClockTime(shift_hour(time.hour, rule), time.minute, time.second)


def _bare_lead(b: Clock, text: str) -> Candidate | None:
    """早上五到六点, 9到12点: a range whose first end has no 点."""
    gap = next((g for g in P.RE_RANGE_GAP.finditer(text, max(0, b.start - 3), b.start) if g.end() == b.start), None)
    if gap is None:
        return None
    lead = P.RE_BARE_HOUR.search(text, max(0, gap.start() - 6), gap.start())
    if lead is None or not (b.confirmed or lead["dp"] or lead["dw"]):
        return None
    part = part_of(lead)
    if (part is not None and part.short) or P.RE_BARE_NOT_AFTER.search(text, max(0, lead.start() - 2), lead.start()):
        return None  # 第1-3点
    hour = _number(lead["h"])
    if hour is None or hour > 24:
        return None
    rule = part.clock if part else b.rule
    first = ClockTime(shift_hour(hour, rule))
    last = b.time if b.rule is not None else _reshift(b.time, rule)
    value = f"{b.day}{first.iso()}/{b.day}{last.iso()}" if b.resolved else None
    return _record(lead.start(), b.end, value, b)


def _record(start: int, end: int, value: str | None, clock: Clock, *, approx: bool = False,
            over: bool = False) -> Candidate:
    qualifier = "approx" if clock.approx or approx else "gt" if over else "exact"
    return Candidate(start=start, end=end, type="time", value=value, resolved=value is not None,
                     qualifier=qualifier,
                     number_text=clock.hour_text, priority=PRIORITY)
